/**
 * Every side effect the wizard has, behind one object: load the knowledge, scan the engine, run
 * a fix's commands and checks, record an incident. Screens never reach past it, so tests hand in
 * a fake one; createWizardRuntime() builds the real one from the adapters.
 */
import type Docker from 'dockerode';
import {connectToEngine, EngineError, scanEngineOrError} from '../adapters/docker-engine.js';
import {createFixRuntime} from '../adapters/fix-runtime.js';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {displayPath} from '../adapters/project-paths.js';
import {recordIncident} from '../commands/record.js';
import {buildDiagnoseResult, type DiagnoseResult} from '../core/diagnose-report.js';
import {formatDiagnostic} from '../core/diagnostic.js';
import type {Incident} from '../core/knowledge/incident-entry.js';
import type {Note} from '../core/note.js';
import type {Playbook} from '../core/playbook-schema.js';
import {environmentSecretValues} from '../core/redact-secrets.js';
import type {SearchIndex} from '../core/search/search.js';
import type {FixRuntime} from '../core/step-runner/fix-runtime-contract.js';

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
	| {readonly kind: 'no-engine'; readonly host: string; readonly message: string; readonly hint: string};

export type RecordedEntry = {
	/** As shown to the user, relative to the working directory where possible. */
	readonly file: string;
	readonly line: number;
};

export type WizardRuntime = {
	loadKnowledge(): Promise<WizardKnowledge>;
	/** Never rejects for an engine that cannot be reached: that is the "no-engine" outcome. */
	scan(): Promise<ScanOutcome>;
	readonly fix: FixRuntime;
	/** Appends the incident to the team's blocker log; rejects with an Error whose message says why not. */
	record(incident: Incident): Promise<RecordedEntry>;
};

export type WizardRuntimeOptions = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly host?: string;
	readonly project?: string;
	readonly playbookDirectories: readonly string[];
	readonly knowledgePaths: readonly string[];
};

export function createWizardRuntime(options: WizardRuntimeOptions): WizardRuntime {
	let knowledge: Promise<WizardKnowledge> | undefined;
	const loadKnowledge = async () => {
		knowledge ??= loadKnowledgeBase({cwd: options.cwd, playbookDirectories: options.playbookDirectories, knowledgePaths: options.knowledgePaths})
			.then(base => ({
				playbooks: base.playbooks,
				notes: base.notes,
				index: base.index,
				skipped: base.diagnostics.map(diagnostic => formatDiagnostic(diagnostic)),
			}));
		return knowledge;
	};

	let engine: Docker | undefined;
	// Grows with every scan: the containers' own passwords join the user's, so fix steps that print
	// a log or an environment cannot show them. The fix runtime reads this same array.
	const secrets = environmentSecretValues(options.env);
	return {
		loadKnowledge,
		async scan() {
			const {index} = await loadKnowledge();
			const snapshot = await scanEngineOrError({host: options.host, environment: options.env, project: options.project});
			if (snapshot instanceof EngineError) {
				return {kind: 'no-engine', host: snapshot.host, message: snapshot.message, hint: snapshot.hint};
			}

			secrets.push(...(snapshot.secrets?.values() ?? []).filter(value => !secrets.includes(value)));
			return {kind: 'scanned', result: buildDiagnoseResult(snapshot, index, {project: options.project})};
		},
		fix: createFixRuntime({
			cwd: options.cwd,
			secrets,
			host: options.host,
			// Checks reach the same engine the scan did; without --host the adapter follows DOCKER_HOST.
			...(options.host === undefined ? {} : {engine: () => (engine ??= connectToEngine(options.host, options.env).docker)}),
		}),
		async record(incident) {
			const recorded = await recordIncident(incident, {cwd: options.cwd, env: options.env});
			return {file: displayPath(recorded.file, options.cwd), line: recorded.line};
		},
	};
}
