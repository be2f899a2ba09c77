import {describe, expect, test} from 'vitest';
import type {CheckResult} from '../../../source/core/checks/check-result.js';
import type {Check} from '../../../source/core/playbook-schema.js';
import {driveFix} from '../../../source/core/guided-fix/drive-fix.js';
import type {FixAction} from '../../../source/core/guided-fix/fix-action.js';
import type {CommandResult, ExecutableCommand, FixRuntime, OutputLine} from '../../../source/core/guided-fix/fix-runtime-contract.js';
import {formatFixSummary, summarizeFix} from '../../../source/core/guided-fix/fix-summary.js';
import {runStepWork} from '../../../source/core/guided-fix/run-step-work.js';
import {apply, atFailedStep, check, moveOn, start} from './fix-states.js';

type FakeOptions = {
	readonly command?: (command: ExecutableCommand, onOutput: (line: OutputLine) => void, signal: AbortSignal) => Promise<CommandResult>;
	readonly check?: (check: Check) => CheckResult;
};

/** A runtime that runs nothing: it records what it was asked and answers as told. */
function fakeRuntime(options: FakeOptions = {}) {
	const log: string[] = [];
	let clock = 10_000;
	const runtime: FixRuntime = {
		async runCommand(command, onOutput, signal) {
			log.push(`run ${command.display}`);
			if (options.command) {
				return options.command(command, onOutput, signal);
			}

			onOutput({text: `ran ${command.argv[0] ?? ''}`});
			return {outcome: {kind: 'exited', exitCode: 0}, output: [{text: `ran ${command.argv[0] ?? ''}`}], truncated: false};
		},
		async runCheck(check, _signal, since) {
			log.push(`check ${check.type} since ${since}`);
			return options.check?.(check) ?? {status: 'pass', detail: 'fine'};
		},
		now: () => {
			clock += 1000;
			return clock;
		},
	};
	return {runtime, log};
}

const volumeStillThere = (check: Check): CheckResult => check.type === 'host-command'
	? {status: 'fail', detail: 'docker volume inspect pgdata exited 0, expected 1'}
	: {status: 'pass', detail: 'fine'};

describe('driveFix with --yes', () => {
	test('shows every command before it runs, refuses what needs a person, then checks everything again', async () => {
		const {runtime, log} = fakeRuntime({check: volumeStillThere});
		const shown: string[] = [];
		const state = await driveFix(start({assumeYes: true}), runtime, {
			onWork(work) {
				shown.push(work.kind === 'command' ? `$ ${work.command.display}` : `checks: ${work.checks.length}`);
			},
		});

		expect(state.phase).toEqual({name: 'done'});
		expect(shown).toEqual([
			'$ docker inspect --format \'{{.State.Status}}\' db-1',
			'$ docker port \'db-1\' | grep -c \'5432\'',
			'checks: 1',
			'checks: 4',
		]);
		expect(log).toEqual([
			'run docker inspect --format \'{{.State.Status}}\' db-1',
			'run docker port \'db-1\' | grep -c \'5432\'',
			'check port-listening since 12000',
			'check host-command since 1000',
			'check container-running since 1000',
			'check log-absent since 1000',
			'check port-listening since 12000',
		]);
		expect(formatFixSummary(summarizeFix(state))).toBe(`Summary of postgres-data-reset: Postgres refuses its data directory
  1. Read the state of db-1: ran, exited with code 0
  2. Remove the data volume: refused: it destroys pgdata; --yes runs destructive steps only with --allow-destructive
  3. Recreate the container: refused: it is done by hand; run unblock fix without --yes to do it
  4. See that the port answers: ran, exited with code 0, checks pass
Checks now
  fail  docker volume inspect pgdata exits 1: docker volume inspect pgdata exited 0, expected 1
  pass  container db-1 is running and stays up for 5s without a restart: fine
  pass  the log of db-1 shows no /FATAL: .* db-1/ within 10s of the step: fine
  pass  something listens on 127.0.0.1:5432: fine
Not fixed: 1 of 4 checks still fail.
`);
	});

	test('does not call it fixed when every check passes but no step that changes anything was done', async () => {
		const {runtime} = fakeRuntime();
		const summary = summarizeFix(await driveFix(start({assumeYes: true}), runtime));
		expect(summary.steps.map(step => step.status)).toEqual(['passed', 'refused', 'refused', 'passed']);
		expect(summary.verdict).toBe('unchanged');
		expect(formatFixSummary(summary).trimEnd().split('\n').at(-1)).toBe('Passing now, but no step of this fix changed anything: the problem went away by itself or was fixed elsewhere.');
	});

	test('with --allow-destructive it runs the destructive step too', async () => {
		const {runtime, log} = fakeRuntime();
		const state = await driveFix(start({assumeYes: true, allowDestructive: true}), runtime);
		expect(log.filter(line => line.startsWith('run '))).toEqual([
			'run docker inspect --format \'{{.State.Status}}\' db-1',
			'run docker volume rm pgdata',
			'run docker port \'db-1\' | grep -c \'5432\'',
		]);
		const summary = summarizeFix(state);
		expect(summary.verdict).toBe('fixed');
		expect(summary.steps.map(step => [step.id, step.status, step.verdict])).toEqual([
			['read-state', 'passed', 'unchecked'],
			['remove-volume', 'passed', 'fixed'],
			['recreate', 'refused', 'fixed'],
			['check-port', 'passed', 'fixed'],
		]);
		expect(formatFixSummary(summary).split('\n').at(-2)).toBe('Fixed: every check passes now.');
	});

	test('Ctrl-C stops the running command and ends the fix', async () => {
		const controller = new AbortController();
		const {runtime} = fakeRuntime({
			async command(_command, onOutput, signal) {
				onOutput({text: 'working'});
				setTimeout(() => {
					controller.abort();
				}, 10);
				await new Promise(resolve => {
					signal.addEventListener('abort', resolve, {once: true});
				});
				return {outcome: {kind: 'cancelled'}, output: [{text: 'working'}], truncated: false};
			},
		});
		const state = await driveFix(start({assumeYes: true}), runtime, {signal: controller.signal});
		expect(state.phase).toEqual({name: 'done'});
		expect(state.quit).toBe(true);
		expect(state.records[0]?.attempts.map(attempt => [attempt.outcome, attempt.reason])).toEqual([[{kind: 'cancelled'}, 'stopped by you']]);
		expect(formatFixSummary(summarizeFix(state)).split('\n').at(-2)).toBe('Stopped before the final checks: nothing is confirmed fixed.');
	});

	test('without --yes it stops where a person is needed', async () => {
		const {runtime, log} = fakeRuntime();
		const state = await driveFix(start(), runtime);
		expect(state.phase).toEqual({name: 'ready'});
		expect(log).toEqual([]);
	});
});

describe('runStepWork', () => {
	test('hands output on in batches and reports the command\'s end', async () => {
		const {runtime} = fakeRuntime({
			async command(_command, onOutput) {
				for (const text of ['one', 'two', 'three']) {
					onOutput({text});
				}

				return {outcome: {kind: 'exited', exitCode: 0}, output: [], truncated: false};
			},
		});
		const actions: FixAction[] = [];
		await runStepWork({kind: 'command', id: 7, command: {argv: ['x'], display: 'x', timeoutSeconds: 5}}, runtime, action => actions.push(action), new AbortController().signal);
		expect(actions).toEqual([
			{type: 'output-received', workId: 7, lines: [{text: 'one'}, {text: 'two'}, {text: 'three'}]},
			{type: 'command-finished', workId: 7, result: {outcome: {kind: 'exited', exitCode: 0}, output: [], truncated: false}, startedAt: 11_000},
		]);
	});

	test('reports nothing once the work was aborted', async () => {
		const controller = new AbortController();
		const {runtime, log} = fakeRuntime({
			check(check) {
				controller.abort();
				return {status: 'pass', detail: check.type};
			},
		});
		const actions: FixAction[] = [];
		await runStepWork({kind: 'checks', id: 3, checks: [{check: {type: 'port-free', port: '1'}}, {check: {type: 'port-free', port: '2'}}]}, runtime, action => actions.push(action), controller.signal);
		expect(actions).toEqual([]);
		// The checks of a step look at the same time; neither result is reported.
		expect(log).toEqual(['check port-free since 11000', 'check port-free since 11000']);
	});

	test('a step the user did is checked since the checks start', async () => {
		const {runtime} = fakeRuntime();
		const actions: FixAction[] = [];
		await runStepWork({kind: 'checks', id: 4, checks: [{check: {type: 'port-free', port: '1'}}, {check: {type: 'port-free', port: '2'}, since: 500}]}, runtime, action => actions.push(action), new AbortController().signal);
		expect(actions).toEqual([
			{type: 'check-finished', workId: 4, index: 0, result: {status: 'pass', detail: 'fine'}, since: 11_000},
			{type: 'check-finished', workId: 4, index: 1, result: {status: 'pass', detail: 'fine'}, since: 500},
		]);
	});

	test('a runtime that throws still yields a failed check', async () => {
		const runtime: FixRuntime = {
			runCommand: async () => ({outcome: {kind: 'exited', exitCode: 0}, output: [], truncated: false}),
			async runCheck() {
				throw new Error('engine exploded');
			},
			now: () => 1,
		};
		const actions: FixAction[] = [];
		await runStepWork({kind: 'checks', id: 5, checks: [{check: {type: 'port-free', port: '1'}}]}, runtime, action => actions.push(action), new AbortController().signal);
		expect(actions).toEqual([{type: 'check-finished', workId: 5, index: 0, result: {status: 'fail', detail: 'the check could not run: engine exploded'}, since: 1}]);
	});

	// It used to reject, which the wizard (it does not await runStepWork) turned into an unhandled rejection.
	test('a runtime whose command throws yields a command that could not start, with its output so far', async () => {
		const runtime: FixRuntime = {
			async runCommand(_command, onOutput) {
				onOutput({text: 'partial'});
				throw new Error('spawn exploded');
			},
			runCheck: async () => ({status: 'pass', detail: 'fine'}),
			now: () => 1,
		};
		const actions: FixAction[] = [];
		await runStepWork({kind: 'command', id: 6, command: {argv: ['true'], display: 'true', timeoutSeconds: 5}}, runtime, action => actions.push(action), new AbortController().signal);
		expect(actions).toEqual([
			{type: 'output-received', workId: 6, lines: [{text: 'partial'}]},
			{type: 'command-finished', workId: 6, result: {outcome: {kind: 'not-started', reason: 'the command could not run: spawn exploded'}, output: [], truncated: false}, startedAt: 1},
		]);
	});
});

describe('summary of an interactive fix', () => {
	test('says what was tried, what failed and what was skipped', () => {
		const state = apply(atFailedStep(), moveOn, {type: 'skip'}, {type: 'skip'}, check(0), check(1), check(2, 'fail'));
		expect(formatFixSummary(summarizeFix(state))).toBe(`Summary of postgres-data-reset: Postgres refuses its data directory
  1. Read the state of db-1: ran, exited with code 0
  2. Remove the data volume: failed: the check failed: docker volume inspect pgdata exits 1: still broken
  3. Recreate the container: skipped
  4. See that the port answers: skipped
Checks now
  pass  docker volume inspect pgdata exits 1: fine
  pass  container db-1 is running and stays up for 5s without a restart: fine
  fail  the log of db-1 shows no /FATAL: .* db-1/ within 10s of the step: still broken
  not run  something listens on 127.0.0.1:{port}: check-port needs {port}
Not fixed: 1 of 4 checks still fail.
`);
		expect(summarizeFix(state).steps.map(step => step.verdict)).toEqual(['unchecked', 'fixed', 'not-fixed', 'unchecked']);
	});

	test('a dry run says nothing was run', () => {
		const state = apply(start({dryRun: true}), moveOn, moveOn, moveOn, moveOn);
		expect(formatFixSummary(summarizeFix(state))).toBe(`Summary of postgres-data-reset: Postgres refuses its data directory
  1. Read the state of db-1: not run (dry run)
  2. Remove the data volume: not run (dry run)
  3. Recreate the container: not run (dry run)
  4. See that the port answers: not run (dry run)
Dry run: nothing was run.
`);
	});
});
