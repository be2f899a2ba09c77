import {readdir, readFile, stat} from 'node:fs/promises';
import path from 'node:path';
import {isNode, LineCounter, parseDocument, type Document} from 'yaml';
import type {Diagnostic} from '../core/diagnostic.js';
import {formatFieldPath} from '../core/diagnostic.js';
import {checkPlaybookRules} from '../core/playbook-rules.js';
import {playbookSchema, type Playbook, type PlaybookOrigin} from '../core/playbook-schema.js';
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
		for (const file of files) {
			const result = await loadPlaybookFile(file, source, sources.cwd);
			diagnostics.push(...result.diagnostics);
			if (!result.playbook) {
				continue;
			}

			const earlier = seen.get(result.playbook.id);
			if (earlier) {
				diagnostics.push({
					file: displayPath(file, sources.cwd),
					field: 'id',
					message: `duplicate id "${result.playbook.id}", already loaded from ${earlier}; rename one of them`,
					severity: 'error',
				});
				continue;
			}

			seen.set(result.playbook.id, displayPath(file, sources.cwd));
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
			file: displayPath(directory, cwd),
			message: code === 'ENOENT' ? 'playbook directory not found; check the --playbooks path' : `cannot read the playbook directory (${code ?? (error as Error).message})`,
			severity: 'error',
		});
		return [];
	}
}

export type PlaybookFileResult = {
	readonly playbook?: Playbook;
	readonly diagnostics: readonly Diagnostic[];
};

export async function loadPlaybookFile(file: string, source: PlaybookOrigin['source'], cwd: string): Promise<PlaybookFileResult> {
	const shown = displayPath(file, cwd);
	const fail = (message: string, line?: number, field?: string): PlaybookFileResult => ({
		diagnostics: [{file: shown, line, field, message, severity: 'error'}],
	});

	let text: string;
	try {
		const info = await stat(file);
		if (info.size > maximumPlaybookBytes) {
			return fail(`the file is ${Math.round(info.size / 1024)} KiB; a playbook may be at most ${maximumPlaybookBytes / 1024} KiB`);
		}

		text = await readFile(file, 'utf8');
	} catch (error) {
		return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}

	return parsePlaybookText(text, {file, shown, source});
}

export function parsePlaybookText(text: string, where: {file: string; shown: string; source: PlaybookOrigin['source']}): PlaybookFileResult {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter, uniqueKeys: true, prettyErrors: false});
	const diagnostic = (message: string, line?: number, field?: string): Diagnostic => ({file: where.shown, line, field, message, severity: 'error'});

	if (document.errors.length > 0) {
		return {
			diagnostics: document.errors.slice(0, 3).map(error => diagnostic(`YAML syntax: ${firstLine(error.message)}`, lineOf(lineCounter, error.pos[0]))),
		};
	}

	let data: unknown;
	try {
		// Alias expansion is bounded so a "billion laughs" file fails fast instead of eating memory.
		data = document.toJS({maxAliasCount: 50});
	} catch (error) {
		return {diagnostics: [diagnostic(`YAML: ${firstLine((error as Error).message)}`)]};
	}

	const parsed = playbookSchema.safeParse(data);
	if (!parsed.success) {
		return {
			diagnostics: parsed.error.issues.slice(0, 10).map(issue =>
				diagnostic(issue.message, lineAt(document, lineCounter, issue.path), formatFieldPath(issue.path) || undefined)),
		};
	}

	const stem = path.basename(where.file).replace(/\.ya?ml$/i, '');
	const issues = checkPlaybookRules(parsed.data, stem);
	if (issues.length > 0) {
		return {
			diagnostics: issues.map(issue => diagnostic(issue.message, lineAt(document, lineCounter, issue.path), formatFieldPath(issue.path))),
		};
	}

	return {playbook: {...parsed.data, origin: {file: where.file, source: where.source}}, diagnostics: []};
}

function lineAt(document: Document, lineCounter: LineCounter, fieldPath: ReadonlyArray<PropertyKey>): number | undefined {
	// Walk down as far as the path exists, so a missing field points at its parent.
	for (let length = fieldPath.length; length >= 0; length--) {
		const node = document.getIn(fieldPath.slice(0, length) as Array<string | number>, true);
		if (isNode(node) && node.range) {
			return lineOf(lineCounter, node.range[0]);
		}
	}

	return undefined;
}

function lineOf(lineCounter: LineCounter, offset: number | undefined): number | undefined {
	return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function firstLine(message: string): string {
	return message.split('\n', 1)[0] ?? message;
}
