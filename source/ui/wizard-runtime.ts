/**
 * Every side effect the wizard has, behind one object: load the knowledge, scan the engine, run
 * a fix's commands and checks, record an incident. Screens never reach past it, so tests hand in
 * a fake one; source/runtime/ builds the real one from the adapters.
 */
import type {DiagnoseResult} from '../core/diagnose-report.js';
import type {Incident} from '../core/knowledge/incident-entry.js';
import type {Note} from '../core/note.js';
import type {Playbook} from '../core/playbook-schema.js';
import type {SearchIndex} from '../core/search/search-index.js';
import type {FixRuntime} from '../core/guided-fix/fix-runtime-contract.js';

export type WizardKnowledge = {
	readonly playbooks: readonly Playbook[];
	readonly notes: readonly Note[];
	readonly index: SearchIndex;
	/** Files that could not be used, one line each ("playbooks/x.yaml: steps: required"). */
	readonly skipped: readonly string[];
};

/** What one scan gave: the diagnose result, or why there is no engine to scan. */
export type ScanOutcome =
	| {readonly kind: 'scanned'; readonly result: DiagnoseResult}
	| {
		readonly kind: 'no-engine';
		readonly host: string;
		readonly context?: string;
		readonly message: string;
		readonly hint: string;
		/** The engine answered, then went away: what to check before looking again (`hint` says to run diagnose). */
		readonly beforeLookingAgain?: string;
	};

export type RecordedEntry = {
	/** As shown to the user: absolute. */
	readonly file: string;
	readonly line: number;
};

export type WizardRuntime = {
	loadKnowledge(): Promise<WizardKnowledge>;
	/** Never rejects for an engine that cannot be reached: that is the "no-engine" outcome. */
	scan(): Promise<ScanOutcome>;
	/**
	 * Calls `onChange` whenever the engine reports a change a person would see (a container
	 * created, started, dead, removed, turned unhealthy), from the first scan on, while the engine
	 * sends its events. Returns what stops it.
	 */
	watch?(onChange: () => void): () => void;
	readonly fix: FixRuntime;
	/** Appends the incident to the team's blocker log; rejects with an Error whose message says why not. */
	record(incident: Incident): Promise<RecordedEntry>;
	/** Closes the engine connections the session kept open (they never hold the process open). */
	close?(): void;
};
