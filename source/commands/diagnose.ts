import {EngineError, scanEngineOrError} from '../adapters/docker-engine.js';
import {listComposeProjects} from '../adapters/compose-projects.js';
import type {loadPlaybookIndex} from '../adapters/knowledge-base.js';
import {exitCodes, UserError} from '../core/user-error.js';
import {reportEngineError, reportSkipped, type CommandContext, type SourceOptions} from './command-context.js';

export type DiagnoseOptions = Omit<SourceOptions, 'knowledgePaths'> & {
	readonly json: boolean;
};

/**
 * Scans the engine and reports every broken container with evidence and the playbooks that
 * match. Exit 0: nothing is broken; 1: something is, or a container could not be read; 2: the
 * engine cannot be reached (or stopped answering during the scan), or --project matches no
 * container (a mistyped project must not pass a CI gate).
 */
export async function runDiagnose(options: DiagnoseOptions, context: CommandContext): Promise<number> {
	if (options.project !== undefined && options.project.trim() === '') {
		throw new UserError('--project needs a compose project name', {hint: 'unblock diagnose --project shop (the name docker compose ls shows)'});
	}

	// The report's code and the playbooks only once the engine answered (without an engine, its one
	// line is all there is to say): both are loaded while it lists and the containers are read.
	let report: Promise<typeof import('../core/diagnose-report.js')> | undefined;
	const loadReport = async () => report ??= import('../core/diagnose-report.js');
	let playbookIndex: ReturnType<typeof loadPlaybookIndex> | undefined;
	const loadPlaybooks = async () => playbookIndex ??= import('../adapters/knowledge-base.js').then(async ({loadPlaybookIndex}) => loadPlaybookIndex({cwd: context.cwd, playbookDirectories: options.playbookDirectories}));

	const snapshot = await scanEngineOrError({host: options.host, context: options.context, environment: context.env, project: options.project, onAnswered() {
		// Awaited below; until then a failure must not count as unhandled.
		loadReport().catch(() => undefined);
		loadPlaybooks().catch(() => undefined);
	}});
	const reportCode = await loadReport();
	const {buildDiagnoseResult, diagnoseJson, formatDiagnoseText, needsAttention, unreachableJson} = reportCode;
	if (snapshot instanceof EngineError) {
		if (options.json) {
			context.stdout.write(`${JSON.stringify(unreachableJson(snapshot, snapshot), null, 2)}\n`);
		} else {
			reportEngineError(snapshot, context);
		}

		return exitCodes.usage;
	}

	if (options.project !== undefined && snapshot.containers.length === 0) {
		return reportUnknownProject(options.project, await listComposeProjects({host: options.host, context: options.context}, context.env), options, context, reportCode);
	}

	const playbooks = await loadPlaybooks();
	reportSkipped(playbooks.diagnostics, context);

	const result = buildDiagnoseResult(snapshot, playbooks.index, {project: options.project});
	context.stdout.write(options.json
		? `${JSON.stringify(diagnoseJson(result), null, 2)}\n`
		: formatDiagnoseText(result, {color: context.color}));
	return needsAttention(result) ? exitCodes.problem : exitCodes.ok;
}

/** --project named no container: says so, with the projects there are, and exits 2. */
function reportUnknownProject(project: string, projects: readonly string[] | undefined, options: DiagnoseOptions, context: CommandContext, {unknownProjectError, unknownProjectJson}: typeof import('../core/diagnose-report.js')): number {
	const {message, hint} = unknownProjectError(project, projects);
	if (!options.json) {
		throw new UserError(message, {hint: hint});
	}

	context.stdout.write(`${JSON.stringify(unknownProjectJson(project, projects), null, 2)}\n`);
	return exitCodes.usage;
}
