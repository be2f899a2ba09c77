import {cleanUntrustedText} from '../core/clean-untrusted-text.js';
import {search} from '../core/search/search.js';
import {formatSearchText, searchReport} from '../core/search/search-report.js';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {exitCodes, UserError} from '../core/user-error.js';
import {reportSkipped, type CommandContext} from './command-context.js';

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
		throw new UserError('search needs words or an error to look for', {hint: 'unblock search "postgres keeps restarting", or pipe a log: docker logs web 2>&1 | unblock search'});
	}

	const base = await loadKnowledgeBase({cwd: context.cwd, playbookDirectories: options.playbookDirectories, knowledgePaths: options.knowledgePaths});
	reportSkipped(base.diagnostics, context);

	// The query is often a pasted or piped log: cleaned where it comes in, so the report (and its
	// JSON, which echoes it) shows no credential of it.
	const query = cleanUntrustedText(options.query, {maximumLineLength: Number.POSITIVE_INFINITY});
	const report = searchReport(query, search(base.index, query, {limit: options.limit}));
	context.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSearchText(report));
	return report.results.length > 0 ? exitCodes.ok : exitCodes.problem;
}
