/**
 * What the screens ask the wizard to do, as callbacks over the app's reducer and runtime: move
 * between screens, start or resume a fix, open a finding, save the incident being recorded.
 */
import type {Dispatch} from 'react';
import type {DiagnosedFinding} from '../core/diagnose-report.js';
import type {Finding} from '../core/finding.js';
import {createFixState} from '../core/guided-fix/fix-reducer.js';
import type {Playbook} from '../core/playbook-schema.js';
import type {AppAction, AppState} from './app-state.js';
import {messageOf} from './error-message.js';
import {UserError} from '../core/user-error.js';
import {incidentFromDraft, isoDate} from './incident-draft.js';
import type {NavigationAction} from './navigation.js';
import type {FixModeProps} from './use-fix-work.js';
import type {WizardRuntime} from './wizard-runtime.js';

/** The keys every screen shares: back, search, help, quit. */
export type CommonAction = 'back' | 'search' | 'help' | 'quit';

export type WizardActions = {
	navigate(action: NavigationAction): void;
	common(action: CommonAction): void;
	quit(): void;
	/** Opens the fix of this playbook (for this finding's container); one already under way is resumed. */
	startFix(playbook: Playbook, finding?: Finding, query?: string): void;
	/** A finding opens its best playbook, or a search for its first line when none matches. */
	openFinding(finding: DiagnosedFinding): void;
	saveRecord(): void;
};

/**
 * `settling` hears of work that must end before unblock does (an incident being saved, settling
 * with why it failed), whatever the screen does meanwhile.
 */
export function wizardActions(state: AppState, dispatch: Dispatch<AppAction>, runtime: WizardRuntime, mode: FixModeProps, settling: (work: Promise<UserError | undefined>) => void): WizardActions {
	const navigate = (action: NavigationAction) => {
		dispatch({type: 'navigate', action});
	};

	const quit = () => {
		dispatch({type: 'exit', code: 0});
	};

	return {
		navigate,
		quit,
		common(action) {
			switch (action) {
				case 'back': {
					navigate({type: 'back'});
					break;
				}

				case 'search': {
					navigate({type: 'open', screen: {name: 'search', query: ''}});
					break;
				}

				case 'help': {
					navigate({type: 'toggle-help'});
					break;
				}

				case 'quit': {
					quit();
					break;
				}
			}
		},
		startFix(playbook, finding, query) {
			const current = state.fix;
			if (current && current.state.playbook.id === playbook.id && current.finding?.container === finding?.container && current.state.phase.name !== 'done') {
				navigate({type: 'open', screen: {name: 'fix'}});
				return;
			}

			dispatch({
				type: 'fix-started',
				state: createFixState({
					playbook,
					...(finding ? {facts: finding.facts, text: finding} : {}),
					...(!finding && query ? {text: {matchText: query}} : {}),
					mode,
					startedAt: runtime.fix.now(),
				}),
				...(finding ? {finding} : {}),
			});
		},
		openFinding(finding) {
			const [best] = finding.matches;
			navigate({
				type: 'open',
				screen: best
					? {name: 'playbook', playbookId: best.playbook, finding, why: best.why, candidates: finding.matches.map(({playbook, title, score, why}) => ({playbook, title, score, why}))}
					: {name: 'search', query: finding.matchText.split('\n').find(line => line.trim() !== '') ?? finding.summary},
			});
		},
		saveRecord() {
			if (!state.record || state.record.status === 'saving' || state.record.status === 'saved') {
				return;
			}

			dispatch({type: 'record-saving'});
			// Quitting while it saves waits for the save: the incident is written, and its lock released.
			settling(runtime.record(incidentFromDraft(state.record.draft, isoDate(runtime.fix.now()))).then(
				saved => {
					dispatch({type: 'record-saved', saved});
					return undefined;
				},
				(error: unknown) => {
					const message = messageOf(error);
					dispatch({type: 'record-failed', message});
					return new UserError(`the incident was not saved: ${message}`, {hint: error instanceof UserError && error.hint ? error.hint : 'run unblock again and record it, or use unblock record'});
				},
			));
		},
	};
}
