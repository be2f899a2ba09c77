import {search} from '../core/search/search.js';
import {formatSearchText, searchReport} from '../core/search/search-report.js';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {exitCodes, reportSkipped, UserError, type CommandContext} from './command-context.js';

export type SearchOptions = {
	readonly query: string;
	readonly json: boolean;
	/** A whole number of at least 1: the command line checks it where it parses it. */
	readonly limit: number;
	readonly playbookDirectories: readonly string[];
	readonly knowledgePaths: readonly string[];
};

export async function runSearch(options: SearchOptions, context: CommandContext): Promise<number> {
	if (options.query.trim() === '') {
		throw new UserError('search needs words or an error to look for', 'unblock search "postgres keeps restarting", or pipe a log: docker logs web 2>&1 | unblock search');
	}

	const base = await loadKnowledgeBase({cwd: context.cwd, playbookDirectories: options.playbookDirectories, knowledgePaths: options.knowledgePaths});
	reportSkipped(base.diagnostics, context);

	const report = searchReport(options.query, search(base.index, options.query, {limit: options.limit}));
	context.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSearchText(report));
	return report.results.length > 0 ? exitCodes.ok : exitCodes.problem;
}
