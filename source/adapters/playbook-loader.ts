import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import type {Diagnostic} from '../core/diagnostic.js';
import type {Playbook, PlaybookOrigin} from '../core/playbook-schema.js';
import {rememberPlaybookSearchData} from '../core/search/search-documents.js';
import {cachedPlaybook} from './playbook-cache.js';
import {diagnosticText} from '../core/diagnostic.js';
import type {PlaybookFileResult} from './playbook-file-parser.js';
import {displayPath, shippedPlaybooksDirectory, teamDirectory} from './project-paths.js';

export const maximumPlaybookBytes = 256 * 1024;

export type PlaybookSet = {
	readonly playbooks: readonly Playbook[];
	readonly diagnostics: readonly Diagnostic[];
};

export type PlaybookSources = {
	readonly cwd: string;
	/** Extra directories from --playbooks. */
	readonly directories?: readonly string[];
	/** Leave out the shipped playbooks (tests of a team's own set). */
	readonly withoutShipped?: boolean;
};

type SourceDirectory = {readonly directory: string; readonly source: PlaybookOrigin['source']; readonly required: boolean};

export async function loadPlaybooks(sources: PlaybookSources): Promise<PlaybookSet> {
	const directories: SourceDirectory[] = [
		...(sources.withoutShipped ? [] : [{directory: shippedPlaybooksDirectory, source: 'shipped' as const, required: true}]),
		{directory: path.join(teamDirectory(sources.cwd), 'playbooks'), source: 'team', required: false},
		...(sources.directories ?? []).map(directory => ({directory: path.resolve(sources.cwd, directory), source: 'flag' as const, required: true})),
	];

	const playbooks: Playbook[] = [];
	const diagnostics: Diagnostic[] = [];
	const seen = new Map<string, string>();
	const visited = new Set<string>();

	for (const {directory, source, required} of directories) {
		if (visited.has(directory)) {
			continue;
		}

		visited.add(directory);
		const files = await listYamlFiles(directory, required, diagnostics, sources.cwd);
		// Read concurrently, then take results in file order so duplicate ids resolve the same way every time.
		const results = await Promise.all(files.map(async file => ({file, result: await loadPlaybookFile(file, source, sources.cwd)})));
		for (const {file, result} of results) {
			diagnostics.push(...result.diagnostics);
			if (!result.playbook) {
				continue;
			}

			const earlier = seen.get(result.playbook.id);
			if (earlier) {
				diagnostics.push({
					file: shownPath(file, sources.cwd),
					field: 'id',
					message: `duplicate id "${result.playbook.id}", already loaded from ${earlier}; rename one of them`,
					severity: 'error',
				});
				continue;
			}

			seen.set(result.playbook.id, shownPath(file, sources.cwd));
			playbooks.push(result.playbook);
		}
	}

	return {playbooks, diagnostics};
}

async function listYamlFiles(directory: string, required: boolean, diagnostics: Diagnostic[], cwd: string): Promise<string[]> {
	try {
		const entries = await readdir(directory, {withFileTypes: true});
		return entries
			.filter(entry => entry.isFile() && /\.ya?ml$/i.test(entry.name))
			.map(entry => path.join(directory, entry.name))
			.sort();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' && !required) {
			return [];
		}

		diagnostics.push({
			file: shownPath(directory, cwd),
			message: code === 'ENOENT' ? 'playbook directory not found; check the --playbooks path' : `cannot read the playbook directory (${code ?? (error as Error).message})`,
			severity: 'error',
		});
		return [];
	}
}

export async function loadPlaybookFile(file: string, source: PlaybookOrigin['source'], cwd: string): Promise<PlaybookFileResult> {
	const shown = shownPath(file, cwd);
	const fail = (message: string, line?: number, field?: string): PlaybookFileResult => ({
		diagnostics: [{file: shown, line, field, message, severity: 'error'}],
	});

	let text: string;
	try {
		const info = await stat(file);
		if (info.size > maximumPlaybookBytes) {
			return fail(`the file is ${Math.round(info.size / 1024)} KiB; a playbook may be at most ${maximumPlaybookBytes / 1024} KiB`);
		}

		const cached = source === 'shipped' ? cachedPlaybook(path.basename(file), info) : undefined;
		if (cached) {
			const playbook: Playbook = {...cached.data, origin: {file, source}};
			if (cached.search) {
				rememberPlaybookSearchData(playbook, cached.search);
			}

			return {playbook, diagnostics: []};
		}

		text = await readFile(file, 'utf8');
	} catch (error) {
		return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}

	// YAML and the schema are loaded only for a file the build has not already validated.
	const {parsePlaybookText} = await import('./playbook-file-parser.js');
	return parsePlaybookText(text, {file, shown, source});
}

/** A file or directory name as printed: a name can hold escape sequences too. */
function shownPath(file: string, cwd: string): string {
	return diagnosticText(displayPath(file, cwd));
}
