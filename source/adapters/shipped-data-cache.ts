import {mkdirSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {buildStamp} from './build-stamp.js';
import {packageRoot} from './project-paths.js';

/**
 * What `npm run build` derives from the files unblock ships (playbooks parsed and validated, blocker
 * logs cut into notes), so that start-up does not parse them again. An entry is used only when the
 * file's bytes are the very bytes the build read, and only by the very build that wrote it: the
 * cache records the build's identity (a hash of its sources and libraries), so new parsing code
 * never reads data the old code derived. Keyed by content, never by modification time: packing
 * and installing the package change mtimes, not bytes. The cache keeps a copy of those bytes, in
 * a file of their own read in one go, and compares: no hash to compute at start-up, and no hash
 * module to load (node:crypto is ~2.5 ms of a cold search, hashing the playbooks ~1.5 ms more).
 *
 * Callers look up shipped files only; a team's own files are always read and parsed.
 * Another kind of shipped data is cached the same way: a file under dist/cache/, a value derived
 * at build time by scripts/write-shipped-data-caches.ts, and a lookup where the data is loaded.
 *
 * Each entry has a value, parsed when the cache is opened, and optionally a part only some commands
 * need (a playbook's steps), kept in a file of their own beside it (named with the build's
 * identity) that is read when first asked for, and parsed, that entry's alone: a search that shows
 * five playbooks reads the later parts of none of them.
 */
export type ShippedDataCache<Value, Later = never> = {
	/** The entry the build derived from this file, if these are the very bytes it read. */
	get(name: string, bytes: Uint8Array): CachedEntry<Value, Later> | undefined;
};

export type CachedEntry<Value, Later> = {
	readonly value: Value;
	later(): Later;
};

type Head<Value> = {
	readonly build: string;
	/**
	 * By the file's name within its shipped directory; `source` is where the bytes the build read
	 * lie in the sources' file, `later` where its later part lies in the later parts' file, [start, end).
	 */
	readonly files: Record<string, {readonly source: readonly [number, number]; readonly value: Value; readonly later?: readonly [number, number]}>;
	/** The sources' file and the later parts' file, in the same directory, and their sizes. */
	readonly sources: {readonly file: string; readonly bytes: number};
	readonly later?: {readonly file: string; readonly bytes: number};
};

export function shippedDataCacheFile(kind: string): string {
	return path.join(packageRoot, 'dist', 'cache', `${kind}.json`);
}

const opened = new Map<string, ShippedDataCache<unknown, unknown>>();
const emptyCache: ShippedDataCache<never, never> = {get: () => undefined};

/** The cache in `file`, read once per process; empty without a build identity, or when another build wrote it. */
export function openShippedDataCache<Value, Later = never>(file: string, build: string | undefined = buildStamp): ShippedDataCache<Value, Later> {
	const key = `${build ?? ''}\0${file}`;
	let cache = opened.get(key);
	if (!cache) {
		cache = build === undefined ? emptyCache : readCache(file, build);
		opened.set(key, cache);
	}

	return cache as ShippedDataCache<Value, Later>;
}

function readCache(file: string, build: string): ShippedDataCache<unknown, unknown> {
	let head: Head<unknown>;
	try {
		head = JSON.parse(readFileSync(file, 'utf8')) as Head<unknown>;
	} catch {
		// No cache (a checkout before its first build) or an unreadable one: everything is parsed.
		return emptyCache;
	}

	if (head.build !== build || typeof head.files !== 'object' || head.files === null || typeof head.sources?.file !== 'string') {
		return emptyCache;
	}

	const laterFile = head.later && path.join(path.dirname(file), path.basename(head.later.file));
	if (head.later && !hasSize(laterFile!, head.later.bytes)) {
		return emptyCache;
	}

	const entries = new Map(Object.entries(head.files));
	let laterBytes: Buffer | undefined;
	const laterParts = new Map<string, unknown>();
	const laterPart = (name: string, [start, end]: readonly [number, number]) => {
		if (!laterParts.has(name)) {
			laterBytes ??= readFileSync(laterFile!);
			laterParts.set(name, JSON.parse(laterBytes.toString('utf8', start, end)));
		}

		return laterParts.get(name);
	};

	let sources: Buffer | undefined;
	const readSources = (): Buffer | undefined => {
		try {
			sources ??= readFileSync(path.join(path.dirname(file), path.basename(head.sources.file)));
		} catch {
			sources = Buffer.alloc(0);
		}

		return sources.length === head.sources.bytes ? sources : undefined;
	};

	return {
		get(name, bytes) {
			const entry = entries.get(name);
			const built = entry && readSources()?.subarray(...entry.source);
			if (!entry || !built?.equals(bytes)) {
				return undefined;
			}

			const range = entry.later;
			return {value: entry.value, later: () => (range ? laterPart(name, range) : undefined)};
		},
	};
}

function hasSize(file: string, bytes: number): boolean {
	try {
		return statSync(file).size === bytes;
	} catch {
		return false;
	}
}

/** The file of a cache's later parts: its name says which build wrote them. */
export function laterPartsFile(file: string, build: string): string {
	return `${file.replace(/\.json$/, '')}.later-${build}.json`;
}

/** The file of the bytes the build read, one file's after another's. */
export function sourcesFile(file: string, build: string): string {
	return `${file.replace(/\.json$/, '')}.sources-${build}.bin`;
}

export type ShippedDataEntry<Value, Later = never> = {
	readonly name: string;
	readonly bytes: Uint8Array;
	readonly value: Value;
	readonly later?: Later;
};

export function writeShippedDataCache<Value, Later>(file: string, entries: Iterable<ShippedDataEntry<Value, Later>>, build: string | undefined = buildStamp): void {
	if (build === undefined) {
		throw new Error('a shipped-data cache is written by a build, which has an identity; this code has none');
	}

	const sources = sourcesFile(file, build);
	const head: {-readonly [Key in keyof Head<Value>]: Head<Value>[Key]} = {build, files: {}, sources: {file: path.basename(sources), bytes: 0}};
	const sourceParts: Uint8Array[] = [];
	const laterParts: Buffer[] = [];
	let laterBytes = 0;
	for (const entry of entries) {
		let range: [number, number] | undefined;
		if (entry.later !== undefined) {
			const part = Buffer.from(`${JSON.stringify(entry.later)}\n`);
			range = [laterBytes, laterBytes + part.length - 1];
			laterParts.push(part);
			laterBytes += part.length;
		}

		const source = [head.sources.bytes, head.sources.bytes + entry.bytes.length] as const;
		sourceParts.push(entry.bytes);
		head.sources = {...head.sources, bytes: source[1]};
		head.files[entry.name] = {source, value: entry.value, ...(range ? {later: range} : {})};
	}

	mkdirSync(path.dirname(file), {recursive: true});
	writeAtomically(sources, Buffer.concat(sourceParts));
	if (laterParts.length > 0) {
		const later = laterPartsFile(file, build);
		writeAtomically(later, Buffer.concat(laterParts));
		head.later = {file: path.basename(later), bytes: laterBytes};
	}

	writeAtomically(file, Buffer.from(`${JSON.stringify(head)}\n`));
	opened.clear();
}

/** Writes a file of dist/cache/ whole or not at all. */
export function writeShippedFile(file: string, bytes: Buffer): void {
	mkdirSync(path.dirname(file), {recursive: true});
	writeAtomically(file, bytes);
}

function writeAtomically(file: string, bytes: Buffer): void {
	const temporary = `${file}.${process.pid}.tmp`;
	writeFileSync(temporary, bytes);
	renameSync(temporary, file);
}
