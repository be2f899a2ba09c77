import {createHash} from 'node:crypto';
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {PlaybookData} from '../core/playbook-schema.js';
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

export type CachedPlaybook = FileStamp & {readonly data: PlaybookData};

type CacheFile = {
	readonly schema: string;
	/** By file name within playbooks/. */
	readonly playbooks: Record<string, CachedPlaybook>;
};

function schemaHash(): string {
	return createHash('sha256').update(readFileSync(schemaFile, 'utf8')).digest('hex');
}

let cached: ReadonlyMap<string, CachedPlaybook> | undefined;

function readPlaybookCache(): ReadonlyMap<string, CachedPlaybook> {
	if (!cached) {
		cached = new Map();
		try {
			const file = JSON.parse(readFileSync(playbookCacheFile, 'utf8')) as CacheFile;
			if (file.schema === schemaHash()) {
				cached = new Map(Object.entries(file.playbooks));
			}
		} catch {
			// No cache (a source checkout before its first build) or an unreadable one: parse everything.
		}
	}

	return cached;
}

/** The cached playbook of this shipped file, if the file is still the one the build parsed. */
export function cachedPlaybook(fileName: string, stamp: FileStamp): PlaybookData | undefined {
	const entry = readPlaybookCache().get(fileName);
	return entry && entry.size === stamp.size && entry.mtimeMs === stamp.mtimeMs ? entry.data : undefined;
}

export function writePlaybookCache(playbooks: ReadonlyArray<{readonly fileName: string} & CachedPlaybook>): void {
	const file: CacheFile = {schema: schemaHash(), playbooks: Object.fromEntries(playbooks.map(({fileName, ...entry}) => [fileName, entry]))};
	const temporary = `${playbookCacheFile}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(file));
	renameSync(temporary, playbookCacheFile);
}
