import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {prebuiltIndexFrom, shippedIndex, storedIndexBytes} from '../../source/adapters/shipped-search-index.js';
import {buildInvertedIndex} from '../../source/core/search/inverted-index.js';
import {packPassages} from '../../source/core/search/passage-scores.js';
import {prebuiltIndexOf} from '../../source/core/search/prebuilt-index.js';
import {buildSearchIndex} from '../../source/core/search/search.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const scratch = useScratchDirectory('unblock-index-');

describe('a prebuilt index file', () => {
	const terms = buildInvertedIndex([
		{terms: ['port', 'alloc', 'port+alloc'], frequencies: [3, 1.5, 0.75], words: ['port', 'allocated', 'port allocated'], length: 5.25},
		{terms: ['caf\u00E9', 'port'], frequencies: [1, 2], words: ['caf\u00E9', 'ports'], length: 3},
	]);
	const stored = {...prebuiltIndexOf({...buildSearchIndex([], []), terms}), entries: ['playbook:a', 'note:b#c'], passages: packPassages(terms, [[[0, 1]], [[2], [1, 3]]])};

	test('gives back the index it was written from, arrays and terms alike', () => {
		const read = prebuiltIndexFrom(storedIndexBytes(stored, 'build-1'), 'build-1');
		expect(read).toEqual(stored);
		expect(read?.terms.text).toBe('port\nalloc\nport+alloc\ncaf\u00E9\n');
	});

	test('reads nothing from another build, a cut or garbled file, or no file', () => {
		const bytes = storedIndexBytes(stored, 'build-1');
		expect(prebuiltIndexFrom(bytes, 'build-2')).toBeUndefined();
		expect(prebuiltIndexFrom(bytes.subarray(0, bytes.length - 8), 'build-1')).toBeUndefined();
		expect(prebuiltIndexFrom(Buffer.from('null\n'), 'build-1')).toBeUndefined();
		expect(prebuiltIndexFrom(Buffer.from('{"build": "build-1"'), 'build-1')).toBeUndefined();
		const file = path.join(scratch.directoryWith('index', {}), 'search-index.bin');
		expect(shippedIndex(file, 'build-1')).toBeUndefined();
		writeFileSync(file, bytes);
		expect(shippedIndex(file, 'build-1')).toEqual(stored);
		expect(shippedIndex(file, undefined)).toBeUndefined();
	});

	test('copies an array whose bytes are not aligned for it', () => {
		const bytes = storedIndexBytes(stored, 'build-1');
		const shifted = Buffer.alloc(bytes.length + 1).subarray(1);
		bytes.copy(shifted);
		expect(prebuiltIndexFrom(shifted, 'build-1')).toEqual(stored);
	});
});
