import {capturedValues, type EvidenceText} from '../step-plans/captured-values.js';
import {composeContextOf} from '../step-plans/compose-project.js';
import {checkValue, resolveVariables, showValue, type RefusedValue} from '../step-plans/resolve-variables.js';
import type {EvidenceKey, Playbook} from '../playbook-schema.js';
import type {FixAction} from './fix-action.js';
import {stepPlanAt} from './current-step-plan.js';
import type {FixMode, FixState, PendingAttempt} from './fix-state.js';
import {
	beginChecks,
	beginCommand,
	completeAttempt,
	endPreconditions,
	enterStep,
	finish,
	maximumShownLines,
	recordAttempt,
	recordedOutputLines,
	startStep,
	updateRecord,
} from './fix-transitions.js';

export type FixOptions = {
	readonly playbook: Playbook;
	/** Facts of the diagnosed container (a finding's `facts`, `--container NAME`). */
	readonly facts?: Readonly<Partial<Record<EvidenceKey, string>>>;
	/** The error text the fix was started from (a finding's, or what the user pasted): values it names fill variables. */
	readonly text?: EvidenceText;
	/** Values already given (`--set`), by variable name. */
	readonly answers?: Readonly<Record<string, string>>;
	readonly mode?: Partial<FixMode>;
	/** Epoch milliseconds (runtime.now()): log checks of steps never tried look at lines since then. */
	readonly startedAt: number;
};

/** The state the guided fix starts in: variables filled from the evidence, at the first step. */
export function createFixState(options: FixOptions): FixState {
	const mode: FixMode = {
		dryRun: options.mode?.dryRun ?? false,
		assumeYes: options.mode?.assumeYes ?? false,
		allowDestructive: options.mode?.allowDestructive ?? false,
	};
	const resolution = resolveVariables(options.playbook, {
		facts: options.facts,
		...(options.text ? {captured: capturedValues(options.playbook, options.text)} : {}),
		answers: options.answers,
		acceptDefaults: mode.assumeYes || mode.dryRun,
	});
	const state: FixState = {
		playbook: options.playbook,
		mode,
		values: resolution.values,
		sources: resolution.sources,
		capturedFrom: resolution.capturedFrom,
		refused: resolution.refused,
		compose: composeContextOf(options.facts),
		startedAt: options.startedAt,
		stepIndex: 0,
		phase: {name: 'ready'},
		records: options.playbook.steps.map(step => ({id: step.id, status: 'not-reached' as const, attempts: []})),
		quit: false,
		nextWorkId: 1,
	};
	return enterStep(state, 0);
}

/**
 * The guided fix as a pure reducer. The UI drives it:
 * - render `state.phase` with `currentStepPlan(state)`, offer `availableActions(state)`, dispatch
 *   the user's actions;
 * - when `pendingWork(state)` returns work with a new id, run it once with runStepWork(work,
 *   runtime, dispatch, signal), and abort that signal once the id is gone (Ctrl-C, quit);
 * - at `done`, show summarizeFix(state).
 * driveFix is the same loop without a person (`--yes`). An action that does not apply in the
 * current phase, or reports on work that is no longer current, returns the same state object.
 */
export function reduceFix(state: FixState, action: FixAction): FixState {
	const {phase} = state;
	switch (action.type) {
		case 'answer-variable': {
			if (phase.name !== 'needs-variables' || action.name !== phase.request.name) {
				return state;
			}

			const value = action.value.trim();
			const verdict = checkValue(state.playbook, action.name, value);
			if (!verdict.ok) {
				return {...state, phase: {...phase, error: `"${showValue(value)}" cannot be used: ${verdict.reason}.`}};
			}

			const answered: FixState = {
				...state,
				values: {...state.values, [action.name]: value},
				sources: {...state.sources, [action.name]: 'answer'},
				capturedFrom: Object.fromEntries(Object.entries(state.capturedFrom).filter(([name]) => name !== action.name)),
				refused: state.refused.filter((refused: RefusedValue) => refused.name !== action.name),
			};
			return enterStep(answered, state.stepIndex, false);
		}

		case 'run': {
			if (phase.name !== 'ready') {
				return state;
			}

			return state.mode.dryRun ? enterStep(state, state.stepIndex + 1, false) : startStep(state);
		}

		case 'did-it-myself': {
			if (phase.name !== 'ready' || state.mode.dryRun) {
				return state;
			}

			return beginChecks(state, {how: 'by-user', output: []});
		}

		case 'skip': {
			if (phase.name !== 'ready' && phase.name !== 'needs-variables') {
				return state;
			}

			const skipped = updateRecord(state, state.stepIndex, record => record.status === 'not-reached' ? {...record, status: 'skipped'} : record);
			return enterStep(skipped, state.stepIndex + 1, false);
		}

		case 'move-on': {
			if (phase.name === 'passed' || phase.name === 'failed' || (phase.name === 'ready' && state.mode.dryRun)) {
				return enterStep(state, state.stepIndex + 1, false);
			}

			return state;
		}

		case 'back': {
			if (phase.name === 'confirm-destructive') {
				return {...state, phase: {name: 'ready'}};
			}

			if (['needs-variables', 'ready', 'passed', 'failed'].includes(phase.name) && state.stepIndex > 0) {
				return enterStep(state, state.stepIndex - 1, false);
			}

			return state;
		}

		case 'confirm-destructive': {
			if (phase.name !== 'confirm-destructive') {
				return state;
			}

			const typed = action.typed.trim();
			if (typed !== phase.target) {
				return {
					...state,
					phase: {...phase, error: `That is not "${phase.target}". Type the name exactly to go ahead, or go back.`},
				};
			}

			return beginCommand(state);
		}

		case 'retry': {
			if (phase.name !== 'failed') {
				return state;
			}

			const plan = stepPlanAt(state, state.stepIndex);
			return plan.command ? startStep(state) : beginChecks(state, {how: 'by-user', output: []});
		}

		case 'recheck': {
			const last = state.records[state.stepIndex]?.attempts.at(-1);
			if (phase.name !== 'failed' || !last) {
				return state;
			}

			const {checks: _checks, passed: _passed, reason: _reason, ...attempt} = last;
			return stepPlanAt(state, state.stepIndex).checks.length > 0 ? beginChecks(state, attempt, true) : state;
		}

		case 'show-hint': {
			if (phase.name !== 'failed' || phase.hintShown || stepPlanAt(state, state.stepIndex).hint === undefined) {
				return state;
			}

			return {...state, phase: {...phase, hintShown: true}};
		}

		case 'cancel': {
			switch (phase.name) {
				case 'confirm-destructive': {
					return {...state, phase: {name: 'ready'}};
				}

				case 'running': {
					return {
						...recordStoppedRun(state),
						phase: {name: 'ready', notice: 'Stopped: the command and every process it started were ended.'},
					};
				}

				case 'checking': {
					return phase.precondition
						? {...state, phase: {name: 'ready', notice: 'Stopped before the step ran: nothing was changed.'}}
						: completeAttempt(state, phase.attempt, phase.results, phase.recheck, 'the checks were stopped before they finished');
				}

				case 'final-check': {
					return finish(state, false);
				}

				default: {
					return state;
				}
			}
		}

		case 'quit': {
			switch (phase.name) {
				case 'done': {
					return state;
				}

				case 'running': {
					return finish(recordStoppedRun(state), true);
				}

				case 'checking': {
					return phase.precondition ? finish(state, true) : finish(recordAttempt(state, phase.attempt, phase.results, phase.recheck, 'the checks were stopped before they finished').state, true);
				}

				default: {
					return finish(state, true);
				}
			}
		}

		case 'output-received': {
			if (phase.name !== 'running' || phase.workId !== action.workId || action.lines.length === 0) {
				return state;
			}

			const output = [...phase.output, ...action.lines];
			const excess = output.length - maximumShownLines;
			return {
				...state,
				phase: {...phase, output: excess > 0 ? output.slice(excess) : output, truncated: phase.truncated || excess > 0},
			};
		}

		case 'command-finished': {
			if (phase.name !== 'running' || phase.workId !== action.workId) {
				return state;
			}

			const attempt: PendingAttempt = {
				how: 'ran',
				command: phase.command.display,
				outcome: action.result.outcome,
				output: action.result.output.slice(-recordedOutputLines).map(line => line.text),
				since: action.startedAt,
			};
			// Nothing ran, so there is nothing for the checks to confirm.
			return action.result.outcome.kind === 'not-started' || action.result.outcome.kind === 'cancelled'
				? completeAttempt(state, attempt, [], false)
				: beginChecks(state, attempt);
		}

		case 'check-finished': {
			if (phase.name === 'checking' && phase.workId === action.workId) {
				const results = phase.results.map((result, index) => index === action.index ? action.result : result);
				if (phase.precondition) {
					return results.every(Boolean) ? endPreconditions(state, phase.checks, results) : {...state, phase: {...phase, results}};
				}

				const attempt = phase.attempt.since === undefined ? {...phase.attempt, since: action.since} : phase.attempt;
				return results.every(Boolean)
					? completeAttempt(state, attempt, results, phase.recheck)
					: {...state, phase: {...phase, attempt, results}};
			}

			if (phase.name === 'final-check' && phase.workId === action.workId && state.final) {
				const results = state.final.results.map((result, index) => index === action.index ? action.result : result);
				const final = {...state.final, results};
				return results.every(Boolean) ? finish({...state, final}, false) : {...state, final};
			}

			return state;
		}
	}
}

function recordStoppedRun(state: FixState): FixState {
	if (state.phase.name !== 'running') {
		return state;
	}

	const {command, output} = state.phase;
	return updateRecord(state, state.stepIndex, record => ({
		...record,
		attempts: [...record.attempts, {
			how: 'ran',
			command: command.display,
			outcome: {kind: 'cancelled'},
			output: output.slice(-recordedOutputLines).map(line => line.text),
			checks: [],
			passed: false,
			reason: 'stopped by you',
		}],
	}));
}
