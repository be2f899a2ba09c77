/**
 * Everything the wizard knows, in one value, changed by one reducer: which screen (navigation.ts),
 * the knowledge and the scan as they arrive from the runtime, the guided fix (core/guided-fix's
 * own reducer inside) with the steps it has tried, and the incident being recorded. Effects
 * live in app.tsx and only dispatch here. Pure.
 */
import type {Finding} from '../core/finding.js';
import type {FixAction} from '../core/guided-fix/fix-action.js';
import {reduceFix} from '../core/guided-fix/fix-reducer.js';
import type {FixState} from '../core/guided-fix/fix-state.js';
import {newlyCompleted, type CompletedStep} from './completed-steps.js';
import {draftIncident, type IncidentDraft} from './incident-draft.js';
import type {RecordedEntry, ScanOutcome, WizardKnowledge} from './wizard-runtime.js';
import {initialNavigation, navigationReducer, type Screen, type NavigationAction, type Navigation} from './navigation.js';

export type KnowledgeState =
	| {readonly status: 'loading'}
	| {readonly status: 'loaded'; readonly knowledge: WizardKnowledge}
	| {readonly status: 'failed'; readonly message: string};

export type ScanState =
	| {readonly status: 'scanning'}
	| {
		readonly status: 'done';
		readonly outcome: ScanOutcome;
		/** When the scan that gave it was asked for (the runtime's clock). */
		readonly lookedAt: number;
		/** A rescan is on its way; until it comes, this outcome stays on screen. */
		readonly refreshing?: boolean;
	}
	| {readonly status: 'failed'; readonly message: string};

export type FixSession = {
	readonly state: FixState;
	/** The diagnosed container the fix is for, if any. */
	readonly finding?: Finding;
	/** Each step as it was tried, skipped or refused, in order: the fix screen shows them above the current step. */
	readonly completed: readonly CompletedStep[];
};

export type RecordState = {
	readonly draft: IncidentDraft;
	readonly status: 'editing' | 'saving' | 'saved' | 'failed';
	readonly saved?: RecordedEntry;
	readonly error?: string;
};

export type AppState = {
	readonly navigation: Navigation;
	readonly knowledge: KnowledgeState;
	readonly scan: ScanState;
	/** The finding selected on the scan screen. */
	readonly selectedFinding: number;
	readonly fix?: FixSession;
	readonly record?: RecordState;
	/** Set when the wizard ends: 0 after q, 130 after Ctrl-C. */
	readonly exitCode?: number;
};

export type AppAction =
	| {readonly type: 'navigate'; readonly action: NavigationAction}
	| {readonly type: 'knowledge-loaded'; readonly knowledge: WizardKnowledge}
	| {readonly type: 'knowledge-failed'; readonly message: string}
	/** `quiet`: keep what is on screen (a change on the engine, a rescan) rather than show the spinner. */
	| {readonly type: 'scan-started'; readonly quiet?: boolean}
	| {readonly type: 'scan-finished'; readonly outcome: ScanOutcome; readonly lookedAt: number}
	| {readonly type: 'scan-failed'; readonly message: string}
	| {readonly type: 'select-finding'; readonly index: number}
	| {readonly type: 'fix-started'; readonly state: FixState; readonly finding?: Finding; readonly replace?: boolean}
	| {readonly type: 'fix'; readonly action: FixAction}
	| {readonly type: 'record-opened'}
	| {readonly type: 'record-edited'; readonly draft: IncidentDraft}
	| {readonly type: 'record-saving'}
	| {readonly type: 'record-saved'; readonly saved: RecordedEntry}
	| {readonly type: 'record-failed'; readonly message: string}
	| {readonly type: 'exit'; readonly code: number};

/** The same container's finding stays selected when a rescan reorders the list; else the nearest place. */
function keptSelection(state: AppState, outcome: ScanOutcome): number {
	const findings = outcome.kind === 'scanned' ? outcome.result.findings : [];
	const before = state.scan.status === 'done' && state.scan.outcome.kind === 'scanned' ? state.scan.outcome.result.findings[state.selectedFinding] : undefined;
	const same = before ? findings.findIndex(finding => finding.container === before.container) : -1;
	return same >= 0 ? same : Math.min(state.selectedFinding, Math.max(0, findings.length - 1));
}

export function initialAppState(screen: Screen, history: readonly Screen[] = []): AppState {
	return {
		navigation: {...initialNavigation(screen), history},
		knowledge: {status: 'loading'},
		scan: {status: 'scanning'},
		selectedFinding: 0,
	};
}

export function appReducer(state: AppState, action: AppAction): AppState {
	switch (action.type) {
		case 'navigate': {
			const navigation = navigationReducer(state.navigation, action.action);
			return navigation.exiting && state.exitCode === undefined ? {...state, navigation, exitCode: 0} : {...state, navigation};
		}

		case 'knowledge-loaded': {
			return {...state, knowledge: {status: 'loaded', knowledge: action.knowledge}};
		}

		case 'knowledge-failed': {
			return {...state, knowledge: {status: 'failed', message: action.message}};
		}

		case 'scan-started': {
			return {...state, scan: action.quiet && state.scan.status === 'done' ? {...state.scan, refreshing: true} : {status: 'scanning'}};
		}

		case 'scan-finished': {
			return {...state, scan: {status: 'done', outcome: action.outcome, lookedAt: action.lookedAt}, selectedFinding: keptSelection(state, action.outcome)};
		}

		case 'scan-failed': {
			return {...state, scan: {status: 'failed', message: action.message}};
		}

		case 'select-finding': {
			return {...state, selectedFinding: action.index};
		}

		case 'fix-started': {
			const fix = {state: action.state, ...(action.finding ? {finding: action.finding} : {}), completed: []};
			const screen: Screen = {name: 'fix'};
			return {
				...state,
				fix,
				record: undefined,
				navigation: navigationReducer(state.navigation, action.replace ? {type: 'replace', screen} : {type: 'open', screen}),
			};
		}

		case 'fix': {
			if (!state.fix) {
				return state;
			}

			const next = reduceFix(state.fix.state, action.action);
			if (next === state.fix.state) {
				return state;
			}

			const added = newlyCompleted(state.fix.state, next, state.fix.completed.length);
			return {...state, fix: {...state.fix, state: next, ...(added.length > 0 ? {completed: [...state.fix.completed, ...added]} : {})}};
		}

		case 'record-opened': {
			if (!state.fix) {
				return state;
			}

			// A draft already edited for this fix is kept; a saved one is not offered twice.
			const record = state.record ?? {draft: draftIncident(state.fix.state, state.fix.finding), status: 'editing' as const};
			return {...state, record, navigation: navigationReducer(state.navigation, {type: 'open', screen: {name: 'record'}})};
		}

		case 'record-edited': {
			return state.record ? {...state, record: {...state.record, draft: action.draft, status: 'editing'}} : state;
		}

		case 'record-saving': {
			return state.record ? {...state, record: {...state.record, status: 'saving'}} : state;
		}

		case 'record-saved': {
			return state.record ? {...state, record: {...state.record, status: 'saved', saved: action.saved}} : state;
		}

		case 'record-failed': {
			return state.record ? {...state, record: {...state.record, status: 'failed', error: action.message}} : state;
		}

		case 'exit': {
			return state.exitCode === undefined ? {...state, exitCode: action.code, navigation: {...state.navigation, exiting: true}} : state;
		}
	}
}
