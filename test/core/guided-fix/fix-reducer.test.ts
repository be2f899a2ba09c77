import {describe, expect, test} from 'vitest';
import {availableActions} from '../../../source/core/guided-fix/available-actions.js';
import {createFixState, reduceFix} from '../../../source/core/guided-fix/fix-reducer.js';
import {examplePlaybook} from '../step-plans/example-playbook.js';
import type {FixState} from '../../../source/core/guided-fix/fix-state.js';
import {currentStepPlan} from '../../../source/core/guided-fix/current-step-plan.js';
import {pendingWork} from '../../../source/core/guided-fix/pending-work.js';
import {formatFixSummary, summarizeFix} from '../../../source/core/guided-fix/fix-summary.js';
import {
	apply,
	atDestructiveStep,
	atFailedStep,
	atManualStep,
	atQuestion,
	check,
	confirm,
	facts,
	finish,
	finished,
	moveOn,
	run,
	start,
	steps,
	workId,
	type Step,
} from './fix-states.js';

/** What a row of the table expects: the step and phase, and what matters in that phase. */
function view(state: FixState): Record<string, unknown> {
	const {phase} = state;
	const base = {step: state.stepIndex, phase: phase.name};
	switch (phase.name) {
		case 'needs-variables': {
			return {...base, variable: phase.request.name, ...(phase.error ? {error: phase.error} : {})};
		}

		case 'ready': {
			return {...base, ...(phase.notice ? {notice: phase.notice} : {})};
		}

		case 'confirm-destructive': {
			return {...base, target: phase.target, ...(phase.error ? {error: phase.error} : {})};
		}

		case 'running': {
			return {...base, argv: phase.command.argv.join(' '), output: phase.output.map(line => line.text)};
		}

		case 'checking': {
			return {...base, checks: phase.checks.map(planned => planned.description), recheck: phase.recheck, since: phase.attempt.since};
		}

		case 'failed': {
			return {...base, reason: phase.reason, hintShown: phase.hintShown};
		}

		default: {
			return base;
		}
	}
}

type Row = [name: string, from: () => FixState, action: Step, expected: Record<string, unknown>];

const transitions: Row[] = [
	['the first step starts ready', () => start(), () => ({type: 'back'}), {step: 0, phase: 'ready'}],
	['run starts the command', start, run, {step: 0, phase: 'running', argv: 'docker inspect --format {{.State.Status}} db-1', output: []}],
	['output arrives while it runs', () => apply(start(), run), () => ({type: 'output-received', workId: 1, lines: [{text: 'running'}]}), {step: 0, phase: 'running', argv: 'docker inspect --format {{.State.Status}} db-1', output: ['running']}],
	['a step without checks passes when its command exits 0', () => apply(start(), run), finish(), {step: 0, phase: 'passed'}],
	['a step without checks fails when its command exits non-zero', () => apply(start(), run), finish({kind: 'exited', exitCode: 1}), {step: 0, phase: 'failed', reason: 'exited with code 1', hintShown: false}],
	['a command that could not start fails the step', () => apply(start(), run), finish({kind: 'not-started', reason: 'docker was not found; is it installed and on the PATH?'}), {step: 0, phase: 'failed', reason: 'could not start: docker was not found; is it installed and on the PATH?', hintShown: false}],
	['a command that timed out fails the step', () => apply(start(), run), finish({kind: 'timed-out', afterSeconds: 120}), {step: 0, phase: 'failed', reason: 'timed out after 120s and was stopped', hintShown: false}],
	['Ctrl-C stops the command and returns to the step', () => apply(start(), run), () => ({type: 'cancel'}), {step: 0, phase: 'ready', notice: 'Stopped: the command and every process it started were ended.'}],
	['quit while running ends the fix', () => apply(start(), run), () => ({type: 'quit'}), {step: 0, phase: 'done'}],
	['move on after a pass', () => steps(start(), run, finish()), moveOn, {step: 1, phase: 'ready'}],
	['back after a pass', () => atDestructiveStep(), () => ({type: 'back'}), {step: 0, phase: 'ready'}],
	['a destructive step asks for the name it destroys', atDestructiveStep, run, {step: 1, phase: 'confirm-destructive', target: 'pgdata'}],
	['a wrong name does not run it', () => apply(atDestructiveStep(), run), confirm('pgdata2'), {step: 1, phase: 'confirm-destructive', target: 'pgdata', error: 'That is not "pgdata". Type the name exactly to go ahead, or go back.'}],
	['the exact name runs it', () => apply(atDestructiveStep(), run), confirm(' pgdata '), {step: 1, phase: 'running', argv: 'docker volume rm pgdata', output: []}],
	['back leaves the confirmation', () => apply(atDestructiveStep(), run), () => ({type: 'back'}), {step: 1, phase: 'ready'}],
	['cancel leaves the confirmation', () => apply(atDestructiveStep(), run), () => ({type: 'cancel'}), {step: 1, phase: 'ready'}],
	['after the command its checks run', () => steps(atDestructiveStep(), run, confirm()), finish(), {step: 1, phase: 'checking', checks: ['docker volume inspect pgdata exits 1'], recheck: false, since: 2000}],
	['checks decide even when the command failed', () => steps(atDestructiveStep(), run, confirm(), finish({kind: 'exited', exitCode: 1})), check(0), {step: 1, phase: 'passed'}],
	['a failing check fails the step with its detail', () => steps(atDestructiveStep(), run, confirm(), finish()), check(0, 'fail'), {step: 1, phase: 'failed', reason: 'the check failed: docker volume inspect pgdata exits 1: still broken', hintShown: false}],
	['a failing check after a failed command says both', () => steps(atDestructiveStep(), run, confirm(), finish({kind: 'exited', exitCode: 1})), check(0, 'fail'), {step: 1, phase: 'failed', reason: 'exited with code 1; the check failed: docker volume inspect pgdata exits 1: still broken', hintShown: false}],
	['show the hint', atFailedStep, () => ({type: 'show-hint'}), {step: 1, phase: 'failed', reason: 'the check failed: docker volume inspect pgdata exits 1: still broken', hintShown: true}],
	['retry a destructive step asks for the name again', atFailedStep, () => ({type: 'retry'}), {step: 1, phase: 'confirm-destructive', target: 'pgdata'}],
	['recheck runs the checks again since the same start', atFailedStep, () => ({type: 'recheck'}), {step: 1, phase: 'checking', checks: ['docker volume inspect pgdata exits 1'], recheck: true, since: 2000}],
	['move on after a failure', atFailedStep, moveOn, {step: 2, phase: 'ready'}],
	['back after a failure', atFailedStep, () => ({type: 'back'}), {step: 0, phase: 'ready'}],
	['stopping the checks fails the step', () => steps(atDestructiveStep(), run, confirm(), finish()), () => ({type: 'cancel'}), {step: 1, phase: 'failed', reason: 'the checks were stopped before they finished', hintShown: false}],
	['quit while checking ends the fix', () => steps(atDestructiveStep(), run, confirm(), finish()), () => ({type: 'quit'}), {step: 1, phase: 'done'}],
	['a step done by hand: I did it runs its checks', atManualStep, () => ({type: 'did-it-myself'}), {step: 2, phase: 'checking', checks: ['container db-1 is running and stays up for 5s without a restart', 'the log of db-1 shows no /FATAL: .* db-1/ within 10s of the step'], recheck: false, since: undefined}],
	['checks finish one by one', () => apply(atManualStep(), {type: 'did-it-myself'}), check(1), {step: 2, phase: 'checking', checks: ['container db-1 is running and stays up for 5s without a restart', 'the log of db-1 shows no /FATAL: .* db-1/ within 10s of the step'], recheck: false, since: 3000}],
	['the last check decides the step', () => steps(apply(atManualStep(), {type: 'did-it-myself'}), check(1)), check(0), {step: 2, phase: 'passed'}],
	['retry of a step done by hand checks again', () => steps(apply(atManualStep(), {type: 'did-it-myself'}), check(1), check(0, 'fail')), () => ({type: 'retry'}), {step: 2, phase: 'checking', checks: ['container db-1 is running and stays up for 5s without a restart', 'the log of db-1 shows no /FATAL: .* db-1/ within 10s of the step'], recheck: false, since: undefined}],
	['skip goes on and asks for what the next step needs', atManualStep, () => ({type: 'skip'}), {step: 3, phase: 'needs-variables', variable: 'port'}],
	['a refused answer stays on the question', atQuestion, () => ({type: 'answer-variable', name: 'port', value: '54 32'}), {step: 3, phase: 'needs-variables', variable: 'port', error: String.raw`"54 32" cannot be used: it does not match the pattern \d{1,5}.`}],
	['a hostile answer is refused', atQuestion, () => ({type: 'answer-variable', name: 'port', value: '--privileged'}), {step: 3, phase: 'needs-variables', variable: 'port', error: String.raw`"--privileged" cannot be used: it does not match the pattern \d{1,5}.`}],
	['a good answer makes the step ready', atQuestion, () => ({type: 'answer-variable', name: 'port', value: ' 5433 '}), {step: 3, phase: 'ready'}],
	['back from a question', atQuestion, () => ({type: 'back'}), {step: 2, phase: 'ready'}],
	['skip a question', atQuestion, () => ({type: 'skip'}), {step: 4, phase: 'final-check'}],
	['the last step leads to the final checks', () => steps(apply(atQuestion(), {type: 'answer-variable', name: 'port', value: '5433'}), run, finish()), check(0), {step: 3, phase: 'passed'}],
];

describe('reduceFix transitions', () => {
	test.each(transitions)('%s', (_name, from, action, expected) => {
		expect(view(apply(from(), action))).toEqual(expected);
	});
});

const ignored: Array<[name: string, from: () => FixState, action: Step]> = [
	['run while running', () => apply(start(), run), run],
	['output for other work', () => apply(start(), run), () => ({type: 'output-received', workId: 99, lines: [{text: 'x'}]})],
	['a late result of stopped work', () => apply(start(), run), state => ({...finished(state), workId: 99})],
	['a check result while running', () => apply(start(), run), () => ({type: 'check-finished', workId: 1, index: 0, result: {status: 'pass', detail: ''}, since: 0})],
	['run a step done by hand', atManualStep, run],
	['back at the first step', start, () => ({type: 'back'})],
	['retry what passed', () => steps(start(), run, finish()), () => ({type: 'retry'})],
	['show a hint the step does not have', () => steps(start(), run, finish({kind: 'exited', exitCode: 1})), () => ({type: 'show-hint'})],
	['recheck a step without checks', () => steps(start(), run, finish({kind: 'exited', exitCode: 1})), () => ({type: 'recheck'})],
	['answer a question not asked', atQuestion, () => ({type: 'answer-variable', name: 'container', value: 'db-2'})],
	['confirm outside the confirmation', atDestructiveStep, confirm()],
	['move on before running', start, moveOn],
	['cancel when nothing runs', start, () => ({type: 'cancel'})],
];

describe('actions that do not apply leave the state as it is', () => {
	test.each(ignored)('%s', (_name, from, action) => {
		const before = from();
		expect(apply(before, action)).toBe(before);
	});
});

describe('records', () => {
	test('keep every attempt: what ran, how it ended, what the checks said', () => {
		const state = steps(atFailedStep(), () => ({type: 'retry'}), confirm(), finish(), check(0));
		expect(state.records[1]).toEqual({
			id: 'remove-volume',
			status: 'passed',
			attempts: [
				{
					how: 'ran',
					command: 'docker volume rm pgdata',
					outcome: {kind: 'exited', exitCode: 0},
					output: ['done'],
					since: 2000,
					checks: [{description: 'docker volume inspect pgdata exits 1', result: {status: 'fail', detail: 'still broken'}}],
					passed: false,
					reason: 'the check failed: docker volume inspect pgdata exits 1: still broken',
				},
				{
					how: 'ran',
					command: 'docker volume rm pgdata',
					outcome: {kind: 'exited', exitCode: 0},
					output: ['done'],
					since: 2000,
					checks: [{description: 'docker volume inspect pgdata exits 1', result: {status: 'pass', detail: 'fine'}}],
					passed: true,
				},
			],
		});
	});

	test('a recheck replaces the attempt it checked again', () => {
		const state = steps(atFailedStep(), () => ({type: 'recheck'}), check(0));
		expect(state.phase).toEqual({name: 'passed'});
		expect(state.records[1]?.attempts.map(attempt => [attempt.passed, attempt.checks[0]?.result.status])).toEqual([[true, 'pass']]);
	});

	test('a stopped command is recorded with the output seen so far', () => {
		const state = apply(start(), run, {type: 'output-received', workId: 1, lines: [{text: 'pulling'}]}, {type: 'cancel'});
		expect(state.records[0]).toEqual({
			id: 'read-state',
			status: 'not-reached',
			attempts: [{how: 'ran', command: 'docker inspect --format \'{{.State.Status}}\' db-1', outcome: {kind: 'cancelled'}, output: ['pulling'], checks: [], passed: false, reason: 'stopped by you'}],
		});
	});

	test('output on screen is bounded to the newest lines', () => {
		const lines = Array.from({length: 250}, (_, index) => ({text: `line ${index}`}));
		const state = apply(start(), run, {type: 'output-received', workId: 1, lines});
		expect(state.phase.name === 'running' && [state.phase.output.length, state.phase.output[0]?.text, state.phase.truncated]).toEqual([200, 'line 50', true]);
	});

	test('skip marks only steps not tried yet', () => {
		const state = apply(atFailedStep(), {type: 'back'}, {type: 'skip'});
		expect(state.records.map(record => record.status)).toEqual(['passed', 'failed', 'not-reached', 'not-reached']);
		expect(state.stepIndex).toBe(1);
	});
});

describe('final checks', () => {
	test('every check of the playbook runs again, log checks since their step started', () => {
		const state = steps(atQuestion(), () => ({type: 'answer-variable', name: 'port', value: '5433'}), run, finish(), check(0), moveOn);
		expect(state.phase.name).toBe('final-check');
		expect(pendingWork(state)).toEqual({
			kind: 'checks',
			id: workId(state),
			checks: [
				{check: {type: 'host-command', command: ['docker', 'volume', 'inspect', 'pgdata'], exitCode: 1}, since: 2000},
				{check: {type: 'container-running', container: 'db-1', stableSeconds: 5}, since: 1000},
				{check: {type: 'log-absent', container: 'db-1', pattern: String.raw`FATAL: .* db-1`, watchSeconds: 10}, since: 1000},
				{check: {type: 'port-listening', port: '5433', host: '127.0.0.1'}, since: 2000},
			],
		});
	});

	test('checks of a step whose variables never got a value are reported, not run', () => {
		const state = apply(atQuestion(), {type: 'skip'});
		expect(state.final?.notRun).toEqual([{stepIndex: 3, description: 'something listens on 127.0.0.1:{port}', reason: 'check-port needs {port}'}]);
		expect(state.final?.checks).toHaveLength(3);
	});

	test('passing checks beside one that could not run are no proof: the fix is not called fixed', () => {
		let state = apply(atQuestion(), {type: 'skip'});
		state = steps(state, check(0), check(1), check(2));
		const summary = summarizeFix(state);
		expect(summary.verdict).toBe('unchecked');
		expect(formatFixSummary(summary)).toContain('Not confirmed fixed: 3 checks pass, 1 could not run.');
	});

	test('the fix is done when the last final check reports', () => {
		let state = apply(atQuestion(), {type: 'skip'});
		state = steps(state, check(0), check(1), check(2, 'fail'));
		expect(state.phase).toEqual({name: 'done'});
		expect(state.final?.results.map(result => result?.status)).toEqual(['pass', 'pass', 'fail']);
	});
});

describe('dry run', () => {
	test('walks every step without running anything or asking', () => {
		let state = start({dryRun: true}, {facts: {container: 'db-1'}});
		expect(view(state)).toEqual({step: 0, phase: 'ready'});
		expect(availableActions(state)).toEqual(['move-on', 'quit']);
		expect(reduceFix(state, {type: 'did-it-myself'})).toBe(state);
		state = apply(state, run, moveOn);
		expect(view(state)).toEqual({step: 2, phase: 'ready'});
		expect(currentStepPlan(apply(state, moveOn))?.command?.display).toBe('docker port \'db-1\' | grep -c \'5432\'');
		state = apply(state, moveOn, moveOn);
		expect(state.phase).toEqual({name: 'done'});
		expect(state.final).toBeUndefined();
		expect(state.records.every(record => record.attempts.length === 0)).toBe(true);
	});

	test('shows placeholders it cannot fill instead of asking', () => {
		const state = start({dryRun: true}, {facts: {}});
		expect(view(state)).toEqual({step: 0, phase: 'ready'});
		expect(currentStepPlan(state)?.command?.display).toBe('docker inspect --format \'{{.State.Status}}\' \'{container}\'');
		expect(pendingWork(apply(state, run))).toBeUndefined();
	});
});

describe('--yes', () => {
	test('runs at once, refuses the destructive step and the step done by hand, takes defaults', () => {
		let state = start({assumeYes: true});
		expect(view(state)).toEqual({step: 0, phase: 'running', argv: 'docker inspect --format {{.State.Status}} db-1', output: []});
		state = steps(state, finish());
		expect(view(state)).toEqual({step: 3, phase: 'running', argv: 'sh -c docker port \'db-1\' | grep -c \'5432\'', output: []});
		expect(state.records.map(record => [record.status, record.reason])).toEqual([
			['passed', undefined],
			['refused', 'it destroys pgdata; --yes runs destructive steps only with --allow-destructive'],
			['refused', 'it is done by hand; run unblock fix without --yes to do it'],
			['not-reached', undefined],
		]);
	});

	test('runs a destructive step with --allow-destructive, without asking for the name', () => {
		const state = steps(start({assumeYes: true, allowDestructive: true}), finish());
		expect(view(state)).toEqual({step: 1, phase: 'running', argv: 'docker volume rm pgdata', output: []});
	});

	test('moves on from a failed step by itself', () => {
		const state = steps(start({assumeYes: true, allowDestructive: true}), finish(), finish(), check(0, 'fail'));
		expect(state.records[1]?.status).toBe('failed');
		expect(state.stepIndex).toBe(3);
	});

	test('refuses a step whose variable nobody can answer', () => {
		const state = start({assumeYes: true}, {facts: {container: 'db-1'}});
		const after = steps(state, finish());
		expect(after.records[1]).toEqual({id: 'remove-volume', status: 'refused', reason: 'needs {volume}, and --yes asks no questions: pass --set volume=<value>', attempts: []});
	});

	test('an interactive run with --allow-destructive still asks for the name', () => {
		expect(view(apply(atDestructiveStep({allowDestructive: true}), run))).toEqual({step: 1, phase: 'confirm-destructive', target: 'pgdata'});
	});
});

describe('availableActions', () => {
	test.each([
		['a command step', start, ['run', 'did-it-myself', 'skip', 'quit']],
		['a later command step', atDestructiveStep, ['run', 'did-it-myself', 'skip', 'back', 'quit']],
		['a step done by hand', atManualStep, ['did-it-myself', 'skip', 'back', 'quit']],
		['a question', atQuestion, ['answer-variable', 'skip', 'back', 'quit']],
		['a confirmation', () => apply(atDestructiveStep(), run), ['confirm-destructive', 'back', 'quit']],
		['running', () => apply(start(), run), ['cancel', 'quit']],
		['checking', () => steps(atDestructiveStep(), run, confirm(), finish()), ['cancel', 'quit']],
		['passed', () => steps(start(), run, finish()), ['move-on', 'quit']],
		['failed with a hint', atFailedStep, ['retry', 'recheck', 'show-hint', 'move-on', 'back', 'quit']],
		['failed, hint shown', () => apply(atFailedStep(), {type: 'show-hint'}), ['retry', 'recheck', 'move-on', 'back', 'quit']],
		['failed without checks or hint', () => steps(start(), run, finish({kind: 'exited', exitCode: 2})), ['retry', 'move-on', 'quit']],
		['done', () => apply(start(), {type: 'quit'}), []],
	] as Array<[string, () => FixState, string[]]>)('%s', (_name, from, actions) => {
		expect(availableActions(from())).toEqual(actions);
	});
});

describe('a diagnosis that proves the cause by failing', () => {
	const proving = (): FixState => {
		const playbook = examplePlaybook();
		const [first, ...rest] = playbook.steps;
		return createFixState({playbook: {...playbook, steps: [{...first!, successExitCodes: [1]}, ...rest]}, facts, mode: {}, startedAt: 1000});
	};

	test('passes when its command exits with the declared code', () => {
		expect(apply(proving(), run, finish({kind: 'exited', exitCode: 1})).phase).toEqual({name: 'passed'});
	});

	test('fails when its command exits 0, which disproves the cause', () => {
		expect(view(apply(proving(), run, finish({kind: 'exited', exitCode: 0})))).toEqual({step: 0, phase: 'failed', reason: 'exited with code 0', hintShown: false});
	});
});
