/**
 * The image every test and benchmark container runs: busybox imported as a rootfs with
 * `docker import` (or `podman import`), because no registry can be pulled from here. Busybox
 * applets in /bin, a passwd with an unprivileged user `app` (uid 1000), and no curl or wget.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const busyboxImage = 'unblock-test/busybox:1';

/**
 * Builds the image once per engine; a no-op when the engine already has it. `cli`: the command
 * that talks to the engine, `docker` or e.g. `podman --url unix:///run/podman.sock`.
 */
export function ensureBusyboxImage(cli: readonly [string, ...string[]] = ['docker']): string {
	const [program, ...options] = cli;
	if (spawnSync(program, [...options, 'image', 'inspect', busyboxImage], {stdio: 'ignore'}).status === 0) {
		return busyboxImage;
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

		const imported = spawnSync(program, [...options, 'import', '--change', 'ENV PATH=/bin', '--change', 'WORKDIR /', '-', busyboxImage], {input: tar.stdout, timeout: 120_000});
		if (imported.status !== 0) {
			throw new Error(`${program} import failed: ${imported.stderr.toString()}`);
		}
	} finally {
		rmSync(root, {recursive: true, force: true});
	}

	return busyboxImage;
}
