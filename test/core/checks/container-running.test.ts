/**
 * container-running over fake tools: how long it waits is told by how often it sleeps, so the
 * rules are asserted without a clock.
 */
import {describe, expect, test} from 'vitest';
import {z} from 'zod';
import type {CheckTools, ContainerStateAnswer} from '../../../source/core/checks/check-tools.js';
import {containerRunning} from '../../../source/core/checks/container-running.js';

function runAgainst(answer: ContainerStateAnswer): Promise<{result: Awaited<ReturnType<typeof containerRunning.run>>; sleeps: number}> {
	let now = 1_000_000;
	let sleeps = 0;
	const tools = {
		inspectContainer: async () => answer,
		now: () => now,
		async sleep(milliseconds: number) {
			sleeps++;
			now += milliseconds;
		},
	} as unknown as CheckTools;
	const check = containerRunning.schema(z).parse({type: 'container-running', container: 'db-1', stableSeconds: 5});
	return containerRunning.run(check, {signal: new AbortController().signal, deadline: now + 60_000, since: now, tools}).then(result => ({result, sleeps}));
}

const exited = (restartPolicy?: {Name: string; MaximumRetryCount?: number}, exitCode = 1): ContainerStateAnswer => ({
	RestartCount: 0,
	State: {Status: 'exited', Restarting: false, ExitCode: exitCode},
	...(restartPolicy ? {HostConfig: {RestartPolicy: restartPolicy}} : {}),
});

describe('container-running', () => {
	test.each([
		['no restart policy', exited()],
		['restart policy "no"', exited({Name: 'no'})],
		['on-failure after a clean exit', exited({Name: 'on-failure'}, 0)],
		['on-failure with its retries used up', {...exited({Name: 'on-failure', MaximumRetryCount: 3}), RestartCount: 3}],
	])('fails at once for an exited container nothing starts again: %s', async (_case, answer) => {
		const {result, sleeps} = await runAgainst(answer);
		expect(result).toEqual({status: 'fail', detail: expect.stringMatching(/^container db-1 is exited \(exit code \d/)});
		expect(sleeps).toBe(0);
	});

	test.each([
		['always', exited({Name: 'always'})],
		['unless-stopped', exited({Name: 'unless-stopped'})],
		['on-failure after a failure', exited({Name: 'on-failure', MaximumRetryCount: 3})],
	])('waits for an exited container its restart policy may start again: %s', async (_case, answer) => {
		const {result, sleeps} = await runAgainst(answer);
		expect(result.status).toBe('fail');
		expect(sleeps).toBeGreaterThan(10);
	});
});

describe('container-running on a container created but never started', () => {
	test('fails at once when it has sat so for a while: nothing starts it', async () => {
		const {result, sleeps} = await runAgainst({RestartCount: 0, Created: new Date(1_000_000 - 60_000).toISOString(), State: {Status: 'created', ExitCode: 0}});
		expect(result).toEqual({status: 'fail', detail: 'container db-1 was created but never started; nothing starts it by itself'});
		expect(sleeps).toBe(0);
	});

	test('waits for one created a moment ago, as compose up starts it', async () => {
		const {result, sleeps} = await runAgainst({RestartCount: 0, Created: new Date(1_000_000).toISOString(), State: {Status: 'created', ExitCode: 0}});
		expect(result.status).toBe('fail');
		expect(sleeps).toBeGreaterThan(10);
	});
});
