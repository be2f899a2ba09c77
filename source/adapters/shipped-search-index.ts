import type {LiteralSetData, LiteralTableData, PrefilterData} from '../core/search/pattern-prefilter.js';
import type {PrebuiltIndex} from '../core/search/prebuilt-index.js';
import {readFileSync} from 'node:fs';
import {buildStamp} from './build-stamp.js';
import {openShippedDataCache, shippedDataCacheFile} from './shipped-data-cache.js';

/**
 * The search indexes of what unblock ships, built by `npm run build`
 * (scripts/write-shipped-data-caches.ts) and trusted only from that very build: one of the
 * playbooks, vocabulary and blocker logs, for search and the wizard; one of the playbooks alone,
 * which diagnose ranks findings against, in a file of its own so that search never reads it.
 */
export const searchIndexCacheFile = shippedBinaryFile('search-index');
export const playbookIndexCacheFile = shippedBinaryFile('playbook-index');

/** The signatures' prefilter (pattern-prefilter.ts) of the shipped playbooks, which search and diagnose share. */
export const patternPrefilterCacheFile = shippedDataCacheFile('pattern-prefilter');

/** Each file's one entry: the build identity, checked by the cache, is what keys it. */
export const shippedIndexName = 'shipped';
export const shippedIndexKey = Buffer.from('the shipped playbooks, vocabulary and blocker logs');

/**
 * A prebuilt index file: one line of JSON (the build's identity, the key, the small fields and
 * where each array lies), then the arrays' bytes as they are in memory and the terms as UTF-8.
 * Read, the arrays are views of the file's bytes: nothing is decoded, and the ~700 KB of JSON and
 * base64 it replaces were ~3 ms of a cold search.
 */
type IndexHead = Pick<PrebuiltIndex, 'entries' | 'vocabulary' | 'averageLength'> & {
	readonly build: string;
	readonly key: string;
	/** [start, length] in bytes, from the first 8-byte boundary after the head's line. */
	readonly sections: Record<Section, readonly [number, number]>;
};

const sections = ['offsets', 'documents', 'frequencies', 'lengths', 'termStarts', 'sortedTerms', 'terms', 'written', 'passageTerms', 'lineEnds', 'entryEnds', 'lineWeights'] as const;
type Section = typeof sections[number];

export function shippedIndex(file: string, build: string | undefined = buildStamp): PrebuiltIndex | undefined {
	let bytes: Buffer;
	try {
		bytes = readFileSync(file);
	} catch {
		return undefined;
	}

	return build === undefined ? undefined : prebuiltIndexFrom(bytes, build);
}

/** The index in these bytes, if the build of this identity wrote them whole; undefined for anything else. */
export function prebuiltIndexFrom(bytes: Buffer, build: string): PrebuiltIndex | undefined {
	const newline = bytes.indexOf(0x0A);
	let head: IndexHead;
	try {
		head = JSON.parse(bytes.toString('utf8', 0, newline < 0 ? 0 : newline)) as IndexHead;
	} catch {
		return undefined;
	}

	const data = alignedAfter(newline);
	if (typeof head !== 'object' || head === null || head.build !== build || head.key !== shippedIndexKey.toString('latin1') || !sections.every(section => fits(head.sections?.[section], bytes.length - data))) {
		return undefined;
	}

	const section = (name: Section) => {
		const [start, length] = head.sections[name];
		return bytes.subarray(data + start, data + start + length);
	};

	const {build: _build, key: _key, sections: _sections, ...fields} = head;
	return {
		...fields,
		terms: {text: section('terms').toString('utf8'), starts: typedArray(Int32Array, section('termStarts')), sorted: typedArray(Int32Array, section('sortedTerms'))},
		// Read by the typo corrector alone, which most searches never build.
		get written() {
			return section('written').toString('utf8');
		},
		offsets: typedArray(Int32Array, section('offsets')),
		documents: typedArray(Int32Array, section('documents')),
		frequencies: typedArray(Float64Array, section('frequencies')),
		lengths: typedArray(Float64Array, section('lengths')),
		passages: {
			terms: typedArray(Int32Array, section('passageTerms')),
			lineEnds: typedArray(Int32Array, section('lineEnds')),
			entryEnds: typedArray(Int32Array, section('entryEnds')),
			lineWeights: typedArray(Float64Array, section('lineWeights')),
		},
	};
}

/** The bytes of the file `shippedIndex` reads. */
export function storedIndexBytes(index: PrebuiltIndex, build: string): Buffer {
	const parts: Record<Section, Buffer> = {
		offsets: bytesOf(index.offsets),
		documents: bytesOf(index.documents),
		frequencies: bytesOf(index.frequencies),
		lengths: bytesOf(index.lengths),
		termStarts: bytesOf(index.terms.starts),
		sortedTerms: bytesOf(index.terms.sorted),
		terms: Buffer.from(index.terms.text),
		written: Buffer.from(index.written),
		passageTerms: bytesOf(index.passages.terms),
		lineEnds: bytesOf(index.passages.lineEnds),
		entryEnds: bytesOf(index.passages.entryEnds),
		lineWeights: bytesOf(index.passages.lineWeights),
	};
	const places = {} as Record<Section, readonly [number, number]>;
	const body: Buffer[] = [];
	let at = 0;
	for (const section of sections) {
		const part = parts[section];
		places[section] = [at, part.length];
		const padding = Buffer.alloc(alignedAfter(at + part.length - 1) - (at + part.length));
		body.push(part, padding);
		at += part.length + padding.length;
	}

	const head: IndexHead = {build, key: shippedIndexKey.toString('latin1'), entries: index.entries, vocabulary: index.vocabulary, averageLength: index.averageLength, sections: places};
	const line = Buffer.from(`${JSON.stringify(head)}\n`);
	return Buffer.concat([line, Buffer.alloc(alignedAfter(line.length - 1) - line.length), ...body]);
}

function shippedBinaryFile(kind: string): string {
	return shippedDataCacheFile(kind).replace(/\.json$/, '.bin');
}

/** The first multiple of 8 past `position`. */
function alignedAfter(position: number): number {
	return Math.ceil((position + 1) / 8) * 8;
}

function fits(place: unknown, size: number): boolean {
	return Array.isArray(place) && place.length === 2 && place.every(number => Number.isInteger(number) && number >= 0) && place[0] + place[1] <= size;
}

function bytesOf(array: Int32Array | Float64Array): Buffer {
	return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function typedArray<Type extends Int32Array | Float64Array>(Kind: {new (buffer: ArrayBuffer, byteOffset?: number, length?: number): Type; readonly BYTES_PER_ELEMENT: number}, bytes: Buffer): Type {
	if (bytes.length % Kind.BYTES_PER_ELEMENT !== 0) {
		throw new Error('a prebuilt index array is not a whole number of elements');
	}

	// A view where the bytes are aligned for it (a file's own buffer is); else a copy of its own.
	return bytes.byteOffset % Kind.BYTES_PER_ELEMENT === 0
		? new Kind(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.length / Kind.BYTES_PER_ELEMENT)
		: new Kind(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
}

/** The prefilter of the playbooks of these ids, in this order. */
export type ShippedPrefilter = {
	readonly playbooks: readonly string[];
	readonly prefilter: PrefilterData;
};

type StoredTable = Omit<LiteralTableData, 'heads' | 'next' | 'offsets'> & {readonly heads: string; readonly next: string; readonly offsets: string};
type StoredSet = Omit<LiteralSetData, 'short' | 'long'> & {readonly short: StoredTable; readonly long: StoredTable};
export type StoredPrefilter = {
	readonly playbooks: readonly string[];
	readonly prefilter: Omit<PrefilterData, 'folded' | 'exact'> & {readonly folded: StoredSet; readonly exact: StoredSet};
};

export function shippedPrefilter(): ShippedPrefilter | undefined {
	const stored = openShippedDataCache<StoredPrefilter>(patternPrefilterCacheFile).get(shippedIndexName, shippedIndexKey)?.value;
	if (!stored) {
		return undefined;
	}

	const set = ({short, long, primary}: StoredSet): LiteralSetData => ({short: table(short), long: table(long), primary});
	const table = ({heads, next, offsets, ...rest}: StoredTable): LiteralTableData => ({...rest, heads: int32ArrayFromBase64(heads), next: int32ArrayFromBase64(next), offsets: int32ArrayFromBase64(offsets)});
	return {playbooks: stored.playbooks, prefilter: {...stored.prefilter, folded: set(stored.prefilter.folded), exact: set(stored.prefilter.exact)}};
}

export function storedPrefilterOf(shipped: ShippedPrefilter): StoredPrefilter {
	const set = ({short, long, primary}: LiteralSetData): StoredSet => ({short: table(short), long: table(long), primary});
	const table = ({heads, next, offsets, ...rest}: LiteralTableData): StoredTable => ({...rest, heads: base64(heads), next: base64(next), offsets: base64(offsets)});
	return {playbooks: shipped.playbooks, prefilter: {...shipped.prefilter, folded: set(shipped.prefilter.folded), exact: set(shipped.prefilter.exact)}};
}

function base64(array: Int32Array): string {
	return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function int32ArrayFromBase64(text: string): Int32Array {
	return typedArray(Int32Array, Buffer.from(text, 'base64'));
}
