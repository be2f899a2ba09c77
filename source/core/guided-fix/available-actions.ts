import type {UserActionType} from './fix-action.js';
import type {FixState} from './fix-state.js';
import {stepPlanAt} from './current-step-plan.js';

/**
 * The user actions that do something right now, in the order a footer would list them. Anything
 * else dispatched is ignored by the reducer.
 */
export function availableActions(state: FixState): UserActionType[] {
	const {phase} = state;
	const plan = state.stepIndex < state.playbook.steps.length ? stepPlanAt(state, state.stepIndex) : undefined;
	const back: UserActionType[] = state.stepIndex > 0 ? ['back'] : [];
	switch (phase.name) {
		case 'needs-variables': {
			return ['answer-variable', 'skip', ...back, 'quit'];
		}

		case 'ready': {
			if (state.mode.dryRun) {
				return ['move-on', ...back, 'quit'];
			}

			return [...(plan?.command ? ['run' as const] : []), 'did-it-myself', 'skip', ...back, 'quit'];
		}

		case 'confirm-destructive': {
			return ['confirm-destructive', 'back', 'quit'];
		}

		case 'running':
		case 'checking': {
			return ['cancel', 'quit'];
		}

		case 'passed': {
			return ['move-on', ...back, 'quit'];
		}

		case 'failed': {
			const recheck: UserActionType[] = plan && plan.checks.length > 0 && (state.records[state.stepIndex]?.attempts.length ?? 0) > 0 ? ['recheck'] : [];
			const hint: UserActionType[] = plan?.hint !== undefined && !phase.hintShown ? ['show-hint'] : [];
			return ['retry', ...recheck, ...hint, 'move-on', ...back, 'quit'];
		}

		case 'final-check': {
			return ['cancel', 'quit'];
		}

		case 'done': {
			return [];
		}
	}
}
