import {describe, expect, test} from 'vitest';
import {buildInvertedIndex, countTerms, holdsTerm, rarestTerms, scoreTerms} from '../../../source/core/search/inverted-index.js';

const documents = [
	countTerms([{text: 'Postgres keeps restarting', weight: 3}, {text: 'permission denied on the data directory', weight: 1}]),
	countTerms([{text: 'Redis port already allocated', weight: 3}, {text: 'the port is taken by another container', weight: 1}]),
	countTerms([{text: 'Container restarting', weight: 3}, {text: 'exit code 137 out of memory', weight: 1}]),
];
const index = buildInvertedIndex(documents);
const id = (stem: string) => index.termIds.get(stem)!;

describe('countTerms', () => {
	test('counts each stem once per appearance, weighted by its field, in first-seen order', () => {
		expect(documents[1]).toEqual({
			terms: ['redi', 'port', 'alreadi', 'alloc', 'taken', 'anoth', 'contain'],
			frequencies: [3, 4, 3, 3, 1, 1, 1],
			words: ['redis', 'port', 'already', 'allocated', 'taken', 'another', 'container'],
			length: 16,
		});
	});
});

describe('buildInvertedIndex', () => {
	test('numbers terms in the order the corpus first uses them, keeping the word they were first written as', () => {
		expect([...index.termIds.keys()].slice(0, 4)).toEqual(['postgr', 'restart', 'permiss', 'deni']);
		expect(index.written.slice(0, 4)).toEqual(['postgres', 'restarting', 'permission', 'denied']);
	});

	test('lists each term\'s documents in order', () => {
		expect([0, 1, 2].filter(document => holdsTerm(index, id('restart'), document))).toEqual([0, 2]);
		expect([0, 1, 2].filter(document => holdsTerm(index, id('contain'), document))).toEqual([1, 2]);
	});

	test('scores the documents holding a term, weighting title words above the rest', () => {
		const scores = new Float64Array(3);
		const touched = scoreTerms(index, [{term: id('contain'), weight: 1}], scores);
		expect(touched).toEqual([1, 2]);
		expect(scores[2]).toBeGreaterThan(scores[1]!);
		expect(scores[0]).toBe(0);
	});
});

describe('rarestTerms', () => {
	test('keeps the terms the fewest documents hold, in the order given', () => {
		const terms = ['restart', 'port', 'memori', 'contain', 'redi'].map(stem => ({term: id(stem), weight: 1}));
		expect(rarestTerms(index, terms, 3).map(({term}) => index.written[term])).toEqual(['port', 'memory', 'redis']);
		expect(rarestTerms(index, terms, 5)).toBe(terms);
	});
});
