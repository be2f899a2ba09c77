/**
 * Where the wizard is, as one value: screens are a discriminated union switched in one place
 * (app.tsx), and Esc goes back through a history stack. Pure: no React, no effects.
 */
import type {Finding} from '../core/finding.js';

/** A playbook diagnose ranked for a finding. */
export type CauseCandidate = {
	readonly playbook: string;
	readonly title: string;
	readonly score: number;
	readonly why: readonly string[];
};

export type Screen =
	| {readonly name: 'scan'}
	| {readonly name: 'search'; readonly query: string}
	| {
		readonly name: 'playbook';
		readonly playbookId: string;
		/** The diagnosed container it was opened for: its evidence is shown and fills the fix's variables. */
		readonly finding?: Finding;
		/** Why it matched, from the ranking. */
		readonly why: readonly string[];
		/** What the user typed or pasted to find it: values it names fill the fix's variables. */
		readonly query?: string;
		/** The playbooks diagnose ranked for the finding, best first (this one among them): the screen switches between them. */
		readonly candidates?: readonly CauseCandidate[];
	}
	| {readonly name: 'note'; readonly noteId: string}
	| {readonly name: 'fix'}
	| {readonly name: 'record'}
	| {readonly name: 'help'};

export type Navigation = {
	readonly screen: Screen;
	readonly history: readonly Screen[];
	readonly exiting: boolean;
};

export type NavigationAction =
	| {readonly type: 'open'; readonly screen: Screen}
	| {readonly type: 'replace'; readonly screen: Screen}
	| {readonly type: 'back'}
	| {readonly type: 'toggle-help'}
	| {readonly type: 'quit'};

export function initialNavigation(screen: Screen = {name: 'scan'}): Navigation {
	return {screen, history: [], exiting: false};
}

export function navigationReducer(state: Navigation, action: NavigationAction): Navigation {
	switch (action.type) {
		case 'open': {
			return {...state, screen: action.screen, history: [...state.history, state.screen]};
		}

		case 'replace': {
			return {...state, screen: action.screen};
		}

		case 'back': {
			const previous = state.history.at(-1);
			return previous ? {...state, screen: previous, history: state.history.slice(0, -1)} : {...state, exiting: true};
		}

		case 'toggle-help': {
			return state.screen.name === 'help' ? navigationReducer(state, {type: 'back'}) : navigationReducer(state, {type: 'open', screen: {name: 'help'}});
		}

		case 'quit': {
			return {...state, exiting: true};
		}
	}
}
