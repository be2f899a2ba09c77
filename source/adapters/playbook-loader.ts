import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Diagnostic} from '../core/diagnostic.js';
import type {Playbook, PlaybookData, PlaybookOrigin, Signature} from '../core/playbook-schema.js';
import {rememberPlaybookTermsLater, type PlaybookSearchData} from '../core/search/search-documents.js';
import {rememberPlaybookLiterals, type RequiredLiterals} from '../core/search/signature-literals.js';
import {diagnosticText} from '../core/diagnostic.js';
import type {PlaybookFileResult} from './playbook-file-parser.js';
import {displayPath, entryPath, shippedPlaybooksDirectory, teamDirectory} from './project-paths.js';
import {readSmallFile} from './read-small-file.js';
import {openShippedDataCache, shippedDataCacheFile, type CachedEntry} from './shipped-data-cache.js';

export const maximumPlaybookBytes = 256 * 1024;

/**
 * What only a fix, the wizard's playbook page, a full listing or building an index reads: most of
 * every playbook, which start-up (a search with the build's index, a scan) need not parse. A
 * cached playbook parses them, its own alone, on first use; its signatures' examples likewise.
 */
const laterFields = ['summary', 'symptoms', 'tags', 'seenIn', 'steps', 'variables', 'distinguish', 'references', 'tradeoffs'] as const;
type LaterField = typeof laterFields[number];
export type PlaybookDetails = Pick<PlaybookData, LaterField>;
type SignatureHead = Omit<Signature, 'examples'>;

/**
 * A shipped playbook as the build parsed and validated it, with its signatures' literals; the
 * rest comes later, when a fix or the wizard needs it or an index is built from the playbooks
 * (the build's prebuilt index spares most searches the search terms).
 */
export type CachedPlaybook = {
	readonly data: Omit<PlaybookData, LaterField | 'signatures'> & {readonly signatures: readonly SignatureHead[]};
	/**
	 * One per signature, in order, null where the pattern has no literal worth looking up: as JSON,
	 * parsed only when a prefilter is built from the playbooks (the build's serves a search).
	 */
	readonly literals: string;
};

export type CachedPlaybookLater = PlaybookDetails & {
	/** Each signature's examples, in order. */
	readonly examples: ReadonlyArray<Signature['examples']>;
	readonly search: Pick<PlaybookSearchData, 'terms' | 'concepts'>;
};

export function splitPlaybookDetails(data: PlaybookData): {data: CachedPlaybook['data']; details: Omit<CachedPlaybookLater, 'search'>} {
	const {summary, symptoms, tags, seenIn, steps, variables, distinguish, references, tradeoffs, signatures, ...rest} = data;
	return {
		data: {...rest, signatures: signatures.map(({examples: _examples, ...head}) => head)},
		details: {summary, symptoms, tags, seenIn, steps, variables, distinguish, references, tradeoffs, examples: signatures.map(signature => signature.examples)},
	};
}

export const playbookCacheFile = shippedDataCacheFile('playbooks');

/** The playbooks that came, as they are, from the build's cache. */
const builtPlaybooks = new WeakSet<Playbook>();

/** Whether the build read this very playbook (its text unchanged since): its prebuilt search data fits it. */
export function isFromBuild(playbook: Playbook): boolean {
	return builtPlaybooks.has(playbook);
}

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
	// Id → the file it came from.
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
					file: shownPath(file, sources.cwd),
					field: 'id',
					message: `duplicate id "${result.playbook.id}", already loaded from ${shownPath(earlier, sources.cwd)}; rename one of them`,
					severity: 'error',
				});
				continue;
			}

			seen.set(result.playbook.id, file);
			playbooks.push(result.playbook);
		}
	}

	return {playbooks, diagnostics};
}

async function listYamlFiles(directory: string, required: boolean, diagnostics: Diagnostic[], cwd: string): Promise<string[]> {
	try {
		const entries = readdirSync(directory, {withFileTypes: true});
		return entries
			.filter(entry => entry.isFile() && /\.ya?ml$/i.test(entry.name))
			.map(entry => entryPath(directory, entry.name))
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
	const fail = (message: string): PlaybookFileResult => ({
		diagnostics: [{file: shownPath(file, cwd), message, severity: 'error'}],
	});
	const tooLarge = () => fail(`the file is larger than ${maximumPlaybookBytes / 1024} KiB, the most a playbook may be`);

	// Read synchronously: for a hundred small files at every start that is several times faster than
	// the thread pool's round trips (open, stat, read, close) for each. A shipped file, which is the
	// package's own and small, is read with readSmallFile and measured once read: no stat first,
	// and no buffer of its own unless it is not the one the build read.
	let bytes: Buffer;
	try {
		if (source === 'shipped') {
			const read = readSmallFile(file, maximumPlaybookBytes);
			if (!read) {
				return tooLarge();
			}

			const cached = openShippedDataCache<CachedPlaybook, CachedPlaybookLater>(playbookCacheFile).get(path.basename(file), read);
			if (cached) {
				return {playbook: fromBuild(cached, file), diagnostics: []};
			}

			bytes = Buffer.from(read);
		} else {
			const {size} = statSync(file);
			if (size > maximumPlaybookBytes) {
				return tooLarge();
			}

			bytes = readFileSync(file);
		}
	} catch (error) {
		return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}

	if (bytes.length > maximumPlaybookBytes) {
		return tooLarge();
	}

	// YAML and the schema are loaded only for a file the build has not already validated.
	const {parsePlaybookText} = await import('./playbook-file-parser.js');
	return parsePlaybookText(bytes.toString('utf8'), {file, shown: shownPath(file, cwd), source});
}

/** The playbook as the build parsed it; what only some commands read is parsed when first asked for. */
function fromBuild(cached: CachedEntry<CachedPlaybook, CachedPlaybookLater>, file: string): Playbook {
	const signatures = cached.value.data.signatures.map((head, position) => Object.defineProperty({...head}, 'examples', {enumerable: true, get: () => cached.later().examples[position]}) as Signature);
	const playbook = {...cached.value.data, signatures, origin: {file, source: 'shipped' as const}} as Playbook;
	for (const field of laterFields) {
		Object.defineProperty(playbook, field, {enumerable: true, get: () => cached.later()[field]});
	}

	rememberPlaybookLiterals(playbook, () => JSON.parse(cached.value.literals) as ReadonlyArray<RequiredLiterals | null>);
	rememberPlaybookTermsLater(playbook, () => cached.later().search);
	builtPlaybooks.add(playbook);
	return playbook;
}

/** A file or directory name as printed: a name can hold escape sequences too. */
function shownPath(file: string, cwd: string): string {
	return diagnosticText(displayPath(file, cwd));
}
