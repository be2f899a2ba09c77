/**
 * The real Docker engine for integration tests, driven through the docker CLI (the code under
 * test uses the engine client; the tests set up their broken containers independently of it).
 * Everything a test creates carries the label `unblock.test=<run id>` and is removed by that
 * label, so a test never touches anything else. No vitest import here: global setup uses it.
 */
import {spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {busyboxImage} from '../../bench/busybox-image.js';

// The image builder lives with the benchmark, whose container fleets use the same image.
export {ensureBusyboxImage as ensureTestImage} from '../../bench/busybox-image.js';
export const testImage = busyboxImage;
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

/** The docker CLI; `host`: an engine other than the one it talks to by default. */
export function docker(args: readonly string[], options: {input?: string; allowFailure?: boolean; timeout?: number; host?: string} = {}): string {
	const result = spawnSync('docker', options.host ? ['--host', options.host, ...args] : args, {encoding: 'utf8', input: options.input, timeout: options.timeout ?? 60_000});
	if (result.status !== 0 && !options.allowFailure) {
		throw new Error(`docker ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
	}

	return (result.stdout ?? '').trim();
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
export function removeTestResources(host?: string): void {
	const filter = `label=${testLabelKey}=${runId}`;
	const run = (args: readonly string[]) => docker(args, {allowFailure: true, host});
	const containers = run(['ps', '-aq', '--filter', filter]).split('\n').filter(Boolean);
	if (containers.length > 0) {
		run(['rm', '-f', '-v', ...containers]);
	}

	const volumes = run(['volume', 'ls', '-q', '--filter', filter]).split('\n').filter(Boolean);
	if (volumes.length > 0) {
		run(['volume', 'rm', '-f', ...volumes]);
	}

	const networks = run(['network', 'ls', '-q', '--filter', filter]).split('\n').filter(Boolean);
	if (networks.length > 0) {
		run(['network', 'rm', ...networks]);
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
