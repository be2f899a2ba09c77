/**
 * A real Podman service for the Podman suite: the one at UNBLOCK_PODMAN_HOST (.ci/run starts
 * `podman system service` on a socket of its own and sets it), else Podman's usual sockets when
 * one answers. Where none answers the suite skips with the reason; with UNBLOCK_REQUIRE_PODMAN=1
 * (CI) it fails instead. The podman CLI sets up the containers, through the same service, and
 * everything it creates carries this run's label and is removed by it.
 */
import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {describe} from 'vitest';
import {runId, testLabelKey} from './docker-cli.js';

export const podmanRequired = process.env.UNBLOCK_REQUIRE_PODMAN === '1';

/**
 * Podman's default limits (a million open files) are more than a sandboxed CI may grant, and
 * `podman run` then fails with "error setting rlimits"; the containers ask for what they need.
 */
export const podmanLimits = ['--ulimit', 'nofile=1024:1024', '--ulimit', 'nproc=1024:1024'];

type PodmanService = {readonly ok: true; readonly host: string} | {readonly ok: false; readonly reason: string};

let service: PodmanService | undefined;

function candidates(): string[] {
	if (process.env.UNBLOCK_PODMAN_HOST) {
		return [process.env.UNBLOCK_PODMAN_HOST];
	}

	const sockets = [
		...(process.env.XDG_RUNTIME_DIR ? [path.join(process.env.XDG_RUNTIME_DIR, 'podman', 'podman.sock')] : []),
		'/run/podman/podman.sock',
	];
	return sockets.filter(socket => existsSync(socket)).map(socket => `unix://${socket}`);
}

export function podmanService(): PodmanService {
	if (!service) {
		const hosts = candidates();
		let reason = process.env.UNBLOCK_PODMAN_HOST ? '' : 'UNBLOCK_PODMAN_HOST is not set and no Podman socket exists';
		for (const host of hosts) {
			const result = spawnSync('podman', ['--url', host, 'version', '--format', '{{.Server.Version}}'], {encoding: 'utf8', timeout: 15_000});
			if (result.status === 0) {
				service = {ok: true, host};
				return service;
			}

			reason = `${host}: ${(result.error?.message ?? result.stderr ?? 'podman did not answer').trim().split('\n')[0]}`;
		}

		service = {ok: false, reason};
	}

	return service;
}

/** `describe` for suites that need the Podman service; skips with the reason, or fails under UNBLOCK_REQUIRE_PODMAN=1. */
export function describeWithPodman(name: string, body: (host: string) => void): void {
	const found = podmanService();
	if (!found.ok && podmanRequired) {
		describe(name, () => {
			throw new Error(`UNBLOCK_REQUIRE_PODMAN=1 but no Podman service answers: ${found.reason}. Start one with podman system service --time=0 unix:///path/podman.sock and set UNBLOCK_PODMAN_HOST (see .ci/run).`);
		});
		return;
	}

	if (!found.ok) {
		console.warn(`[unblock tests] skipping "${name}": no Podman service answers (${found.reason}). Set UNBLOCK_PODMAN_HOST, or UNBLOCK_REQUIRE_PODMAN=1 to make this a failure.`);
	}

	describe.skipIf(!found.ok)(name, () => {
		body(found.ok ? found.host : '');
	});
}

/** The podman CLI against the service. */
export function podman(host: string, args: readonly string[], options: {allowFailure?: boolean} = {}): string {
	const result = spawnSync('podman', ['--url', host, ...args], {encoding: 'utf8', timeout: 120_000});
	if (result.status !== 0 && !options.allowFailure) {
		throw new Error(`podman ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
	}

	return (result.stdout ?? '').trim();
}

/** Removes exactly the containers this run created on the service. */
export function removePodmanTestResources(host: string): void {
	const containers = podman(host, ['ps', '-aq', '--filter', `label=${testLabelKey}=${runId}`], {allowFailure: true}).split('\n').filter(Boolean);
	if (containers.length > 0) {
		podman(host, ['rm', '-f', ...containers], {allowFailure: true});
	}
}
