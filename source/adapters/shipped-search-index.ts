import type {LiteralSetData, LiteralTableData, PrefilterData} from '../core/search/pattern-prefilter.js';
import type {PrebuiltIndex} from '../core/search/prebuilt-index.js';
import {contentHash} from './content-hash.js';
import {openShippedDataCache, shippedDataCacheFile} from './shipped-data-cache.js';

/**
 * The search indexes of what unblock ships, built by `npm run build`
 * (scripts/write-shipped-data-caches.ts) and trusted only from that very build: one of the
 * playbooks, vocabulary and blocker logs, for search and the wizard; one of the playbooks alone,
 * which diagnose ranks findings against, in a file of its own so that search never reads it.
 */
export const searchIndexCacheFile = shippedDataCacheFile('search-index');
export const playbookIndexCacheFile = shippedDataCacheFile('playbook-index');

/** The signatures' prefilter (pattern-prefilter.ts) of the shipped playbooks, which search and diagnose share. */
export const patternPrefilterCacheFile = shippedDataCacheFile('pattern-prefilter');

/** Each file's one entry: the build identity, checked by the cache, is what keys it. */
export const shippedIndexName = 'shipped';
export const shippedIndexKey = Buffer.from('the shipped playbooks, vocabulary and blocker logs');

export function shippedIndex(file: string): PrebuiltIndex | undefined {
	const stored = openShippedDataCache<StoredIndex>(file).get(shippedIndexName, contentHash(shippedIndexKey))?.value;
	return stored && prebuiltIndexFrom(stored);
}

/**
 * The prebuilt index as its file holds it: the postings, and the terms' places and order, as the
 * bytes of their typed arrays in base64. JSON.parse reads a few long strings several times faster
 * than the ~20,000 words and ~50,000 numbers they hold (~9 ms of a cold search), with less garbage.
 */
export type StoredIndex = Omit<PrebuiltIndex, 'terms' | 'offsets' | 'documents' | 'frequencies' | 'lengths'> & {
	readonly terms: string;
	readonly termStarts: string;
	readonly sortedTerms: string;
	readonly offsets: string;
	readonly documents: string;
	readonly frequencies: string;
	readonly lengths: string;
};

export function storedIndexOf(index: PrebuiltIndex): StoredIndex {
	return {
		...index,
		terms: index.terms.text,
		termStarts: base64(index.terms.starts),
		sortedTerms: base64(index.terms.sorted),
		offsets: base64(index.offsets),
		documents: base64(index.documents),
		frequencies: base64(index.frequencies),
		lengths: base64(index.lengths),
	};
}

export function prebuiltIndexFrom(stored: StoredIndex): PrebuiltIndex {
	const {termStarts, sortedTerms, ...rest} = stored;
	return {
		...rest,
		terms: {text: stored.terms, starts: typedArray(Int32Array, termStarts), sorted: typedArray(Int32Array, sortedTerms)},
		offsets: typedArray(Int32Array, stored.offsets),
		documents: typedArray(Int32Array, stored.documents),
		frequencies: typedArray(Float64Array, stored.frequencies),
		lengths: typedArray(Float64Array, stored.lengths),
	};
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
	const stored = openShippedDataCache<StoredPrefilter>(patternPrefilterCacheFile).get(shippedIndexName, contentHash(shippedIndexKey))?.value;
	if (!stored) {
		return undefined;
	}

	const set = ({short, long, primary}: StoredSet): LiteralSetData => ({short: table(short), long: table(long), primary});
	const table = ({heads, next, offsets, ...rest}: StoredTable): LiteralTableData => ({...rest, heads: typedArray(Int32Array, heads), next: typedArray(Int32Array, next), offsets: typedArray(Int32Array, offsets)});
	return {playbooks: stored.playbooks, prefilter: {...stored.prefilter, folded: set(stored.prefilter.folded), exact: set(stored.prefilter.exact)}};
}

export function storedPrefilterOf(shipped: ShippedPrefilter): StoredPrefilter {
	const set = ({short, long, primary}: LiteralSetData): StoredSet => ({short: table(short), long: table(long), primary});
	const table = ({heads, next, offsets, ...rest}: LiteralTableData): StoredTable => ({...rest, heads: base64(heads), next: base64(next), offsets: base64(offsets)});
	return {playbooks: shipped.playbooks, prefilter: {...shipped.prefilter, folded: set(shipped.prefilter.folded), exact: set(shipped.prefilter.exact)}};
}

function base64(array: Int32Array | Float64Array): string {
	return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

function typedArray<Type extends Int32Array | Float64Array>(Kind: {new (buffer: ArrayBuffer): Type; readonly BYTES_PER_ELEMENT: number}, text: string): Type {
	const bytes = Buffer.from(text, 'base64');
	// A copy of its own: Buffer.from may hand out a slice of a shared pool, not aligned for Float64Array.
	return new Kind(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}
