/**
 * The composition root: the one place the real adapters are put together, into the runtime the
 * wizard and `unblock fix` both use. The knowledge base (playbooks, notes, vocabulary, search
 * index), one engine session for scans, events and checks, execa for fix steps, the blocker-log
 * writer, and the secrets every scan finds, which the fix runtime redacts from what it shows.
 */
import {connectToEngine} from '../adapters/docker-client.js';
import {EngineError, scanEngineOrError} from '../adapters/docker-engine.js';
import {createFixRuntime} from '../adapters/fix-runtime.js';
import {recordIncident} from '../adapters/incident-recorder.js';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {absolutePath} from '../adapters/project-paths.js';
import {ScanSession} from '../adapters/scan-session.js';
import {buildDiagnoseResult, type RankedFindings} from '../core/diagnose-report.js';
import {formatDiagnostic} from '../core/diagnostic.js';
import {environmentSecretValues} from '../core/redact-secrets.js';
import type {WizardKnowledge, WizardRuntime} from '../ui/wizard-runtime.js';

/** Where the engine and the knowledge come from, as the command line chose them. */
export type RuntimeOptions = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly host?: string;
	readonly context?: string;
	readonly project?: string;
	readonly playbookDirectories: readonly string[];
	readonly knowledgePaths: readonly string[];
};

export function connectRuntime(options: RuntimeOptions): WizardRuntime {
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

	// One engine session: every rescan and every check reuses its warm sockets, and a rescan asks
	// again only about the containers that changed.
	const choice = {host: options.host, context: options.context};
	let session: ScanSession | EngineError | undefined;
	const connect = () => {
		try {
			session ??= new ScanSession(connectToEngine(choice, options.env));
		} catch (error) {
			if (!(error instanceof EngineError)) {
				throw error;
			}

			session = error;
		}

		return session;
	};

	// Grows with every scan: the containers' own passwords join the user's, so fix steps that print
	// a log or an environment cannot show them. The fix runtime reads this same array.
	const secrets = environmentSecretValues(options.env);
	// The project's containers as the last scan found them: a network event names its container but
	// not its project.
	let projectContainers = new Set<string>();
	// The knowledge, and so the index, is loaded once: what a scan ranked holds for the next.
	const rankings: RankedFindings = new Map();
	return {
		loadKnowledge,
		async scan() {
			const {index} = await loadKnowledge();
			const engine = connect();
			const snapshot = engine instanceof EngineError
				? engine
				: await scanEngineOrError({environment: options.env, project: options.project, session: engine});
			if (snapshot instanceof EngineError) {
				return {
					kind: 'no-engine',
					host: snapshot.host,
					...(snapshot.context ? {context: snapshot.context} : {}),
					message: snapshot.message,
					hint: snapshot.hint,
					...(snapshot.beforeLookingAgain === undefined ? {} : {beforeLookingAgain: snapshot.beforeLookingAgain}),
				};
			}

			secrets.push(...(snapshot.secrets?.values() ?? []).filter(value => !secrets.includes(value)));
			projectContainers = new Set(snapshot.containers.map(container => container.id));
			return {kind: 'scanned', result: buildDiagnoseResult(snapshot, index, {project: options.project, rankings})};
		},
		watch(onChange) {
			const engine = connect();
			if (engine instanceof EngineError) {
				return () => undefined;
			}

			// With --project, a change to another project's container changes nothing on screen, nor
			// does a network event about a container outside the project (every start and stop anywhere
			// on the engine brings one).
			return engine.onChange(change => {
				const ours = change.project === undefined ? projectContainers.has(change.container) : change.project === options.project;
				if (!options.project || ours) {
					onChange();
				}
			});
		},
		fix: createFixRuntime({
			cwd: options.cwd,
			secrets,
			engineChoice: choice,
			// Checks reach the same engine the scan did, over the same connection.
			engine() {
				const engine = connect();
				if (engine instanceof EngineError) {
					throw engine;
				}

				return engine.connection;
			},
		}),
		async record(incident) {
			const recorded = await recordIncident(incident, {cwd: options.cwd, env: options.env});
			return {file: absolutePath(recorded.file, options.cwd), line: recorded.line};
		},
		close() {
			if (session && !(session instanceof EngineError)) {
				session.close();
			}
		},
	};
}
