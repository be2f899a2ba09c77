import {createHash} from 'node:crypto';
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {PlaybookData} from '../core/playbook-schema.js';
import type {PlaybookSearchData} from '../core/search/search-documents.js';
import type {Concept} from '../core/search/vocabulary.js';
import {buildStamp} from './build-stamp.js';
import {packageRoot} from './project-paths.js';

/**
 * The shipped playbooks, already parsed and validated by `npm run build`, so that start-up skips
 * reading, YAML parsing and validation (most of a cold `unblock search`). An entry is used only
 * while its file has the size and modification time it had at build time; a file edited since,
 * or a schema that changed, misses the cache and is parsed as usual.
 */
export const playbookCacheFile = path.join(packageRoot, 'dist', 'playbook-cache.json');

/**
 * The schema is recognised by the text of its JSON export, which the build writes from the zod
 * schema (and a test keeps in sync): hashing that file spares start-up from loading zod at all.
 */
const schemaFile = path.join(packageRoot, 'schema', 'playbook.schema.json');

/** What identifies a file's version without reading it. */
export type FileStamp = {
	readonly size: number;
	readonly mtimeMs: number;
};

export type CachedPlaybook = FileStamp & {
	readonly data: PlaybookData;
	/** Its terms and signature literals, as this build's search code works them out. */
	readonly search?: PlaybookSearchData;
};

type CacheFile = {
	readonly schema: string;
	/** The build that wrote it: search data depends on the tokenizer and stemmer, not only the schema. */
	readonly build?: string;
	/** By file name within playbooks/. */
	readonly playbooks: Record<string, CachedPlaybook>;
	/** By file name within playbooks/vocabulary/. */
	readonly vocabulary?: Record<string, CachedVocabularyFile>;
};

export type CachedVocabularyFile = FileStamp & {readonly concepts: readonly Concept[]};

function schemaHash(): string {
	return createHash('sha256').update(readFileSync(schemaFile, 'utf8')).digest('hex');
}

let cached: {playbooks: ReadonlyMap<string, CachedPlaybook>; vocabulary: ReadonlyMap<string, CachedVocabularyFile>} | undefined;
let searchDataFits = false;

function readPlaybookCache(): NonNullable<typeof cached> {
	if (!cached) {
		cached = {playbooks: new Map(), vocabulary: new Map()};
		try {
			const file = JSON.parse(readFileSync(playbookCacheFile, 'utf8')) as CacheFile;
			if (file.schema === schemaHash()) {
				searchDataFits = buildStamp !== undefined && file.build === buildStamp;
				// Concepts are validated by the build's code: only that same build may trust them.
				cached = {playbooks: new Map(Object.entries(file.playbooks)), vocabulary: new Map(searchDataFits ? Object.entries(file.vocabulary ?? {}) : [])};
			}
		} catch {
			// No cache (a source checkout before its first build) or an unreadable one: parse everything.
		}
	}

	return cached;
}

/**
 * The cached playbook of this shipped file, if the file is still the one the build parsed, with
 * its search data when the cache and this code come from the same build.
 */
export function cachedPlaybook(fileName: string, stamp: FileStamp): {data: PlaybookData; search?: PlaybookSearchData} | undefined {
	const entry = readPlaybookCache().playbooks.get(fileName);
	if (!entry || entry.size !== stamp.size || entry.mtimeMs !== stamp.mtimeMs) {
		return undefined;
	}

	return searchDataFits && entry.search ? {data: entry.data, search: entry.search} : {data: entry.data};
}

/** The concepts of this shipped vocabulary file, if the file is still the one the build read. */
export function cachedVocabularyFile(fileName: string, stamp: FileStamp): readonly Concept[] | undefined {
	const entry = readPlaybookCache().vocabulary.get(fileName);
	return entry && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs ? entry.concepts : undefined;
}

export function writePlaybookCache(playbooks: ReadonlyArray<{readonly fileName: string} & CachedPlaybook>, vocabulary: ReadonlyArray<{readonly fileName: string} & CachedVocabularyFile>): void {
	const byName = <Entry extends {readonly fileName: string}>(entries: readonly Entry[]) => Object.fromEntries(entries.map(({fileName, ...entry}) => [fileName, entry]));
	const file: CacheFile = {schema: schemaHash(), build: buildStamp, playbooks: byName(playbooks), vocabulary: byName(vocabulary)};
	const temporary = `${playbookCacheFile}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(file));
	renameSync(temporary, playbookCacheFile);
}
