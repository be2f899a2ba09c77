/**
 * How the guided fix's state machine meets the keymap: which key context a phase is, which keys
 * do something right now (from availableActions), and which fix action a key means. Pure.
 */
import {availableActions} from '../core/guided-fix/available-actions.js';
import type {UserAction, UserActionType} from '../core/guided-fix/fix-action.js';
import type {FixState} from '../core/guided-fix/fix-state.js';
import type {KeyAction, KeyContext} from './keymap.js';

export function fixKeyContext(state: FixState): KeyContext {
	switch (state.phase.name) {
		case 'needs-variables': {
			return 'fix-input';
		}

		case 'ready': {
			return state.mode.dryRun ? 'fix-dry-run' : 'fix-step';
		}

		case 'confirm-destructive': {
			return 'fix-confirm';
		}

		case 'running': {
			return 'fix-running';
		}

		case 'checking':
		case 'final-check': {
			return 'fix-checking';
		}

		case 'passed': {
			return 'fix-passed';
		}

		case 'failed': {
			return 'fix-failed';
		}

		case 'done': {
			return 'fix-done';
		}
	}
}

const keyOfAction: Partial<Record<UserActionType, KeyAction>> = {
	run: 'run',
	skip: 'skip',
	'did-it-myself': 'did-it-myself',
	retry: 'retry',
	recheck: 'recheck',
	'show-hint': 'hint',
	cancel: 'cancel',
	quit: 'stop-fix',
	'answer-variable': 'submit',
	'confirm-destructive': 'submit',
};

/**
 * The keys that work now. Esc always works where the context lists it: it goes to the previous
 * step, or leaves the fix from the first one. Help never changes the fix.
 */
export function fixKeys(state: FixState): KeyAction[] {
	const phase = state.phase.name;
	const keys = new Set<KeyAction>(['back', 'help']);
	if (state.phase.name === 'needs-variables' && state.phase.request.choices) {
		keys.add('move-arrows');
	}

	for (const action of availableActions(state)) {
		if (action === 'move-on') {
			// One key moves on: enter after a pass or in a dry run, n after a failure.
			keys.add(phase === 'failed' ? 'move-on' : 'next');
		} else {
			const key = keyOfAction[action];
			if (key) {
				keys.add(key);
			}
		}
	}

	if (phase === 'done') {
		keys.add('record').add('quit');
	}

	return [...keys];
}

/** The fix action a key means in this state, if any; 'leave' when Esc should leave the fix screen. */
export function fixActionForKey(key: KeyAction, state: FixState): UserAction | 'leave' | undefined {
	const available = new Set(availableActions(state));
	switch (key) {
		case 'back': {
			if (available.has('back')) {
				return {type: 'back'};
			}

			const phase = state.phase.name;
			return phase === 'running' || phase === 'checking' || phase === 'final-check' ? undefined : 'leave';
		}

		case 'next':
		case 'move-on': {
			return available.has('move-on') ? {type: 'move-on'} : undefined;
		}

		case 'hint': {
			return available.has('show-hint') ? {type: 'show-hint'} : undefined;
		}

		case 'stop-fix': {
			return available.has('quit') ? {type: 'quit'} : undefined;
		}

		case 'run':
		case 'skip':
		case 'did-it-myself':
		case 'retry':
		case 'recheck':
		case 'cancel': {
			return available.has(key) ? {type: key} : undefined;
		}

		default: {
			return undefined;
		}
	}
}
