import {EngineError, scanEngineOrError} from '../adapters/docker-engine.js';
import {loadPlaybooks} from '../adapters/playbook-loader.js';
import {buildDiagnoseResult, diagnoseJson, formatDiagnoseText, needsAttention, unreachableJson} from '../core/diagnose-report.js';
import {buildSearchIndex} from '../core/search/search.js';
import {exitCodes, reportEngineError, reportSkipped, UserError, type CommandContext, type SourceOptions} from './command-context.js';

export type DiagnoseOptions = Omit<SourceOptions, 'knowledgePaths'> & {
	readonly json: boolean;
};

/**
 * Scans the engine and reports every broken container with evidence and the playbooks that
 * match. Exit 0: nothing is broken; 1: something is, or a container could not be read; 2: the
 * engine cannot be reached (or stopped answering during the scan).
 */
export async function runDiagnose(options: DiagnoseOptions, context: CommandContext): Promise<number> {
	if (options.project !== undefined && options.project.trim() === '') {
		throw new UserError('--project needs a compose project name', 'unblock diagnose --project shop (the name docker compose ls shows)');
	}

	const snapshot = await scanEngineOrError({host: options.host, context: options.context, environment: context.env, project: options.project});
	if (snapshot instanceof EngineError) {
		if (options.json) {
			context.stdout.write(`${JSON.stringify(unreachableJson(snapshot, snapshot), null, 2)}\n`);
		} else {
			reportEngineError(snapshot, context);
		}

		return exitCodes.usage;
	}

	// Playbooks only after the engine answered: without an engine, its one line is all there is to say.
	const playbooks = await loadPlaybooks({cwd: context.cwd, directories: options.playbookDirectories});
	reportSkipped(playbooks.diagnostics, context);

	const result = buildDiagnoseResult(snapshot, buildSearchIndex(playbooks.playbooks), {project: options.project});
	context.stdout.write(options.json
		? `${JSON.stringify(diagnoseJson(result), null, 2)}\n`
		: formatDiagnoseText(result, {color: context.color}));
	return needsAttention(result) ? exitCodes.problem : exitCodes.ok;
}
