import {tokenize} from './tokenize.js';

/**
 * BM25 over weighted fields (BM25F in spirit): a term in a title counts more than one in a long
 * explanation. Long pasted logs go through here, in milliseconds, never through fuzzy search.
 */

export type IndexedField = {
	readonly text: string;
	readonly weight: number;
};

type Posting = {readonly document: number; readonly frequency: number};

export type InvertedIndex = {
	readonly postings: ReadonlyMap<string, readonly Posting[]>;
	readonly lengths: readonly number[];
	readonly averageLength: number;
	/** Stem → the words it was written as, for explaining a match. */
	readonly words: ReadonlyMap<string, string>;
};

export type TermHit = {
	readonly document: number;
	readonly score: number;
	readonly terms: readonly string[];
};

const k1 = 1.2;
const b = 0.75;

export function buildInvertedIndex(documents: ReadonlyArray<readonly IndexedField[]>): InvertedIndex {
	const postings = new Map<string, Posting[]>();
	const words = new Map<string, string>();
	const lengths: number[] = [];

	for (const [document, fields] of documents.entries()) {
		const frequencies = new Map<string, number>();
		let length = 0;
		for (const field of fields) {
			for (const token of tokenize(field.text)) {
				frequencies.set(token.term, (frequencies.get(token.term) ?? 0) + field.weight);
				length += field.weight;
				if (!words.has(token.term)) {
					words.set(token.term, token.word);
				}
			}
		}

		lengths.push(length);
		for (const [term, frequency] of frequencies) {
			let list = postings.get(term);
			if (!list) {
				list = [];
				postings.set(term, list);
			}

			list.push({document, frequency});
		}
	}

	const averageLength = lengths.length === 0 ? 1 : lengths.reduce((sum, length) => sum + length, 0) / lengths.length;
	return {postings, lengths, averageLength: averageLength || 1, words};
}

/**
 * Scores documents for a set of query terms. Each distinct term counts once, however often a
 * pasted log repeats it, so forty lines of noise cannot drown the one line that matters.
 * `termWeights` lets fuzzy corrections count for less than exact words.
 */
export function scoreTerms(index: InvertedIndex, termWeights: ReadonlyMap<string, number>): TermHit[] {
	const documentCount = index.lengths.length;
	const scores = new Map<number, {score: number; terms: string[]}>();

	for (const [term, weight] of termWeights) {
		const list = index.postings.get(term);
		if (!list) {
			continue;
		}

		const idf = Math.log(1 + ((documentCount - list.length + 0.5) / (list.length + 0.5)));
		for (const {document, frequency} of list) {
			const length = index.lengths[document] ?? index.averageLength;
			const saturation = (frequency * (k1 + 1)) / (frequency + (k1 * (1 - b + (b * length / index.averageLength))));
			const entry = scores.get(document) ?? {score: 0, terms: []};
			entry.score += weight * idf * saturation;
			entry.terms.push(term);
			scores.set(document, entry);
		}
	}

	return [...scores].map(([document, {score, terms}]) => ({document, score, terms}));
}

/** The greatest score any document could get from these terms: the query's own ceiling. */
export function idealScore(index: InvertedIndex, termWeights: ReadonlyMap<string, number>): number {
	const documentCount = index.lengths.length;
	let total = 0;
	for (const [term, weight] of termWeights) {
		const list = index.postings.get(term);
		if (list) {
			total += weight * Math.log(1 + ((documentCount - list.length + 0.5) / (list.length + 0.5))) * (k1 + 1) * 0.8;
		}
	}

	return total;
}
