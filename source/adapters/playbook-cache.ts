import {createHash} from 'node:crypto';
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import type {PlaybookData} from '../core/playbook-schema.js';
import {playbookJsonSchema} from '../core/playbook-schema.js';
import {packageRoot} from './project-paths.js';

/**
 * The shipped playbooks, already parsed and validated, keyed by a hash of each file's text.
 * `npm run build` writes it; loading then skips YAML parsing and validation for every file whose
 * text is unchanged (YAML parsing is most of the start-up time of `unblock search`). A file that
 * changed, or a schema that changed, simply misses the cache and is parsed as usual.
 */
export const playbookCacheFile = path.join(packageRoot, 'dist', 'playbook-cache.json');

type CacheFile = {
	readonly schema: string;
	readonly playbooks: Record<string, PlaybookData>;
};

export function textHash(text: string): string {
	return createHash('sha256').update(text).digest('hex');
}

function schemaHash(): string {
	return textHash(JSON.stringify(playbookJsonSchema()));
}

let cached: ReadonlyMap<string, PlaybookData> | undefined;

export function readPlaybookCache(): ReadonlyMap<string, PlaybookData> {
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

export function writePlaybookCache(playbooks: ReadonlyArray<{readonly hash: string; readonly data: PlaybookData}>): void {
	const file: CacheFile = {schema: schemaHash(), playbooks: Object.fromEntries(playbooks.map(({hash, data}) => [hash, data]))};
	const temporary = `${playbookCacheFile}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(file));
	renameSync(temporary, playbookCacheFile);
}
