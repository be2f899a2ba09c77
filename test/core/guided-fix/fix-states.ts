/** Shared builders for the guided-fix tests: the example playbook driven to a given phase. */
import {createFixState, reduceFix} from '../../../source/core/guided-fix/fix-reducer.js';
import type {FixAction} from '../../../source/core/guided-fix/fix-action.js';
import type {CommandOutcome} from '../../../source/core/guided-fix/fix-runtime-contract.js';
import type {FixMode, FixState} from '../../../source/core/guided-fix/fix-state.js';
import {examplePlaybook} from '../step-plans/example-playbook.js';

export const facts = {container: 'db-1', volume: 'pgdata'};

export function start(mode: Partial<FixMode> = {}, options: {facts?: Record<string, string>; source?: 'shipped' | 'team'} = {}): FixState {
	return createFixState({playbook: examplePlaybook(options.source), facts: options.facts ?? facts, mode, startedAt: 1000});
}

/** An action, or a function building it from the state at that point (work ids, results). */
export type Step = FixAction | ((state: FixState) => FixAction);

export function apply(state: FixState, ...actions: Step[]): FixState {
	return actions.reduce((current, action) => reduceFix(current, typeof action === 'function' ? action(current) : action), state);
}

/** The work id of the current running/checking/final phase. */
export function workId(state: FixState): number {
	const {phase} = state;
	if (phase.name === 'running' || phase.name === 'checking' || phase.name === 'final-check') {
		return phase.workId;
	}

	throw new Error(`no work in phase ${phase.name}`);
}

export function finished(state: FixState, outcome: CommandOutcome = {kind: 'exited', exitCode: 0}): FixAction {
	return {
		type: 'command-finished',
		workId: workId(state),
		result: {outcome, output: [{text: 'done'}], truncated: false},
		startedAt: 2000,
	};
}

export function checked(state: FixState, index: number, status: 'pass' | 'fail' = 'pass', detail = status === 'pass' ? 'fine' : 'still broken'): FixAction {
	return {type: 'check-finished', workId: workId(state), index, result: {status, detail}, since: 3000};
}

export const steps = apply;
export const run: FixAction = {type: 'run'};
export const moveOn: FixAction = {type: 'move-on'};
export const finish = (outcome?: CommandOutcome) => (state: FixState) => finished(state, outcome);
export const check = (index: number, status: 'pass' | 'fail' = 'pass') => (state: FixState) => checked(state, index, status);
export const confirm = (typed = 'pgdata'): FixAction => ({type: 'confirm-destructive', typed});

/** Step 0 done, at step 1 (destructive) ready. */
export function atDestructiveStep(mode: Partial<FixMode> = {}): FixState {
	return steps(start(mode), run, finish(), moveOn);
}

/** Step 1 ran and its check failed. */
export function atFailedStep(): FixState {
	return steps(atDestructiveStep(), run, confirm(), finish(), check(0, 'fail'));
}

/** At step 2, the step done by hand. */
export function atManualStep(): FixState {
	return steps(atDestructiveStep(), run, confirm(), finish(), check(0), moveOn);
}

/** At step 3, asking for {port}. */
export function atQuestion(): FixState {
	return apply(atManualStep(), {type: 'skip'});
}
