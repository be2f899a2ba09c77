import {describe, expect, test} from 'vitest';
import {buildInvertedIndex, countTerms, holdsTerm, scoreTerms} from '../../../source/core/search/inverted-index.js';

const documents = [
	countTerms([{text: 'Postgres keeps restarting', weight: 3, pairs: true}, {text: 'permission denied on the data directory', weight: 1}]),
	countTerms([{text: 'Redis port already allocated', weight: 3, pairs: true}, {text: 'the port is taken by another container', weight: 1, pairs: true}]),
	countTerms([{text: 'Container restarting', weight: 3}, {text: 'exit code 137 out of memory', weight: 1}]),
];
const index = buildInvertedIndex(documents);
const id = (stem: string) => index.termIds.get(stem)!;

describe('countTerms', () => {
	test('counts each stem once per appearance, weighted by its field, in first-seen order, and each pair of neighbours at a quarter', () => {
		expect(documents[1]).toEqual({
			terms: ['redi', 'port', 'redi+port', 'alreadi', 'port+alreadi', 'alloc', 'alreadi+alloc', 'taken', 'port+taken', 'anoth', 'taken+anoth', 'contain', 'anoth+contain'],
			frequencies: [3, 4, 0.75, 3, 0.75, 3, 0.75, 1, 0.25, 1, 0.25, 1, 0.25],
			words: ['redis', 'port', 'redis port', 'already', 'port already', 'allocated', 'already allocated', 'taken', 'port taken', 'another', 'taken another', 'container', 'another container'],
			length: 19,
		});
	});

	test('pairs words of one line only', () => {
		expect(countTerms([{text: 'redis\nport', weight: 1, pairs: true}]).terms).toEqual(['redi', 'port']);
	});
});

describe('buildInvertedIndex', () => {
	test('numbers terms in the order the corpus first uses them, keeping the word they were first written as', () => {
		expect([...index.termIds.keys()].slice(0, 5)).toEqual(['postgr', 'restart', 'postgr+restart', 'permiss', 'deni']);
		expect(index.written.slice(0, 5)).toEqual(['postgres', 'restarting', 'postgres restarting', 'permission', 'denied']);
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

describe('scoreTerms with a ruled-out term', () => {
	test('lowers only the documents the other terms found, and touches none of its own', () => {
		const scores = new Float64Array(3);
		const alone = scoreTerms(index, [{term: id('memori'), weight: 1}], new Float64Array(3));
		const touched = scoreTerms(index, [{term: id('memori'), weight: 1}, {term: id('contain'), weight: -0.5}], scores);
		expect(touched).toEqual(alone);
		const withoutRuledOut = new Float64Array(3);
		scoreTerms(index, [{term: id('memori'), weight: 1}], withoutRuledOut);
		for (const document of touched) {
			expect(scores[document]).toBeLessThanOrEqual(withoutRuledOut[document]!);
		}

		expect(scoreTerms(index, [{term: id('contain'), weight: -0.5}], new Float64Array(3))).toEqual([]);
	});
});
