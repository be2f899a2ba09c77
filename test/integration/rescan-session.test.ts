/**
 * Rescans in one session on the real engine, as the wizard makes them: answers kept from the last
 * scan must never hide what changed since. A restart loop's new restarts, a health check turning
 * healthy, a running container's new log lines and an exited container started again all show.
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {connectToEngine} from '../../source/adapters/docker-client.js';
import {scanEngine} from '../../source/adapters/docker-engine.js';
import {ScanSession} from '../../source/adapters/scan-session.js';
import type {ContainerSnapshot, Snapshot} from '../../source/core/snapshot.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, restartCount, testImage, uniqueName, waitFor} from '../support/engine.js';

describeWithEngine('rescans in a session', () => {
	const project = uniqueName('rescan');
	const names = {looping: uniqueName('looping'), ticking: uniqueName('ticking'), oneshot: uniqueName('oneshot')};
	let session: ScanSession;
	let first: Snapshot;

	const rescan = async () => scanEngine({environment: {}, project, session});
	const find = (snapshot: Snapshot, name: string): ContainerSnapshot => {
		const found = snapshot.containers.find(container => container.name === name);
		if (!found) {
			throw new Error(`${name} is not in the snapshot`);
		}

		return found;
	};

	const texts = (container: ContainerSnapshot) => container.logs?.lines.map(line => line.text) ?? [];

	beforeAll(async () => {
		const labels = (service: string) => labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service});
		docker(['run', '-d', '--name', names.looping, ...labels('looping'), '--restart', 'always', testImage, 'sh', '-c', 'echo "crashing now"; sleep 1; exit 1']);
		docker(['run', '-d', '--name', names.ticking, ...labels('ticking'), '--health-cmd', 'test -f /tmp/ready', '--health-interval', '1s', '--health-retries', '1',
			testImage, 'sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done']);
		docker(['run', '-d', '--name', names.oneshot, ...labels('oneshot'), testImage, 'sh', '-c', 'echo "run $(cat /proc/sys/kernel/random/uuid)"; exit 4']);
		expect(await waitFor(() => restartCount(names.looping) >= 1 && inspectState(names.ticking).Health?.Status === 'unhealthy' && inspectState(names.oneshot).Status === 'exited', 60_000)).toBe(true);
		session = new ScanSession(connectToEngine({}, {}));
		first = await rescan();
	});

	afterAll(() => {
		session?.close();
		removeTestResources();
	});

	it('sees the restarts a loop made since the last scan', async () => {
		const crashes = (text: string) => text.split('\n').filter(line => line.includes('crashing now')).length;
		const before = find(first, names.looping);
		const linesBefore = texts(before).filter(text => text === 'crashing now').length;
		// A restart is counted as the process starts, a moment before it prints: wait for both.
		expect(await waitFor(() => restartCount(names.looping) > before.restartCount && crashes(docker(['logs', names.looping])) > linesBefore, 60_000)).toBe(true);
		const after = find(await rescan(), names.looping);
		expect(after.restartCount).toBeGreaterThan(before.restartCount);
		expect(texts(after).filter(text => text === 'crashing now').length).toBeGreaterThan(linesBefore);
	});

	it('sees new log lines of a running container', async () => {
		const last = texts(find(await rescan(), names.ticking)).at(-1);
		expect(last).toMatch(/^tick \d+$/);
		expect(await waitFor(() => docker(['logs', '--tail', '1', names.ticking]) !== last, 10_000)).toBe(true);
		const now = texts(find(await rescan(), names.ticking)).at(-1);
		expect(Number(now?.replace('tick ', ''))).toBeGreaterThan(Number(last?.replace('tick ', '')));
	});

	it('sees a health check turn healthy', async () => {
		expect(find(await rescan(), names.ticking).health?.status).toBe('unhealthy');
		docker(['exec', names.ticking, 'touch', '/tmp/ready']);
		expect(await waitFor(() => inspectState(names.ticking).Health?.Status === 'healthy', 30_000)).toBe(true);
		expect(find(await rescan(), names.ticking).health?.status).toBe('healthy');
	});

	it('tells who follows it about the changes a person would see, not about health probes', async () => {
		const changes: string[] = [];
		const stop = session.onChange(change => {
			if (change.project === project) {
				changes.push(change.action);
			}
		});
		try {
			const name = uniqueName('probed');
			docker(['run', '-d', '--name', name, ...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': 'probed'}), '--health-cmd', 'true', '--health-interval', '1s', testImage, 'sleep', '600']);
			expect(await waitFor(() => inspectState(name).Health?.Status === 'healthy', 30_000)).toBe(true);
			// A few probes more: each is an exec the engine reports, and none of them is a change.
			await new Promise(resolve => {
				setTimeout(resolve, 3000);
			});
			docker(['rm', '-f', name]);
			expect(await waitFor(() => changes.includes('destroy'), 10_000)).toBe(true);
			expect(changes.filter(action => !['create', 'start', 'health_status: healthy', 'kill', 'die', 'destroy'].includes(action))).toEqual([]);
			expect(changes).toContain('health_status: healthy');
		} finally {
			stop();
		}
	});

	it('sees an exited container that ran again', async () => {
		const before = texts(find(await rescan(), names.oneshot));
		expect(before).toHaveLength(1);
		docker(['start', names.oneshot]);
		expect(await waitFor(() => docker(['logs', names.oneshot]).split('\n').length === 2 && inspectState(names.oneshot).Status === 'exited', 30_000)).toBe(true);
		const after = find(await rescan(), names.oneshot);
		expect(texts(after)).toHaveLength(2);
		expect(texts(after)[0]).toBe(before[0]);
		expect(after.exitCode).toBe(4);
	});
});

describeWithEngine('a session following the engine', () => {
	afterAll(() => {
		removeTestResources();
	});

	it('still hears of changes long after the time it gave the event stream to open', async () => {
		const project = uniqueName('following');
		const session = new ScanSession(connectToEngine({}, {}));
		const changes: string[] = [];
		const stop = session.onChange(change => {
			if (change.project === project) {
				changes.push(change.action);
			}
		});
		try {
			await scanEngine({environment: {}, project, session, connectTimeoutMs: 300});
			// The stream opened within 300 ms; it must stay open after them.
			await new Promise(resolve => {
				setTimeout(resolve, 1500);
			});
			docker(['run', '-d', '--name', uniqueName('late'), ...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': 'late'}), testImage, 'sleep', '600']);
			expect(await waitFor(() => changes.includes('start'), 10_000)).toBe(true);
		} finally {
			stop();
			session.close();
		}
	});
});
