/**
 * The real Docker engine for integration tests, driven through the docker CLI (the code under
 * test uses dockerode; the tests set up their broken containers independently of it).
 * Everything a test creates carries the label `unblock.test=<run id>` and is removed by that
 * label, so a test never touches anything else. No vitest import here: global setup uses it.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync, copyFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const testImage = 'unblock-test/busybox:1';
export const testLabelKey = 'unblock.test';
export const runId = `${process.pid}-${randomBytes(3).toString('hex')}`;
export const required = process.env.UNBLOCK_REQUIRE_DOCKER === '1';

let availability: {ok: boolean; reason: string} | undefined;

export function engineAvailability(): {ok: boolean; reason: string} {
	if (!availability) {
		const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {encoding: 'utf8', timeout: 15_000});
		availability = result.status === 0
			? {ok: true, reason: ''}
			: {ok: false, reason: (result.error?.message ?? result.stderr ?? 'docker did not answer').trim().split('\n')[0] ?? 'docker did not answer'};
	}

	return availability;
}

export function docker(args: readonly string[], options: {input?: string; allowFailure?: boolean; timeout?: number} = {}): string {
	const result = spawnSync('docker', args, {encoding: 'utf8', input: options.input, timeout: options.timeout ?? 60_000});
	if (result.status !== 0 && !options.allowFailure) {
		throw new Error(`docker ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
	}

	return (result.stdout ?? '').trim();
}

/**
 * Builds the busybox test image once per machine with `docker import`: no registry is reachable
 * here. The rootfs has busybox applets in /bin, a passwd with an unprivileged user 1000 and no
 * curl or wget.
 */
export function ensureTestImage(): string {
	if (spawnSync('docker', ['image', 'inspect', testImage], {stdio: 'ignore'}).status === 0) {
		return testImage;
	}

	const busybox = ['/bin/busybox', '/usr/bin/busybox'].find(candidate => existsSync(candidate));
	if (!busybox) {
		throw new Error('busybox is not installed: apt-get install -y busybox-static');
	}

	const root = mkdtempSync(path.join(os.tmpdir(), 'unblock-rootfs-'));
	try {
		for (const directory of ['bin', 'tmp', 'etc', 'app', 'data', 'root', 'home/app']) {
			mkdirSync(path.join(root, directory), {recursive: true});
		}

		chmodSync(path.join(root, 'tmp'), 0o1777);
		copyFileSync(busybox, path.join(root, 'bin', 'busybox'));
		chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
		const applets = execFileSync(busybox, ['--list'], {encoding: 'utf8'}).split('\n').filter(Boolean);
		for (const applet of applets) {
			// `busybox --list` names busybox itself; linking it would replace the binary.
			if (applet !== 'busybox' && !applet.includes('/')) {
				symlinkSync('busybox', path.join(root, 'bin', applet));
			}
		}

		// busybox has no curl, which is what "executable file not found" health checks need. Its
		// wget link is dropped too, though busybox sh may still run the applet internally.
		rmSync(path.join(root, 'bin', 'wget'), {force: true});
		writeFileSync(path.join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n');
		writeFileSync(path.join(root, 'etc', 'group'), 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n');
		const tar = spawnSync('tar', ['-C', root, '-c', '.'], {maxBuffer: 64 * 1024 * 1024});
		if (tar.status !== 0) {
			throw new Error(`tar failed: ${tar.stderr.toString()}`);
		}

		const imported = spawnSync('docker', ['import', '--change', 'ENV PATH=/bin', '--change', 'WORKDIR /', '-', testImage], {input: tar.stdout, timeout: 120_000});
		if (imported.status !== 0) {
			throw new Error(`docker import failed: ${imported.stderr.toString()}`);
		}
	} finally {
		rmSync(root, {recursive: true, force: true});
	}

	return testImage;
}

/** A unique, labelled container name for this run. */
export function uniqueName(purpose: string): string {
	return `unblock-test-${purpose}-${randomBytes(3).toString('hex')}`;
}

/** The arguments every test container needs: the run's label. */
export function labelArgs(extra: Record<string, string> = {}): string[] {
	const labels = {[testLabelKey]: runId, ...extra};
	return Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
}

/** Removes exactly what this run created: containers, then volumes and networks with its label. */
export function removeTestResources(): void {
	const filter = `label=${testLabelKey}=${runId}`;
	const containers = docker(['ps', '-aq', '--filter', filter], {allowFailure: true}).split('\n').filter(Boolean);
	if (containers.length > 0) {
		docker(['rm', '-f', '-v', ...containers], {allowFailure: true});
	}

	const volumes = docker(['volume', 'ls', '-q', '--filter', filter], {allowFailure: true}).split('\n').filter(Boolean);
	if (volumes.length > 0) {
		docker(['volume', 'rm', '-f', ...volumes], {allowFailure: true});
	}

	const networks = docker(['network', 'ls', '-q', '--filter', filter], {allowFailure: true}).split('\n').filter(Boolean);
	if (networks.length > 0) {
		docker(['network', 'rm', ...networks], {allowFailure: true});
	}
}

/** Polls until `predicate` holds; returns false when the deadline passes. */
export async function waitFor(predicate: () => boolean | Promise<boolean>, timeoutMs = 30_000, intervalMs = 250): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await predicate()) {
			return true;
		}

		await new Promise(resolve => setTimeout(resolve, intervalMs));
	}

	return predicate();
}

export function inspectState(name: string): {Status: string; Restarting: boolean; ExitCode: number; OOMKilled: boolean; Error: string; Health?: {Status: string}} {
	return JSON.parse(docker(['inspect', '--format', '{{json .State}}', name])) as ReturnType<typeof inspectState>;
}

export function restartCount(name: string): number {
	return Number(docker(['inspect', '--format', '{{.RestartCount}}', name]));
}

/** A root-owned host directory (mode 0755) to bind-mount where a non-root process must write. */
export function rootOwnedDirectory(purpose: string): string {
	const directory = mkdtempSync(path.join(os.tmpdir(), `unblock-test-${purpose}-`));
	chmodSync(directory, 0o755);
	return directory;
}
