/**
 * How checks wait, over fake tools and a fake clock: a look that fails is taken again until it
 * passes or time is up, a one-shot check looks once, a container gone during a recreate is "not
 * yet", and log-absent watches its own window.
 */
import {describe, expect, test} from 'vitest';
import type {CheckTools, ContainerStateAnswer} from '../../../source/core/checks/check-tools.js';
import {runCheckType, withTimeoutAtMost} from '../../../source/core/checks/run-check-type.js';
import type {CommandResult} from '../../../source/core/command-result.js';
import {checkSchema} from '../../../source/core/playbook-schema.js';

const start = 1_000_000;

function fakeWorld(tools: Partial<CheckTools>): {tools: CheckTools; clock: {now: number}} {
	const clock = {now: start};
	return {
		clock,
		tools: {
			now: () => clock.now,
			async sleep(milliseconds: number) {
				clock.now += milliseconds;
			},
			describeEngineError: (_error: unknown, container: string) => `no container named ${container}`,
			isMissingContainer: (error: unknown) => (error as {statusCode?: number}).statusCode === 404,
			...tools,
		} as CheckTools,
	};
}

function exited(exitCode: number, output = ''): CommandResult {
	return {outcome: {kind: 'exited', exitCode}, output: output ? [{text: output}] : [], truncated: false};
}

async function run(input: unknown, world: {tools: CheckTools}, timeoutSeconds = 30) {
	const check = checkSchema.parse(input);
	return runCheckType(check, {signal: new AbortController().signal, deadline: start + (timeoutSeconds * 1000), since: start, tools: world.tools});
}

describe('a check that looks once per try', () => {
	test('a host command that fails at first passes once what it checks has settled (a process dying after kill)', async () => {
		const answers = [exited(0, '4242'), exited(0, '4242'), exited(1)];
		let calls = 0;
		const world = fakeWorld({runOnHost: async () => answers[Math.min(calls++, answers.length - 1)]!});
		const result = await run({type: 'host-command', command: ['ps', '-p', '4242'], exitCode: 1}, world);
		expect(result.status).toBe('pass');
		expect(calls).toBe(3);
	});

	test('one that never passes fails with its last look, at its deadline', async () => {
		let calls = 0;
		const world = fakeWorld({runOnHost: async () => {
			calls++;
			return exited(0, 'still there');
		}});
		const result = await run({type: 'host-command', command: ['ps', '-p', '4242'], exitCode: 1}, world, 10);
		expect(result).toEqual({status: 'fail', detail: 'ps -p 4242 exited 0, expected 1: still there'});
		expect(calls).toBeGreaterThan(5);
		expect(world.clock.now).toBeLessThanOrEqual(start + 10_000);
	});

	test('a one-shot check looks once', async () => {
		let calls = 0;
		const world = fakeWorld({runOnHost: async () => {
			calls++;
			return exited(0);
		}});
		const result = await run({type: 'host-command', command: ['ps', '-p', '4242'], exitCode: 1, oneShot: true}, world);
		expect(result.status).toBe('fail');
		expect(calls).toBe(1);
	});
});

describe('container-running while the container is recreated', () => {
	test('a container missing at first is waited for, and passes once it is up', async () => {
		let looks = 0;
		let startedAt: string | undefined;
		const world = fakeWorld({});
		world.tools.inspectContainer = async () => {
			looks++;
			if (looks <= 3) {
				throw Object.assign(new Error('no such container'), {statusCode: 404});
			}

			startedAt ??= new Date(world.clock.now).toISOString();
			return {RestartCount: 0, State: {Status: 'running', StartedAt: startedAt}} satisfies ContainerStateAnswer;
		};

		const result = await run({type: 'container-running', container: 'db-1', stableSeconds: 2}, world);
		expect(result.status).toBe('pass');
	});

	test('a container that never comes fails at the deadline, saying it is not there', async () => {
		const world = fakeWorld({inspectContainer: async () => {
			throw Object.assign(new Error('no such container'), {statusCode: 404});
		}});
		const result = await run({type: 'container-running', container: 'db-1', stableSeconds: 2}, world, 10);
		expect(result).toEqual({status: 'fail', detail: 'there is no container named db-1 (yet)'});
		expect(world.clock.now).toBeGreaterThan(start + 8000);
	});

	test('any other engine error fails at once', async () => {
		const world = fakeWorld({
			inspectContainer: async () => {
				throw Object.assign(new Error('boom'), {statusCode: 500});
			},
			describeEngineError: () => 'the engine said boom',
		});
		const result = await run({type: 'container-running', container: 'db-1'}, world);
		expect(result).toEqual({status: 'fail', detail: 'the engine said boom'});
		expect(world.clock.now).toBe(start);
	});
});

describe('log-absent', () => {
	test('passes only after its window went by without the line', async () => {
		let reads = 0;
		const world = fakeWorld({containerLogSince: async () => {
			reads++;
			return 'listening\n';
		}});
		const result = await run({type: 'log-absent', container: 'db-1', pattern: 'FATAL', watchSeconds: 5}, world);
		expect(result.status).toBe('pass');
		expect(world.clock.now).toBe(start + 5000);
		expect(reads).toBeGreaterThan(1);
	});

	test('fails as soon as the line shows within the window', async () => {
		const world = fakeWorld({});
		world.tools.containerLogSince = async () => world.clock.now >= start + 3000 ? 'starting\nFATAL: lock file exists\n' : 'starting\n';
		const result = await run({type: 'log-absent', container: 'db-1', pattern: 'FATAL', watchSeconds: 10}, world);
		expect(result).toEqual({status: 'fail', detail: expect.stringContaining('FATAL: lock file exists')});
		expect(world.clock.now).toBe(start + 3000);
	});
});

describe('withTimeoutAtMost (the final round)', () => {
	test('caps a check that looks again, keeps one that is shorter, and leaves a container-running check time to see it stay up', () => {
		expect(withTimeoutAtMost(checkSchema.parse({type: 'host-command', command: ['true'], timeoutSeconds: 300}), 45).timeoutSeconds).toBe(45);
		expect(withTimeoutAtMost(checkSchema.parse({type: 'host-command', command: ['true'], timeoutSeconds: 10}), 45).timeoutSeconds).toBe(10);
		expect(withTimeoutAtMost(checkSchema.parse({type: 'container-healthy', container: 'db'}), 45).timeoutSeconds).toBe(45);
		expect(withTimeoutAtMost(checkSchema.parse({type: 'container-running', container: 'db', stableSeconds: 60, timeoutSeconds: 120}), 45).timeoutSeconds).toBe(70);
	});

	test('a one-shot check is one long look and keeps its time', () => {
		const build = checkSchema.parse({type: 'host-command', command: ['docker', 'compose', 'build'], timeoutSeconds: 600, oneShot: true});
		expect(withTimeoutAtMost(build, 45)).toBe(build);
	});
});
