import {describe, expect, test} from 'vitest';
import {buildInvertedIndex, inverseDocumentFrequency} from '../../../source/core/search/inverted-index.js';
import {bestPassage, packPassages} from '../../../source/core/search/passage-scores.js';

// Three documents: "port" is in all of them (common), "reload" and "windows" in one each (rare).
const index = buildInvertedIndex([
	{terms: ['port', 'reload', 'windows'], frequencies: [1, 1, 1], words: ['port', 'reload', 'windows'], length: 3},
	{terms: ['port'], frequencies: [1], words: ['port'], length: 1},
	{terms: ['port'], frequencies: [1], words: ['port'], length: 1},
]);
const [port, reload, windows] = ['port', 'reload', 'windows'].map(term => index.termIds.get(term)!) as [number, number, number];
const idf = (term: number) => inverseDocumentFrequency(index, term);

describe('passages', () => {
	// Entry 0: a long line and a short one; entry 1: no lines; entry 2: one line.
	const passages = packPassages(index, [[[port, reload, windows], [reload]], [], [[port]]]);

	test('pack each line\'s weight, the rarity of all its words', () => {
		expect([...passages.lineWeights]).toEqual([idf(port) + idf(reload) + idf(windows), idf(reload), idf(port)]);
		expect([...passages.entryEnds]).toEqual([2, 2, 3]);
	});

	test('score an entry by its best line: the query\'s share of one whole line beats the same words in a longer one', () => {
		const weights = new Map([[reload, 1]]);
		expect(bestPassage(index, passages, 0, weights)).toBeCloseTo(idf(reload));
		const spread = new Map([[reload, 1], [windows, 1]]);
		const covered = idf(reload) + idf(windows);
		expect(bestPassage(index, passages, 0, spread)).toBeCloseTo(Math.max(covered * covered / (idf(port) + covered), idf(reload)));
	});

	test('count a word the query rules out (weight not above zero) as not said, and give 0 to entries without lines or past the last', () => {
		expect(bestPassage(index, passages, 2, new Map([[port, -1]]))).toBe(0);
		expect(bestPassage(index, passages, 2, new Map([[port, 0.5]]))).toBeCloseTo(0.5 * idf(port) * 0.5);
		expect(bestPassage(index, passages, 1, new Map([[port, 1]]))).toBe(0);
		expect(bestPassage(index, passages, 3, new Map([[port, 1]]))).toBe(0);
	});
});
