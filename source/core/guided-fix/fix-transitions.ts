/**
 * The moves the reducer is made of. Each takes a state and returns the next one; none has side
 * effects: work for the runtime is described in the phase (see pendingWork).
 */
import type {CheckResult} from '../checks/check-result.js';
import {checkTypeOf} from '../checks/registry.js';
import {withTimeoutAtMost} from '../checks/run-check-type.js';
import {showValue, variableRequest} from '../step-plans/resolve-variables.js';
import {variablesOfCommand} from '../step-plans/variable-usage.js';
import type {PlannedCheck, StepPlan} from '../step-plans/step-plan.js';
import {stepPlanAt} from './current-step-plan.js';
import {describeOutcome} from './describe-outcome.js';
import type {FinalCheck, FinalCheckNotRun, FixState, PendingAttempt, StepAttempt, StepRecord} from './fix-state.js';

// Also reachable from here, where they first lived.
export {currentStepPlan, stepPlanAt} from './current-step-plan.js';
export {describeOutcome} from './describe-outcome.js';

/** Lines of output kept on screen while a command runs. */
export const maximumShownLines = 200;
/** Lines of output kept in a step's record. */
export const recordedOutputLines = 20;

export function updateRecord(state: FixState, index: number, update: (record: StepRecord) => StepRecord): FixState {
	return {...state, records: state.records.map((record, at) => at === index ? update(record) : record)};
}

/**
 * Shows step `index`: asks for what it still needs, else makes it ready. Under --yes (`auto`) a
 * ready step starts at once or is refused with the reason.
 */
export function enterStep(state: FixState, index: number, auto = state.mode.assumeYes): FixState {
	if (index >= state.playbook.steps.length) {
		return startFinalRound({...state, stepIndex: state.playbook.steps.length});
	}

	const entered: FixState = {...state, stepIndex: index};
	const plan = stepPlanAt(entered, index);
	if (plan.missing.length > 0 && !state.mode.dryRun) {
		if (auto) {
			const names = plan.missing.map(name => `{${name}}`).join(', ');
			return refuseStep(entered, `needs ${names}, and --yes asks no questions: pass ${setFlags(plan.missing)}`);
		}

		const name = plan.missing[0]!;
		const refused = state.refused.find(value => value.name === name);
		return {...entered, phase: {name: 'needs-variables', request: variableRequest(state.playbook, name, refused)}};
	}

	const ready: FixState = {...entered, phase: {name: 'ready'}};
	return auto && !state.mode.dryRun ? startStep(ready) : ready;
}

/**
 * Under --yes, a step that changes something runs only with values that something confirmed (the
 * engine, the error text, --set): a default is the playbook author's guess for a typical setup.
 */
function unconfirmedDefaults(state: FixState, index: number): string[] {
	const step = state.playbook.steps[index];
	if (!step || step.risk === 'read-only' || (!step.command && !step.shell)) {
		return [];
	}

	return variablesOfCommand(step).filter(name => state.sources[name] === 'default');
}

/** The `--set` flags that would give these variables, as a refusal names them. */
function setFlags(names: readonly string[]): string {
	return names.map(name => `--set ${name}=<value>`).join(' ');
}

function refuseStep(state: FixState, reason: string): FixState {
	const refused = updateRecord(state, state.stepIndex, record => ({...record, status: 'refused', reason}));
	return enterStep(refused, state.stepIndex + 1);
}

/**
 * Run (or retry) the current step: its `requires` checks first, then confirm what a destructive
 * step destroys; under --yes refuse what needs a person.
 */
export function startStep(state: FixState): FixState {
	const plan = stepPlanAt(state, state.stepIndex);
	if (!plan.command) {
		return state.mode.assumeYes
			? refuseStep(state, 'it is done by hand; run unblock fix without --yes to do it')
			: state;
	}

	if (plan.decision !== undefined && state.mode.assumeYes) {
		return refuseStep(state, `it is yours to decide (${plan.decision}); run unblock fix without --yes to choose`);
	}

	if (plan.risk === 'destructive' && state.mode.assumeYes && !state.mode.allowDestructive) {
		return refuseStep(state, `it destroys ${plan.destroys ?? 'data'}; --yes runs destructive steps only with --allow-destructive`);
	}

	const unconfirmed = state.mode.assumeYes ? unconfirmedDefaults(state, state.stepIndex) : [];
	if (unconfirmed.length > 0) {
		const values = unconfirmed.map(name => `{${name}} = ${showValue(state.values[name] ?? '')}`).join(', ');
		return refuseStep(state, `it would act on ${values}, only the playbook's default${unconfirmed.length > 1 ? 's' : ''}: nothing here confirmed ${unconfirmed.length > 1 ? 'them' : 'it'}; pass ${setFlags(unconfirmed)} to run it`);
	}

	if (plan.requires) {
		// A precondition is how things are now: one look, not a wait for them to change.
		const looks = plan.requires.map(planned => ({...planned, check: {...planned.check, oneShot: true}}));
		return checking(state, {how: 'ran', output: []}, looks, {recheck: false, precondition: true});
	}

	return proceedToCommand(state, plan);
}

/** The step's `requires` have all reported: go on to the command when they pass, else refuse the step. */
export function endPreconditions(state: FixState, checks: readonly PlannedCheck[], results: ReadonlyArray<CheckResult | undefined>): FixState {
	const failing = checks.flatMap((check, index) => results[index]?.status === 'pass' ? [] : [`${check.description}: ${results[index]?.detail ?? 'it did not finish'}`]);
	if (failing.length === 0) {
		return proceedToCommand({...state, phase: {name: 'ready'}}, stepPlanAt(state, state.stepIndex));
	}

	const reason = `it was not run, because ${failing.join('; ')}`;
	if (state.mode.assumeYes) {
		return refuseStep(state, reason);
	}

	const refused = updateRecord(state, state.stepIndex, record => ({...record, status: 'refused', reason}));
	return {...refused, phase: {name: 'failed', reason, hintShown: false}};
}

function proceedToCommand(state: FixState, plan: StepPlan): FixState {
	return plan.risk === 'destructive' && !state.mode.assumeYes
		? {...state, phase: {name: 'confirm-destructive', target: plan.destroys ?? plan.id}}
		: beginCommand(state, plan);
}

export function beginCommand(state: FixState, plan: StepPlan = stepPlanAt(state, state.stepIndex)): FixState {
	if (!plan.command || plan.missing.length > 0) {
		return state;
	}

	return {
		...state,
		nextWorkId: state.nextWorkId + 1,
		phase: {
			name: 'running',
			workId: state.nextWorkId,
			command: {argv: plan.command.argv, display: plan.command.display, timeoutSeconds: plan.timeoutSeconds},
			output: [],
			truncated: false,
		},
	};
}

/** Runs the step's checks for an attempt; a step without checks completes at once. */
export function beginChecks(state: FixState, attempt: PendingAttempt, recheck = false): FixState {
	const plan = stepPlanAt(state, state.stepIndex);
	if (plan.checks.length === 0) {
		return completeAttempt(state, attempt, [], recheck);
	}

	return checking(state, attempt, plan.checks, {recheck});
}

/** The phase that runs `checks` as the runtime's next work. */
function checking(state: FixState, attempt: PendingAttempt, checks: readonly PlannedCheck[], options: {readonly recheck: boolean; readonly precondition?: true}): FixState {
	return {
		...state,
		nextWorkId: state.nextWorkId + 1,
		phase: {name: 'checking', workId: state.nextWorkId, attempt, checks, results: checks.map(() => undefined), ...options},
	};
}

/** Records a finished attempt and shows passed or failed; under --yes moves on by itself. */
export function completeAttempt(state: FixState, attempt: PendingAttempt, results: ReadonlyArray<CheckResult | undefined>, recheck: boolean, stoppedReason?: string): FixState {
	const {state: recorded, finished} = recordAttempt(state, attempt, results, recheck, stoppedReason);
	if (state.mode.assumeYes) {
		return enterStep(recorded, state.stepIndex + 1);
	}

	return {
		...recorded,
		phase: finished.passed ? {name: 'passed'} : {name: 'failed', reason: finished.reason ?? '', hintShown: false},
	};
}

/** Adds the attempt to the step's record (a recheck replaces the attempt it checked again) and sets the step's status. */
export function recordAttempt(state: FixState, attempt: PendingAttempt, results: ReadonlyArray<CheckResult | undefined>, recheck: boolean, stoppedReason?: string): {state: FixState; finished: StepAttempt} {
	const plan = stepPlanAt(state, state.stepIndex);
	const checks = plan.checks.flatMap((planned, index) => {
		const result = results[index];
		return result ? [{description: planned.description, result}] : [];
	});
	const reason = stoppedReason ?? failureReason(attempt, plan, checks);
	const finished: StepAttempt = {...attempt, checks, passed: reason === undefined, ...(reason === undefined ? {} : {reason})};
	const recorded = updateRecord(state, state.stepIndex, record => ({
		...record,
		status: finished.passed ? 'passed' : 'failed',
		attempts: recheck && record.attempts.length > 0 ? [...record.attempts.slice(0, -1), finished] : [...record.attempts, finished],
	}));
	return {state: recorded, finished};
}

function failureReason(attempt: PendingAttempt, plan: StepPlan, checks: StepAttempt['checks']): string | undefined {
	const checkCount = plan.checks.length;
	const outcome = attempt.outcome;
	const outcomeFailed = outcome !== undefined && !(outcome.kind === 'exited' && plan.successExitCodes.includes(outcome.exitCode));
	if (outcome?.kind === 'not-started' || outcome?.kind === 'cancelled') {
		return describeOutcome(outcome);
	}

	if (checkCount === 0) {
		return outcomeFailed && outcome ? describeOutcome(outcome) : undefined;
	}

	// The checks decide: a command may fail on something already fixed and still leave things right.
	const failing = checks.filter(check => check.result.status === 'fail');
	if (failing.length === 0 && checks.length === checkCount) {
		return undefined;
	}

	const first = failing[0];
	const checkText = first
		? `${failing.length === 1 && checkCount === 1 ? 'the check failed' : `${failing.length} of ${checkCount} checks failed`}: ${first.description}: ${first.result.detail}`
		: 'the checks did not finish';
	return outcomeFailed && outcome ? `${describeOutcome(outcome)}; ${checkText}` : checkText;
}

/**
 * How long a check may take in the final round: the steps' own checks already waited for things to
 * settle, so a failing fix says so within a minute of its last step (the checks run side by side).
 */
const finalRoundSeconds = 45;

/** After the last step: every check of the playbook runs again (not in a dry run), except interim ones. */
export function startFinalRound(state: FixState): FixState {
	if (state.mode.dryRun) {
		return {...state, phase: {name: 'done'}};
	}

	const checks: FinalCheck[] = [];
	const notRun: FinalCheckNotRun[] = [];
	for (const [stepIndex, step] of state.playbook.steps.entries()) {
		const plan = stepPlanAt(state, stepIndex);
		const attempts = state.records[stepIndex]?.attempts ?? [];
		const since = [...attempts].reverse().find(attempt => attempt.since !== undefined)?.since ?? state.startedAt;
		for (const planned of plan.checks) {
			if (planned.check.interim || checkTypeOf(planned.check).interim) {
				continue;
			}

			if (plan.missing.length > 0) {
				notRun.push({
					stepIndex,
					description: planned.description,
					reason: `${step.id} needs ${plan.missing.map(name => `{${name}}`).join(', ')}`,
				});
			} else {
				checks.push({stepIndex, planned: {...planned, check: withTimeoutAtMost(planned.check, finalRoundSeconds)}, since});
			}
		}
	}

	const unique = lastOfEachCheck(checks);
	const final = {checks: unique, notRun, results: unique.map(() => undefined)};
	if (final.checks.length === 0) {
		return {...state, final, phase: {name: 'done'}};
	}

	return {...state, final, nextWorkId: state.nextWorkId + 1, phase: {name: 'final-check', workId: state.nextWorkId}};
}

/**
 * The same check with the same values, carried by two steps (a container-running in a step and
 * again in the step done by hand), runs once: as the later step has it, after what that step did.
 */
function lastOfEachCheck(checks: readonly FinalCheck[]): FinalCheck[] {
	const keys = checks.map(({planned}) => JSON.stringify(planned.check));
	return checks.filter((_, at) => keys.lastIndexOf(keys[at]!) === at);
}

export function finish(state: FixState, quit: boolean): FixState {
	return {...state, quit, phase: {name: 'done'}};
}
