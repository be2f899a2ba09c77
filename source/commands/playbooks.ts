import {loadPlaybooks} from '../adapters/playbook-loader.js';
import {exitCodes} from '../core/user-error.js';
import {reportSkipped, type CommandContext} from './command-context.js';

export type PlaybooksOptions = {
	readonly json: boolean;
	readonly playbookDirectories: readonly string[];
};

export async function runPlaybooks(options: PlaybooksOptions, context: CommandContext): Promise<number> {
	const {playbooks, diagnostics} = await loadPlaybooks({cwd: context.cwd, directories: options.playbookDirectories});
	reportSkipped(diagnostics, context);

	const rows = playbooks.map(playbook => ({
		id: playbook.id,
		title: playbook.title,
		cause: playbook.cause,
		tags: playbook.tags,
		source: playbook.origin.source,
	}));

	if (options.json) {
		context.stdout.write(`${JSON.stringify({playbooks: rows}, null, 2)}\n`);
		return exitCodes.ok;
	}

	const idWidth = Math.max(2, ...rows.map(row => row.id.length));
	const causeWidth = Math.max(5, ...rows.map(row => row.cause.length));
	context.stdout.write(`${'ID'.padEnd(idWidth)}  ${'CAUSE'.padEnd(causeWidth)}  TITLE\n`);
	for (const row of rows) {
		const origin = row.source === 'shipped' ? '' : ` [${row.source}]`;
		const tags = row.tags.length > 0 ? ` (${row.tags.join(', ')})` : '';
		context.stdout.write(`${row.id.padEnd(idWidth)}  ${row.cause.padEnd(causeWidth)}  ${row.title}${tags}${origin}\n`);
	}

	return exitCodes.ok;
}
