import type {Note} from '../note.js';
import type {Playbook} from '../playbook-schema.js';
import type {InvertedIndex} from './inverted-index.js';
import type {Passages} from './passage-scores.js';
import {packTerms, PackedTermIds, termLines, type PackedTerms} from './packed-term-ids.js';
import {buildSearchIndex, searchEntries, type SearchIndex} from './search.js';
import type {Vocabulary} from './vocabulary.js';

/**
 * The search index of the shipped playbooks and blocker logs, as data a build stores: a
 * search with nothing but the shipped knowledge base (most searches) then reads its arrays
 * instead of counting and sorting some thirty thousand postings at every start. It fits only the
 * very entries, in the very order, and the vocabulary it was built from; anything else builds
 * the index anew.
 */
export type PrebuiltIndex = {
	/** `kind:id` of each entry, in index order. */
	readonly entries: readonly string[];
	/** The fingerprint of the vocabulary it was built with. */
	readonly vocabulary: string;
	/** Terms by number, packed for lookup. */
	readonly terms: PackedTerms;
	/** Each term as first written, in the same order, each followed by a line break: split only for the typo corrector. */
	readonly written: string;
	readonly offsets: Int32Array;
	readonly documents: Int32Array;
	readonly frequencies: Float64Array;
	readonly lengths: Float64Array;
	readonly averageLength: number;
	readonly passages: Passages;
};

export function prebuiltIndexOf(index: SearchIndex): PrebuiltIndex {
	const {terms} = index;
	return {
		entries: index.entries.map(entry => `${entry.kind}:${entry.id}`),
		vocabulary: index.vocabulary.fingerprint,
		terms: packTerms([...terms.termIds.keys()]),
		written: termLines(terms.written),
		offsets: terms.offsets,
		documents: terms.documents,
		frequencies: terms.frequencies,
		lengths: terms.lengths,
		averageLength: terms.averageLength,
		passages: index.passages,
	};
}

/** The index of these playbooks and notes: the prebuilt one where it fits them, else built anew. */
export function searchIndexFrom(prebuilt: PrebuiltIndex | undefined, playbooks: readonly Playbook[], notes: readonly Note[], vocabulary: Vocabulary): SearchIndex {
	const {entries, signatures} = searchEntries(playbooks, notes);
	const fits = prebuilt !== undefined
		&& prebuilt.vocabulary === vocabulary.fingerprint
		&& prebuilt.entries.length === entries.length
		&& entries.every((entry, position) => prebuilt.entries[position] === `${entry.kind}:${entry.id}`);
	if (!fits) {
		return buildSearchIndex(playbooks, notes, vocabulary);
	}

	let written: readonly string[] | undefined;
	const terms: InvertedIndex = {
		termIds: new PackedTermIds(prebuilt.terms),
		offsets: prebuilt.offsets,
		documents: prebuilt.documents,
		frequencies: prebuilt.frequencies,
		lengths: prebuilt.lengths,
		averageLength: prebuilt.averageLength,
		get written() {
			written ??= prebuilt.written.split('\n').slice(0, -1);
			return written;
		},
	};
	return {playbooks, entries, signatures, terms, passages: prebuilt.passages, vocabulary, corrections: new Map(), lazy: {}};
}
