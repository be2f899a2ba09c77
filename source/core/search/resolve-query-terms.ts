import {documentFrequency, inverseDocumentFrequency, type WeightedTerm} from './inverted-index.js';
import {analyzeQuery, type AnalyzedQuery} from './query-terms.js';
import type {SearchIndex} from './search-index.js';
import {tokenize} from './tokenize.js';
import {TypoCorrector} from './typo-corrector.js';

/** The query's terms as the index numbers them, with typos corrected where the query was typed. */
export type ResolvedQuery = {
	readonly analyzed: AnalyzedQuery;
	readonly terms: readonly WeightedTerm[];
	/** Term → how the user wrote it (a correction reads `"permision" ≈ "permission"`). */
	readonly written: ReadonlyMap<number, string>;
	/** The query's terms (stems and concepts) the index knows, and their numbers: scored or not. */
	readonly ids: ReadonlyMap<string, number>;
	/** The terms that stand for a pair of words (inverted-index.ts `pairTerm`). */
	readonly pairs: ReadonlySet<number>;
};

/** A typed query has few words; beyond this the text is pasted, and its words are exact. */
const typoCorrectionMaxWords = 24;
/** A pasted log is scored by this many of its distinct terms, those that say most. */
const maximumQueryTerms = 32;
const correctionWeight = 0.7;

export function resolveQueryTerms(index: SearchIndex, text: string, options: {readonly correctTypos: boolean}): ResolvedQuery {
	const {termIds} = index.terms;
	// A typed query's typos are put right before anything reads it, so "permision denied" is the
	// phrase "permission denied" too; the why still shows what was typed.
	const typed = options.correctTypos ? correctedTypos(index, text) : {text, typos: new Map<string, string>()};
	const analyzed = analyzeQuery(typed.text, index.vocabulary);
	const weights = new Map<number, number>();
	const written = new Map<number, string>();
	const ids = new Map<string, number>();
	const pairs = new Set<number>();

	for (const [term, {weight, written: wording}] of analyzed.terms) {
		const id = termIds.get(term);
		if (id === undefined) {
			continue;
		}

		ids.set(term, id);
		if (term.includes('+')) {
			pairs.add(id);
		}

		if (!weights.has(id)) {
			const typo = typed.typos.get(wording);
			weights.set(id, typo === undefined ? weight : weight * correctionWeight);
			written.set(id, typo === undefined ? wording : `"${typo}" ≈ "${wording}"`);
		}
	}

	const terms = [...weights].map(([term, weight]) => ({term, weight}));
	return {analyzed, terms: mostTelling(index, terms), written, ids, pairs};
}

/**
 * A pasted log is scored by its most informative terms: its common words (the service name,
 * "started", "request") each touch much of the corpus and barely move a score. What a term can
 * say is its weight (its line's) times how rare it is; ruled-out terms always stay.
 */
function mostTelling(index: SearchIndex, terms: readonly WeightedTerm[]): readonly WeightedTerm[] {
	if (terms.length <= maximumQueryTerms) {
		return terms;
	}

	const worth = (term: WeightedTerm) => term.weight < 0 ? Number.POSITIVE_INFINITY : term.weight * inverseDocumentFrequency(index.terms, term.term);
	return terms
		.map((term, position) => ({position, worth: worth(term), holding: documentFrequency(index.terms, term.term)}))
		.sort((left, right) => right.worth - left.worth || left.holding - right.holding || left.position - right.position)
		.slice(0, maximumQueryTerms)
		.map(({position}) => position)
		.sort((left, right) => left - right)
		.map(position => terms[position]!);
}

/**
 * The text with each unknown word of a typed query replaced by the known word it most likely
 * means, and corrected word → the word as typed. A pasted log is left as it is: its words are exact.
 */
function correctedTypos(index: SearchIndex, text: string): {text: string; typos: ReadonlyMap<string, string>} {
	const typos = new Map<string, string>();
	// Longer than any typed query can be: not worth tokenizing to find out.
	if (text.length > typoCorrectionMaxWords * 24) {
		return {text, typos};
	}

	const tokens = tokenize(text);
	if (tokens.length > typoCorrectionMaxWords) {
		return {text, typos};
	}

	const corrections = new Map<string, string>();
	for (const token of tokens) {
		// A number is never a slip of the finger for another: port 9090 is not port 9000.
		if (token.word.length >= 4 && !/\d/.test(token.word) && !index.terms.termIds.has(token.term) && !corrections.has(token.word)) {
			const correction = correctTypo(index, token.word);
			if (correction !== undefined && correction !== token.word) {
				corrections.set(token.word, correction);
				typos.set(correction, token.word);
			}
		}
	}

	if (corrections.size === 0) {
		return {text, typos};
	}

	return {text: text.replaceAll(/[\p{L}\p{N}_'\u2019]+/gu, word => corrections.get(word.toLowerCase()) ?? word), typos};
}

/** The known word a mistyped one most likely means; remembered, since typing repeats words. */
function correctTypo(index: SearchIndex, word: string): string | undefined {
	if (index.corrections.has(word)) {
		return index.corrections.get(word);
	}

	const corrector = index.lazy.corrector ??= new TypoCorrector(() => index.terms.written.filter(known => !known.startsWith('~')));
	const candidate = corrector.correct(word);
	// fuse.js finds a known word within a quarter of the letters anywhere in it; a slip of the
	// finger is one edit (two in a long word). More than that is another word ("progress" is not
	// "process", "idea" is not "inside"), which would bring the wrong cause.
	const correction = candidate !== undefined && editDistance(word, candidate) <= (word.length >= 9 ? 2 : 1) ? candidate : undefined;
	if (index.corrections.size < 10_000) {
		index.corrections.set(word, correction);
	}

	return correction;
}

/** Edits (insert, delete, substitute, swap two neighbours) from one word to the other. */
export function editDistance(left: string, right: string): number {
	const rows = left.length + 1;
	const columns = right.length + 1;
	const distance: number[][] = Array.from({length: rows}, (_, row) => Array.from({length: columns}, (_, column) => row === 0 ? column : column === 0 ? row : 0));
	for (let row = 1; row < rows; row++) {
		for (let column = 1; column < columns; column++) {
			const cost = left[row - 1] === right[column - 1] ? 0 : 1;
			let best = Math.min(distance[row - 1]![column]! + 1, distance[row]![column - 1]! + 1, distance[row - 1]![column - 1]! + cost);
			if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
				best = Math.min(best, distance[row - 2]![column - 2]! + 1);
			}

			distance[row]![column] = best;
		}
	}

	return distance[left.length]![right.length]!;
}
