import {forEachTerm} from './tokenize.js';

/**
 * BM25 over weighted fields (BM25F in spirit): a term in a title counts more than one in a long
 * explanation. Long pasted logs go through here, in milliseconds, never through fuzzy search.
 *
 * The postings sit in flat typed arrays (term by term, documents ascending), and scores add up
 * in one array the size of the corpus: at twenty thousand entries a query touches thousands of
 * postings, and objects per posting or per document would cost more than the arithmetic.
 */

export type IndexedField = {
	readonly text: string;
	readonly weight: number;
	/** Count pairs of neighbouring words too: for short lines that say one thing (titles, symptoms, errors). */
	readonly pairs?: boolean;
};

export type InvertedIndex = {
	/** Stem → its number in the arrays below. */
	readonly termIds: ReadonlyMap<string, number>;
	/** Term t's postings are positions offsets[t] to offsets[t + 1] of documents and frequencies. */
	readonly offsets: Int32Array;
	readonly documents: Int32Array;
	readonly frequencies: Float64Array;
	readonly lengths: Float64Array;
	readonly averageLength: number;
	/** Each term as first written, for explaining a match and correcting typos. */
	readonly written: readonly string[];
};

const k1 = 1.2;
const b = 0.75;

/**
 * One document's terms, counted: all that indexing needs of it. Plain data, so a build step can
 * work it out ahead of time for the shipped playbooks and start-up need not tokenize them.
 */
export type DocumentTerms = {
	/** Distinct stems, in the order they first appear. */
	readonly terms: readonly string[];
	/** Each term's weighted count: the sum of the weights of the fields it appears in, per appearance. */
	readonly frequencies: readonly number[];
	/** Each term as first written in the document. */
	readonly words: readonly string[];
	/** The weighted count of all terms. */
	readonly length: number;
};

export function countTerms(fields: readonly IndexedField[]): DocumentTerms {
	const positions = new Map<string, number>();
	const terms: string[] = [];
	const frequencies: number[] = [];
	const words: string[] = [];
	let length = 0;
	const count = (term: string, word: string, weight: number) => {
		const position = positions.get(term);
		if (position === undefined) {
			positions.set(term, terms.length);
			terms.push(term);
			frequencies.push(weight);
			words.push(word);
		} else {
			frequencies[position]! += weight;
		}

		length += weight;
	};

	for (const {text, weight, pairs} of fields) {
		for (const line of text.split('\n')) {
			let previous: string | undefined;
			let previousWord = '';
			forEachTerm(line, (term, word) => {
				count(term, word, weight);
				if (pairs && previous !== undefined) {
					count(pairTerm(previous, term), `${previousWord} ${word}`, weight * pairWeight);
				}

				previous = term;
				previousWord = word;
			});
		}
	}

	return {terms, frequencies, words, length};
}

/**
 * Two terms that stand side by side, as one more term: "curl not found" and "curl error 7" share
 * their words but not their pairs, so the order of words tells them apart where single words
 * cannot. No stem holds a "+".
 */
export function pairTerm(first: string, second: string): string {
	return `${first}+${second}`;
}

/** What a pair counts for, beside its two words. */
export const pairWeight = 0.25;

export function buildInvertedIndex(documents: readonly DocumentTerms[]): InvertedIndex {
	const termIds = new Map<string, number>();
	const written: string[] = [];
	const lengths = new Float64Array(documents.length);
	// Postings in document order, as parallel lists; sorted by term once all are known.
	const postingTerms: number[] = [];
	const postingDocuments: number[] = [];
	const postingFrequencies: number[] = [];

	// Counted loops: at start-up this runs once, mostly before the engine has optimised anything,
	// and iterators with destructuring cost several times more there.
	for (let document = 0; document < documents.length; document++) {
		const {terms, frequencies, words, length} = documents[document]!;
		lengths[document] = length;
		for (let position = 0; position < terms.length; position++) {
			const stem = terms[position]!;
			let term = termIds.get(stem);
			if (term === undefined) {
				term = termIds.size;
				termIds.set(stem, term);
				written.push(words[position]!);
			}

			postingTerms.push(term);
			postingDocuments.push(document);
			postingFrequencies.push(frequencies[position]!);
		}
	}

	const termCount = termIds.size;
	const offsets = new Int32Array(termCount + 1);
	for (let position = 0; position < postingTerms.length; position++) {
		offsets[postingTerms[position]! + 1]!++;
	}

	for (let term = 0; term < termCount; term++) {
		offsets[term + 1]! += offsets[term]!;
	}

	const next = offsets.slice(0, termCount);
	const postingDocumentArray = new Int32Array(postingTerms.length);
	const postingFrequencyArray = new Float64Array(postingTerms.length);
	for (let position = 0; position < postingTerms.length; position++) {
		const at = next[postingTerms[position]!]!++;
		postingDocumentArray[at] = postingDocuments[position]!;
		postingFrequencyArray[at] = postingFrequencies[position]!;
	}

	let total = 0;
	for (let document = 0; document < lengths.length; document++) {
		total += lengths[document]!;
	}

	const averageLength = documents.length === 0 ? 1 : total / documents.length;
	return {
		termIds,
		offsets,
		documents: postingDocumentArray,
		frequencies: postingFrequencyArray,
		lengths,
		averageLength: averageLength || 1,
		written,
	};
}

/** How many documents hold the term. */
export function documentFrequency(index: InvertedIndex, term: number): number {
	return index.offsets[term + 1]! - index.offsets[term]!;
}

export function inverseDocumentFrequency(index: InvertedIndex, term: number): number {
	const holding = documentFrequency(index, term);
	return Math.log(1 + ((index.lengths.length - holding + 0.5) / (holding + 0.5)));
}

/** The weight each query term carries, in the order the query wrote them. */
export type WeightedTerm = {readonly term: number; readonly weight: number};

/**
 * Adds each term's BM25 score into `scores` (one slot per document) and returns the documents
 * it touched, in the order first touched. Each distinct term counts once, however often a pasted
 * log repeats it, so forty lines of noise cannot drown the one line that matters; fuzzy
 * corrections come with a lower weight than exact words. A term with a negative weight (what the
 * user ruled out) only lowers documents the other terms found.
 */
export function scoreTerms(index: InvertedIndex, terms: readonly WeightedTerm[], scores: Float64Array): number[] {
	const touched: number[] = [];
	const add = (term: number, weight: number) => {
		const idf = inverseDocumentFrequency(index, term);
		const end = index.offsets[term + 1]!;
		for (let at = index.offsets[term]!; at < end; at++) {
			const document = index.documents[at]!;
			if (weight < 0 && scores[document]! <= 0) {
				continue;
			}

			const frequency = index.frequencies[at]!;
			const length = index.lengths[document]!;
			const saturation = (frequency * (k1 + 1)) / (frequency + (k1 * (1 - b + (b * length / index.averageLength))));
			if (scores[document] === 0) {
				touched.push(document);
			}

			// Never exactly 0 once touched, so a document is listed once.
			scores[document] = (scores[document]! + (weight * idf * saturation)) || Number.MIN_VALUE;
		}
	};

	for (const {term, weight} of terms) {
		if (weight > 0) {
			add(term, weight);
		}
	}

	for (const {term, weight} of terms) {
		if (weight < 0) {
			add(term, weight);
		}
	}

	return touched;
}

/** Whether the document holds the term: a binary search of the term's postings. */
export function holdsTerm(index: InvertedIndex, term: number, document: number): boolean {
	let low = index.offsets[term]!;
	let high = index.offsets[term + 1]! - 1;
	while (low <= high) {
		const middle = (low + high) >>> 1;
		const found = index.documents[middle]!;
		if (found === document) {
			return true;
		}

		if (found < document) {
			low = middle + 1;
		} else {
			high = middle - 1;
		}
	}

	return false;
}
