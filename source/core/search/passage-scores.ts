import {inverseDocumentFrequency, type InvertedIndex, type WeightedTerm} from './inverted-index.js';

/**
 * A symptom line says one thing ("hot reload does not work on Windows"), so a query that holds
 * most of one line's words matches better than one that holds the same words spread over a long
 * summary. Each entry's lines (its title, each symptom, each error example) are scored by how much
 * of the line the query covers, weighted by how rare its words are; the best line counts.
 */

/** Per entry, its lines as term numbers; empty for entries without lines. */
export type Passages = ReadonlyArray<ReadonlyArray<readonly number[]>>;

export function bestPassage(index: InvertedIndex, lines: ReadonlyArray<readonly number[]>, weights: ReadonlyMap<number, number>): number {
	let best = 0;
	for (const line of lines) {
		let covered = 0;
		let total = 0;
		for (const term of line) {
			const idf = inverseDocumentFrequency(index, term);
			total += idf;
			const weight = weights.get(term);
			if (weight !== undefined && weight > 0) {
				covered += weight * idf;
			}
		}

		if (covered > 0) {
			// How much the query says of the line, times the share of the line it says.
			best = Math.max(best, covered * (covered / total));
		}
	}

	return best;
}

/** The query's positive weights by term, for `bestPassage`. */
export function passageWeights(terms: readonly WeightedTerm[]): Map<number, number> {
	const weights = new Map<number, number>();
	for (const {term, weight} of terms) {
		if (weight > 0) {
			weights.set(term, weight);
		}
	}

	return weights;
}
