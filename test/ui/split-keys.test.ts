import {describe, expect, test} from 'vitest';
import {parseKey, splitKeys} from '../../source/ui/split-keys.js';

describe('splitKeys', () => {
	test.each([
		['jj', ['j', 'j']],
		['j\r', ['j', '\r']],
		['\u001B[B\r', ['\u001B[B', '\r']],
		['\u001B[6~\u001B[6~q', ['\u001B[6~', '\u001B[6~', 'q']],
		['a\r\nb', ['a', '\r\n', 'b']],
		['😀j', ['😀', 'j']],
		['\u007F\u007F', ['\u007F', '\u007F']],
	])('%j is the keys %j', (raw, keys) => {
		expect(splitKeys(raw)).toEqual(keys);
	});

	test.each([
		['j'],
		['\u001B[A'],
		['\r'],
		['😀'],
		['\u001B[200~jj\r\u001B[201~'],
		['a much longer run of pasted text'],
	])('%j is left whole (one key, a paste, or long text)', raw => {
		expect(splitKeys(raw)).toBeUndefined();
	});
});

describe('parseKey', () => {
	test('reads each key as Ink hands it to useInput', () => {
		expect(parseKey('j')).toMatchObject({input: 'j', key: {return: false, ctrl: false, shift: false}});
		expect(parseKey('G')).toMatchObject({input: 'G', key: {shift: true}});
		expect(parseKey('\r')).toMatchObject({input: '', key: {return: true}});
		expect(parseKey('\u001B')).toMatchObject({input: '', key: {escape: true}});
		expect(parseKey('\u001B[B')).toMatchObject({input: '', key: {downArrow: true}});
		expect(parseKey('\u001B[5~')).toMatchObject({input: '', key: {pageUp: true}});
		expect(parseKey('\u0015')).toMatchObject({input: 'u', key: {ctrl: true}});
		expect(parseKey('\u007F')).toMatchObject({input: '', key: {delete: true}});
		expect(parseKey('/')).toMatchObject({input: '/', key: {shift: false}});
	});
});
