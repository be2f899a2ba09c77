import {describe, expect, test} from 'vitest';
import {generateKnowledgeBase, generateQueries, seededRandom} from '../../bench/synthetic-knowledge-base.js';
import {playbookSchema} from '../../source/core/playbook-schema.js';
import {buildSearchIndex, search} from '../../source/core/search/search.js';
import {tokenize} from '../../source/core/search/tokenize.js';

describe('seededRandom', () => {
	test('gives the same numbers for the same seed, others for another, all in [0, 1)', () => {
		const first = Array.from({length: 5}, seededRandom(1));
		expect(Array.from({length: 5}, seededRandom(1))).toEqual(first);
		expect(Array.from({length: 5}, seededRandom(2))).not.toEqual(first);
		expect(first.every(number => number >= 0 && number < 1)).toBe(true);
	});
});

describe('generateKnowledgeBase', () => {
	const base = generateKnowledgeBase({entries: 300, seed: 3});

	test('is the same for the same seed and differs for another', () => {
		expect(generateKnowledgeBase({entries: 300, seed: 3})).toEqual(base);
		expect(generateKnowledgeBase({entries: 300, seed: 4}).playbooks[0]!.title).not.toBe(base.playbooks[0]!.title);
	});

	test('makes the entries asked for, half playbooks, and keeps the real ones it grows from first', () => {
		expect(base.playbooks.length + base.notes.length).toBe(300);
		expect(base.playbooks).toHaveLength(150);
		const grown = generateKnowledgeBase({entries: 310, seed: 3, from: {playbooks: base.playbooks.slice(0, 4), notes: base.notes.slice(0, 6)}});
		expect(grown.playbooks.slice(0, 4)).toEqual(base.playbooks.slice(0, 4));
		expect(grown.notes.slice(0, 6)).toEqual(base.notes.slice(0, 6));
		expect(grown.playbooks.length + grown.notes.length).toBe(310);
	});

	test('writes playbooks the schema accepts, whose signatures match their own examples', () => {
		for (const playbook of base.playbooks) {
			const {origin: _origin, ...data} = playbook;
			expect(playbookSchema.safeParse(data).success, playbook.id).toBe(true);
			for (const signature of playbook.signatures) {
				for (const example of signature.examples) {
					expect(new RegExp(signature.pattern, signature.flags).test(example), `/${signature.pattern}/ on ${example}`).toBe(true);
				}
			}
		}
	});

	test('writes entries of about a hundred words, from a vocabulary that grows with the corpus', () => {
		const words = (entries: number) => {
			const grown = generateKnowledgeBase({entries, seed: 5});
			return new Set(grown.notes.flatMap(note => tokenize(`${note.title} ${note.problem} ${note.rootCause ?? ''} ${note.resolution ?? ''}`).map(token => token.term)));
		};

		const note = base.notes[0]!;
		const length = tokenize(`${note.title} ${note.problem} ${note.errors.join(' ')} ${note.rootCause ?? ''} ${note.resolution ?? ''}`).length;
		expect(length).toBeGreaterThan(40);
		expect(length).toBeLessThan(160);
		expect(words(2000).size).toBeGreaterThan(words(200).size * 2);
	});
});

describe('generateQueries', () => {
	const base = generateKnowledgeBase({entries: 400, seed: 9});
	const queries = generateQueries(base, {count: 40, seed: 1});

	test('is the same for the same seed', () => {
		expect(generateQueries(base, {count: 40, seed: 1})).toEqual(queries);
	});

	test('types two to five words and pastes five to forty-one lines of at least 300 characters', () => {
		expect(queries.short).toHaveLength(40);
		expect(queries.pasted).toHaveLength(40);
		for (const {text} of queries.short) {
			expect(text.split(' ').length).toBeGreaterThanOrEqual(2);
			expect(text.split(' ').length).toBeLessThanOrEqual(5);
		}

		for (const {text} of queries.pasted) {
			expect(text.split('\n').length).toBeGreaterThanOrEqual(5);
			expect(text.split('\n').length).toBeLessThanOrEqual(41);
			expect(text.length).toBeGreaterThanOrEqual(300);
		}
	});

	test('aims most queries at an entry, whose error line a pasted one carries, and some at nothing', () => {
		const aimed = queries.pasted.filter(query => query.target);
		expect(aimed.length).toBeGreaterThan(20);
		expect(aimed.length).toBeLessThan(40);
		const index = buildSearchIndex(base.playbooks, base.notes);
		const found = aimed.filter(query => search(index, query.text).some(result => result.id === query.target || result.also.some(variant => variant.id === query.target)));
		expect(found.length).toBeGreaterThan(aimed.length * 0.8);
	});
});
