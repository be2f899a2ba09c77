/**
 * The benchmark's containers on the real engine, driven through the docker CLI: created in
 * parallel batches, waited on until each shows its state, and removed by the run's label (only
 * those, also after an error or Ctrl-C).
 */
import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createLimiter} from '../source/adapters/concurrency-limiter.js';
import {benchLabelKey, hasSettled, parseContainerStates, planFleet, runArguments, stateFormat, type FleetIdentity, type FleetMember} from './fleet-plan.js';

export type Fleet = FleetIdentity & {
	readonly image: string;
	members: FleetMember[];
};

export type DockerResult = {readonly code: number; readonly stdout: string; readonly stderr: string};

const inflight = new Set<ChildProcess>();

export async function dockerAsync(args: readonly string[]): Promise<DockerResult> {
	return new Promise(resolve => {
		const child = spawn('docker', args, {stdio: ['ignore', 'pipe', 'pipe']});
		inflight.add(child);
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString('utf8');
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
		});
		child.on('error', error => {
			resolve({code: -1, stdout, stderr: error.message});
		});
		child.on('close', code => {
			inflight.delete(child);
			resolve({code: code ?? -1, stdout, stderr});
		});
	});
}

/** Adds members until the fleet holds `count`, `concurrency` `docker run`s at a time. */
export async function growFleet(fleet: Fleet, count: number, concurrency = 8): Promise<void> {
	const added = planFleet(count, fleet).slice(fleet.members.length);
	const limit = createLimiter(concurrency);
	const results = await Promise.all(added.map(async member => limit(async () => ({member, result: await dockerAsync(runArguments(member, fleet, fleet.image))}))));
	fleet.members = [...fleet.members, ...results.filter(({result}) => result.code === 0).map(({member}) => member)];
	const failed = results.find(({result}) => result.code !== 0);
	if (failed) {
		throw new Error(`docker run ${failed.member.name} failed: ${failed.result.stderr.trim().split('\n')[0] ?? ''}`);
	}
}

/** Polls until every member shows its state (the unhealthy ones reported unhealthy, ...); false at the deadline. */
export async function waitUntilSettled(fleet: Fleet, timeoutMs: number): Promise<{settled: boolean; unsettled: string[]}> {
	const deadline = Date.now() + timeoutMs;
	const kinds = new Map(fleet.members.map(member => [member.name, member.kind]));
	let unsettled = fleet.members.map(member => member.name);
	for (;;) {
		const result = await dockerAsync(['inspect', '--format', stateFormat, ...unsettled]);
		const states = parseContainerStates(result.stdout);
		const done = new Set(states.filter(state => hasSettled(kinds.get(state.name)!, state)).map(state => state.name));
		unsettled = unsettled.filter(name => !done.has(name));
		if (unsettled.length === 0) {
			return {settled: true, unsettled};
		}

		if (Date.now() > deadline) {
			return {settled: false, unsettled};
		}

		await new Promise(resolve => setTimeout(resolve, 1000));
	}
}

/**
 * Removes every container carrying this run's label. Synchronous, so it also works on the way out
 * of a signal handler. A `docker run` cut short may still have its container created, so after
 * stopping those the label is swept twice, a second apart.
 */
export function removeFleet(runId: string): number {
	const interrupted = inflight.size > 0;
	for (const child of inflight) {
		child.kill('SIGKILL');
	}

	let removed = removeLabelled(runId);
	if (interrupted) {
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
		removed += removeLabelled(runId);
	}

	return removed;
}

function removeLabelled(runId: string): number {
	const filter = `label=${benchLabelKey}=${runId}`;
	const listed = spawnSync('docker', ['ps', '-a', '-q', '--filter', filter], {encoding: 'utf8', timeout: 60_000});
	const ids = (listed.stdout ?? '').split('\n').filter(Boolean);
	if (ids.length > 0) {
		spawnSync('docker', ['rm', '--force', '--volumes', ...ids], {stdio: 'ignore', timeout: 180_000});
	}

	return ids.length;
}

export type EngineStatus = {readonly ok: true; readonly version: string} | {readonly ok: false; readonly reason: string};

export function engineStatus(): EngineStatus {
	const result = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], {encoding: 'utf8', timeout: 15_000});
	if (result.status === 0 && result.stdout.trim()) {
		return {ok: true, version: result.stdout.trim()};
	}

	const reason = (result.error?.message ?? result.stderr ?? '').trim().split('\n')[0];
	return {ok: false, reason: reason || 'docker did not answer'};
}
