import {describe, expect, test} from 'vitest';
import {PackedTermIds, packTerms, termLines} from '../../../source/core/search/packed-term-ids.js';

const terms = ['port', 'alloc', 'port+alloc', 'portainer', 'por', 'zzz', 'ab', 'a', 'caf\u00E9', '~concept', 'Z', '127'];

describe('packed term ids', () => {
	const ids = new PackedTermIds(packTerms(terms));

	test('find every term\'s id, as the Map of the terms does', () => {
		expect(terms.map(term => ids.get(term))).toEqual(terms.map((_, id) => id));
		expect(terms.every(term => ids.has(term))).toBe(true);
		expect(ids.size).toBe(terms.length);
	});

	test('find nothing for a start, an extension or a neighbour of a term', () => {
		for (const missing of ['', 'po', 'ports', 'port+', 'portaine', 'b', 'cafe', 'zzzz', '~', 'z', '12']) {
			expect([missing, ids.get(missing), ids.has(missing)]).toEqual([missing, undefined, false]);
		}
	});

	test('walk the terms in id order, as the index built them', () => {
		expect([...ids.keys()]).toEqual(terms);
		expect([...ids]).toEqual(terms.map((term, id) => [term, id]));
		const seen: Array<[string, number]> = [];
		ids.forEach((id, term) => seen.push([term, id]));
		expect(seen).toEqual([...ids.entries()]);
		expect([...ids.values()]).toEqual(terms.map((_, id) => id));
	});

	test('hold no terms when there are none', () => {
		const none = new PackedTermIds(packTerms([]));
		expect(none.get('port')).toBeUndefined();
		expect([...none.keys()]).toEqual([]);
	});

	test('refuse a term with a line break, which would split in two', () => {
		expect(() => packTerms(['two\nlines'])).toThrow(/line break/);
		expect(() => termLines(['two\nlines'])).toThrow(/line break/);
	});
});
