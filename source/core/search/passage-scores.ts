import {inverseDocumentFrequency, type InvertedIndex, type WeightedTerm} from './inverted-index.js';

/**
 * A symptom line says one thing ("hot reload does not work on Windows"), so a query that holds
 * most of one line's words matches better than one that holds the same words spread over a long
 * summary. Each entry's lines (its title, each symptom, each error example) are scored by how much
 * of the line the query covers, weighted by how rare its words are; the best line counts.
 */

/**
 * Every entry's lines, packed into arrays that a build stores as they are: entry e's lines are
 * numbers entryEnds[e - 1] (0 for the first) up to entryEnds[e]; line l's terms are
 * terms[lineEnds[l - 1]] up to terms[lineEnds[l]]. A line's weight, the rarity of all its words
 * together, depends on the index alone, so it is summed once, when the passages are packed: a
 * search then looks only at the words the query has (in a cold search, summing every candidate
 * line's rarities was some ten thousand boxed numbers before the first answer).
 */
export type Passages = {
	readonly terms: Int32Array;
	readonly lineEnds: Int32Array;
	readonly entryEnds: Int32Array;
	readonly lineWeights: Float64Array;
};

/** Each entry's lines as term numbers, packed, with each line's weight in this index. */
export function packPassages(index: InvertedIndex, entries: ReadonlyArray<ReadonlyArray<readonly number[]>>): Passages {
	const lines = entries.flat();
	const terms = Int32Array.from(lines.flat());
	const lineEnds = new Int32Array(lines.length);
	const lineWeights = new Float64Array(lines.length);
	let end = 0;
	for (const [position, line] of lines.entries()) {
		end += line.length;
		lineEnds[position] = end;
		lineWeights[position] = line.reduce((sum, term) => sum + inverseDocumentFrequency(index, term), 0);
	}

	let lineCount = 0;
	const entryEnds = Int32Array.from(entries, entryLines => (lineCount += entryLines.length));
	return {terms, lineEnds, entryEnds, lineWeights};
}

/** The entry's best line: how much of it the query says, times the share of the line it says. */
export function bestPassage(index: InvertedIndex, passages: Passages, entry: number, weights: ReadonlyMap<number, number>): number {
	const {terms, lineEnds, entryEnds, lineWeights} = passages;
	if (entry >= entryEnds.length) {
		return 0;
	}

	let best = 0;
	// Indexed loops: this runs before a cold search's first answer, in code not yet optimised,
	// where an iterator allocates at every step.
	for (let line = entry === 0 ? 0 : entryEnds[entry - 1]!; line < entryEnds[entry]!; line++) {
		let covered = 0;
		for (let position = line === 0 ? 0 : lineEnds[line - 1]!; position < lineEnds[line]!; position++) {
			const weight = weights.get(terms[position]!);
			if (weight !== undefined && weight > 0) {
				covered += weight * inverseDocumentFrequency(index, terms[position]!);
			}
		}

		if (covered > 0) {
			best = Math.max(best, covered * (covered / lineWeights[line]!));
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
