import {readdirSync, readFileSync, realpathSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Diagnostic} from '../core/diagnostic.js';
import type {KnowledgeFileResult} from './knowledge-file-parser.js';
import {firstPlainLine} from '../core/neutralize-terminal-text.js';
import {linkNotes} from '../core/knowledge/link-notes.js';
import {compareIds} from '../core/search/compare-ids.js';
import type {NoteSearchData} from '../core/search/search-documents.js';
import {rememberNoteSearchDataLater} from '../core/search/search-documents.js';
import type {Note} from '../core/note.js';
import type {Playbook} from '../core/playbook-schema.js';
import {absolutePath, displayPath, findRepositoryRoot, packageRoot, shippedKnowledgeDirectory, teamDirectory} from './project-paths.js';
import {openShippedDataCache, shippedDataCacheFile} from './shipped-data-cache.js';

/**
 * Finds and reads the team's markdown knowledge: the starting knowledge shipped with unblock,
 * `.unblock/knowledge/`, the files `.unblock/config.yaml` names (and its record file), and
 * `--knowledge DIR|FILE`. A file that cannot be read, is binary, is not UTF-8 or is too large is
 * reported with a diagnostic and skipped; the others still load.
 */

export const maximumKnowledgeBytes = 2 * 1024 * 1024;

const knowledgeExtensions = /\.(md|markdown|mdx|txt|text)$/i;
const maximumDepth = 4;

export type KnowledgeSources = {
	readonly cwd: string;
	/** From --knowledge: directories or files. */
	readonly paths?: readonly string[];
	/** Leave out the shipped knowledge (tests of a team's own set). */
	readonly withoutShipped?: boolean;
	/** Link notes to these playbooks' causes. */
	readonly playbooks?: readonly Playbook[];
	/** Those playbooks are the shipped ones, as the build read them: its links of the shipped notes hold. */
	readonly playbooksFromBuild?: boolean;
};

export type KnowledgeSet = {
	readonly notes: readonly Note[];
	readonly diagnostics: readonly Diagnostic[];
	/** Every file read, absolute. */
	readonly files: readonly string[];
	/** Every note came, as it is, from the build's cache of the shipped blocker logs. */
	readonly allFromBuild: boolean;
};

/**
 * A shipped blocker log as the build cut it into notes; the path they show is the loader's to
 * set. Each note's search terms are its later part: only an index built anew reads them.
 */
export type CachedKnowledge = Omit<KnowledgeFileResult, 'terms'>;

export const knowledgeCacheFile = shippedDataCacheFile('knowledge');

/** How the build linked the shipped notes to the shipped playbooks: in note order, by id. */
export type ShippedNoteLinks = ReadonlyArray<Pick<Note, 'id' | 'cause' | 'playbook' | 'linkedBy'>>;
export const noteLinksCacheFile = shippedDataCacheFile('note-links');
export const noteLinksName = 'shipped';
export const noteLinksKey = Buffer.from('the shipped blocker logs linked to the shipped playbooks');

export type KnowledgeConfig = {
	/** `.unblock/config.yaml`, absolute, whether or not it exists. */
	readonly configFile: string;
	/** Files and directories under `knowledge:`, absolute. */
	readonly knowledge: readonly string[];
	/** `record: {file: ...}`, absolute. */
	readonly recordFile?: string;
};

// Files are read synchronously, as the playbook loader reads its own: for the few small files of
// every start that is faster than the thread pool's round trips, and fs/promises never loads.
export async function loadKnowledge(sources: KnowledgeSources): Promise<KnowledgeSet> {
	const diagnostics: Diagnostic[] = [];
	const config = await readKnowledgeConfig(sources.cwd, diagnostics);
	// Shipped entries read as "knowledge/<file>", the way playbooks' seenIn name them.
	const show = (file: string) => (isInside(shippedKnowledgeDirectory, file) && !isInside(sources.cwd, file) ? path.relative(packageRoot, file) : displayPath(file, sources.cwd));

	type Source = {readonly location: string; readonly required: boolean; readonly origin: string};
	const shippedOrigin = 'shipped knowledge';
	const locations: Source[] = [
		...(sources.withoutShipped ? [] : [{location: shippedKnowledgeDirectory, required: false, origin: shippedOrigin}]),
		{location: path.join(teamDirectory(sources.cwd), 'knowledge'), required: false, origin: '.unblock/knowledge'},
		...config.knowledge.map(location => ({location, required: true, origin: show(config.configFile)})),
		...(config.recordFile ? [{location: config.recordFile, required: false, origin: show(config.configFile)}] : []),
		...(sources.paths ?? []).map(location => ({location: path.resolve(sources.cwd, location), required: true, origin: '--knowledge'})),
	];

	const files: string[] = [];
	const shipped = new Set<string>();
	const seen = new Set<string>();
	for (const {location, required, origin} of locations) {
		for (const file of await listKnowledgeFiles(location, required, origin, diagnostics, show)) {
			const real = realOrSame(file);
			if (!seen.has(real)) {
				seen.add(real);
				files.push(file);
				if (origin === shippedOrigin) {
					shipped.add(file);
				}
			}
		}
	}

	const notes: Note[] = [];
	// Search terms the build worked out, note by note (none for a file it did not parse).
	const terms: Array<(() => NoteSearchData | undefined) | undefined> = [];
	const ids = new Set<string>();
	let allFromBuild = true;
	for (const file of files) {
		const result = await loadKnowledgeFile(file, show(file), shipped.has(file) ? shippedName(file) : undefined);
		allFromBuild &&= result.terms !== undefined;
		diagnostics.push(...result.diagnostics);
		for (const [position, note] of result.notes.entries()) {
			// Two BLOCKERS.md in different folders: the later one's ids carry its folder.
			const id = ids.has(note.id) ? `${show(file).replace(/\.[^./\\]+$/, '').toLowerCase()}${note.id.slice(note.id.indexOf('#'))}` : note.id;
			ids.add(id);
			notes.push(id === note.id ? note : {...note, id});
			const fileTerms = result.terms;
			terms.push(fileTerms && (() => fileTerms()?.[position]));
		}
	}

	// Linking gives each note a new object, in the same order.
	const links = allFromBuild && sources.playbooksFromBuild && sources.playbooks ? shippedLinksOf(notes, sources.playbooks) : undefined;
	const linked = links ?? (sources.playbooks ? linkNotes(notes, sources.playbooks) : notes);
	for (const [position, note] of linked.entries()) {
		const noteTerms = terms[position];
		if (noteTerms) {
			rememberNoteSearchDataLater(note, noteTerms);
		}
	}

	return {notes: linked, diagnostics, files, allFromBuild};
}

function realOrSame(file: string): string {
	try {
		return realpathSync.native(file);
	} catch {
		return file;
	}
}

/** The notes linked as the build linked them, when they are the very notes it linked and its playbooks are all there. */
function shippedLinksOf(notes: readonly Note[], playbooks: readonly Playbook[]): Note[] | undefined {
	const links = openShippedDataCache<ShippedNoteLinks>(noteLinksCacheFile).get(noteLinksName, noteLinksKey)?.value;
	const ids = new Set(playbooks.map(playbook => playbook.id));
	if (links?.length !== notes.length || links.some((link, position) => link.id !== notes[position]!.id || (link.playbook !== undefined && !ids.has(link.playbook)))) {
		return undefined;
	}

	return notes.map((note, position) => {
		const {cause: _cause, playbook: _playbook, linkedBy: _linkedBy, ...unlinked} = note;
		const {id: _id, ...link} = links[position]!;
		return {...unlinked, ...link};
	});
}

export type {KnowledgeFileResult} from './knowledge-file-parser.js';

/** A shipped file's name within knowledge/, as the cache knows it. */
export function shippedName(file: string): string {
	return path.relative(shippedKnowledgeDirectory, file).split(path.sep).join('/');
}

/** Reads and parses one file; a shipped one (`cacheName`, its name within knowledge/) comes from the build's cache while its bytes are those the build read. */
export async function loadKnowledgeFile(file: string, shown: string, cacheName?: string): Promise<KnowledgeFileResult> {
	const fail = (message: string): KnowledgeFileResult => ({notes: [], diagnostics: [{file: shown, message, severity: 'error'}]});
	let bytes: Buffer;
	try {
		const info = statSync(file);
		// Through a link a "markdown file" can be /dev/zero or a pipe: reading it would never end.
		if (!info.isFile()) {
			return fail('this is not a regular file (a device, pipe or socket, maybe behind a link); name markdown files only');
		}

		if (info.size > maximumKnowledgeBytes) {
			return fail(`the file is ${(info.size / 1024 / 1024).toFixed(1)} MiB; knowledge files may be at most ${maximumKnowledgeBytes / 1024 / 1024} MiB, so split it`);
		}

		bytes = readFileSync(file);
	} catch (error) {
		return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}

	const entry = cacheName === undefined ? undefined : openShippedDataCache<CachedKnowledge, readonly NoteSearchData[]>(knowledgeCacheFile).get(cacheName, bytes);
	const cached = entry?.value;
	if (cached) {
		// The path is the only part of a note that depends on where it is read from.
		const noteFile = absolutePath(file);
		return {
			notes: cached.notes.map(note => ({...note, file: noteFile})),
			diagnostics: cached.diagnostics.map(diagnostic => ({...diagnostic, file: shown})),
			terms: entry.later,
		};
	}

	// The markdown parser is loaded only for a file the build has not already cut into notes.
	const {parseKnowledgeBytes} = await import('./knowledge-file-parser.js');
	return parseKnowledgeBytes(bytes, shown, file);
}

function isInside(directory: string, file: string): boolean {
	const relative = path.relative(directory, file);
	return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function listKnowledgeFiles(location: string, required: boolean, origin: string, diagnostics: Diagnostic[], show: (file: string) => string): Promise<string[]> {
	let info;
	try {
		info = statSync(location);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (!required && code === 'ENOENT') {
			return [];
		}

		diagnostics.push({
			file: show(location),
			message: code === 'ENOENT' ? `not found (named by ${origin})` : `cannot read it (${code ?? (error as Error).message})`,
			severity: 'error',
		});
		return [];
	}

	if (info.isFile()) {
		return [location];
	}

	return info.isDirectory() ? walk(location, 0, diagnostics, show) : [];
}

async function walk(directory: string, depth: number, diagnostics: Diagnostic[], show: (file: string) => string): Promise<string[]> {
	let entries;
	try {
		entries = readdirSync(directory, {withFileTypes: true});
	} catch (error) {
		diagnostics.push({file: show(directory), message: `cannot read the directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, severity: 'error'});
		return [];
	}

	const files: string[] = [];
	// compareIds orders plain names as the collator does without loading its data (~10 ms) at start-up.
	for (const entry of entries.sort((left, right) => compareIds(left.name, right.name))) {
		if (entry.name.startsWith('.') || entry.name === 'node_modules') {
			continue;
		}

		const full = path.join(directory, entry.name);
		if (entry.isDirectory() && depth < maximumDepth) {
			files.push(...await walk(full, depth + 1, diagnostics, show));
		} else if ((entry.isFile() || entry.isSymbolicLink()) && knowledgeExtensions.test(entry.name)) {
			files.push(full);
		}
	}

	return files;
}

/**
 * `.unblock/config.yaml`: `knowledge: [docs/BLOCKERS.md, docs/troubleshooting.md]` and
 * `record: {file: docs/BLOCKERS.md}`, paths relative to the repository root. Other keys belong to
 * other parts of unblock and are left alone here.
 */
export async function readKnowledgeConfig(cwd: string, diagnostics: Diagnostic[] = []): Promise<KnowledgeConfig> {
	const directory = teamDirectory(cwd);
	const root = findRepositoryRoot(cwd) ?? cwd;
	const configFile = path.join(directory, 'config.yaml');
	const shown = displayPath(configFile, cwd);
	const empty: KnowledgeConfig = {configFile, knowledge: []};

	let text: string;
	try {
		text = readFileSync(configFile, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
			diagnostics.push({file: shown, message: `cannot read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, severity: 'error'});
		}

		return empty;
	}

	// Most repositories have no config file: YAML is loaded only for one that does.
	const {parseDocument} = await import('./yaml-document.js');
	const document = parseDocument(text, {prettyErrors: false});
	if (document.errors.length > 0) {
		diagnostics.push({file: shown, message: `YAML syntax: ${firstPlainLine(document.errors[0]!.message, 200)}`, severity: 'error'});
		return empty;
	}

	let data: unknown;
	try {
		data = document.toJS({maxAliasCount: 50});
	} catch (error) {
		diagnostics.push({file: shown, message: `YAML: ${firstPlainLine((error as Error).message, 200)}`, severity: 'error'});
		return empty;
	}

	if (data === null || data === undefined) {
		return empty;
	}

	if (typeof data !== 'object' || Array.isArray(data)) {
		diagnostics.push({file: shown, message: 'expected a mapping of settings', severity: 'error'});
		return empty;
	}

	const settings = data as Record<string, unknown>;
	const knowledge: string[] = [];
	const listed = typeof settings.knowledge === 'string' ? [settings.knowledge] : settings.knowledge;
	if (Array.isArray(listed)) {
		for (const [index, entry] of listed.entries()) {
			if (typeof entry === 'string' && entry.trim() !== '') {
				knowledge.push(path.resolve(root, entry));
			} else {
				diagnostics.push({file: shown, field: `knowledge[${index}]`, message: 'expected a file or directory path', severity: 'error'});
			}
		}
	} else if (listed !== undefined) {
		diagnostics.push({file: shown, field: 'knowledge', message: 'expected a list of files or directories, e.g. [docs/BLOCKERS.md]', severity: 'error'});
	}

	let recordFile: string | undefined;
	const record = settings.record;
	if (record !== undefined) {
		const file = typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>).file : undefined;
		if (typeof file === 'string' && file.trim() !== '') {
			recordFile = path.resolve(root, file);
		} else {
			diagnostics.push({file: shown, field: 'record.file', message: 'expected the blocker log to write to, e.g. record: {file: docs/BLOCKERS.md}', severity: 'error'});
		}
	}

	return {configFile, knowledge, ...(recordFile ? {recordFile} : {})};
}

/** Where `unblock record` writes: --file, else config's record.file, else `.unblock/knowledge/BLOCKERS.md`. */
export function recordTarget(cwd: string, config: KnowledgeConfig, file?: string): string {
	if (file) {
		return path.resolve(cwd, file);
	}

	return config.recordFile ?? path.join(teamDirectory(cwd), 'knowledge', 'BLOCKERS.md');
}
