import {describe, expect, it} from 'vitest';
import {countKinds, fleetIdentity, hasSettled, parseContainerStates, planFleet, runArguments} from '../../bench/fleet-plan.js';

const identity = fleetIdentity('4242-abcdef');

describe('planFleet', () => {
	it.each([
		[10, {running: 4, healthy: 2, unhealthy: 1, 'exited-ok': 1, 'exited-error': 1, restarting: 1}],
		[50, {running: 20, healthy: 10, unhealthy: 5, 'exited-ok': 5, 'exited-error': 5, restarting: 5}],
		[200, {running: 80, healthy: 40, unhealthy: 20, 'exited-ok': 20, 'exited-error': 20, restarting: 20}],
		[3, {running: 1, healthy: 1, unhealthy: 1, 'exited-ok': 0, 'exited-error': 0, restarting: 0}],
	])('holds every kind of container at %d', (count, expected) => {
		expect(countKinds(planFleet(count, identity))).toEqual(expected);
	});

	it('grows in place: the first ten of fifty are the fleet of ten', () => {
		expect(planFleet(50, identity).slice(0, 10)).toEqual(planFleet(10, identity));
	});

	it('names each container after the run, its place and its kind', () => {
		expect(planFleet(3, identity).map(member => member.name)).toEqual([
			'unblock-bench-4242-abcdef-001-running',
			'unblock-bench-4242-abcdef-002-healthy',
			'unblock-bench-4242-abcdef-003-unhealthy',
		]);
	});
});

describe('runArguments', () => {
	const [running, , unhealthy, , , , , , restarting] = planFleet(10, identity);

	it('labels every container with the run and a compose project of its own', () => {
		expect(runArguments(running!, identity, 'unblock-test/busybox:1').slice(0, 11)).toEqual([
			'run', '--detach', '--name', 'unblock-bench-4242-abcdef-001-running',
			'--label', 'unblock.bench=4242-abcdef',
			'--label', 'com.docker.compose.project=unblock-bench-4242-abcdef',
			'--label', 'com.docker.compose.service=running-1',
			'unblock-test/busybox:1',
		]);
	});

	it('gives the unhealthy one a failing health check every 15 s', () => {
		const args = runArguments(unhealthy!, identity, 'unblock-test/busybox:1');
		expect(args.slice(10, 20)).toEqual(['--health-cmd', 'echo "connection refused: db:5432" >&2; exit 1', '--health-interval', '15s', '--health-timeout', '5s', '--health-retries', '1', 'unblock-test/busybox:1', 'sh']);
	});

	it('restarts the restarting one always, after it ran five seconds', () => {
		const args = runArguments(restarting!, identity, 'unblock-test/busybox:1');
		expect(args.slice(10, 12)).toEqual(['--restart', 'always']);
		expect(args.at(-1)).toMatch(/sleep 5; exit 1$/);
	});
});

describe('parseContainerStates and hasSettled', () => {
	const states = parseContainerStates('/web|running|healthy|0\n/db|running|starting|0\n/loop|restarting||3\n/job|exited||0\n');

	it('reads docker inspect\'s lines', () => {
		expect(states).toEqual([
			{name: 'web', status: 'running', health: 'healthy', restartCount: 0},
			{name: 'db', status: 'running', health: 'starting', restartCount: 0},
			{name: 'loop', status: 'restarting', restartCount: 3},
			{name: 'job', status: 'exited', restartCount: 0},
		]);
	});

	it('waits for a health check to have answered', () => {
		expect(hasSettled('healthy', states[0]!)).toBe(true);
		expect(hasSettled('unhealthy', states[1]!)).toBe(false);
		expect(hasSettled('healthy', states[1]!)).toBe(false);
	});

	it('counts a restarting container once it restarted, and an exited one once it exited', () => {
		expect(hasSettled('restarting', states[2]!)).toBe(true);
		expect(hasSettled('restarting', {name: 'loop', status: 'running', restartCount: 0})).toBe(false);
		expect(hasSettled('exited-error', states[3]!)).toBe(true);
		expect(hasSettled('exited-ok', states[0]!)).toBe(false);
	});
});
