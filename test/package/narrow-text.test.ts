import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {narrowText} from '../../scripts/narrow-text.mjs';

// The build measures text that matches narrowText as one column a character, without string-width
// (whose first non-ASCII measurement loads ICU's segmentation data before the wizard's first frame).
describe('the narrow-text fast path of the bundle\'s string-width', () => {
	const ranges = narrowText.source.slice(2, -3).matchAll(/\\u([\dA-F]{4})(?:-\\u([\dA-F]{4}))?/g);
	const characters = [...ranges].flatMap(([, from, to]) => {
		const first = Number.parseInt(from!, 16);
		const last = to ? Number.parseInt(to, 16) : first;
		return Array.from({length: last - first + 1}, (_, offset) => String.fromCodePoint(first + offset));
	});

	test('covers the characters the wizard draws first', () => {
		expect(characters.length).toBeGreaterThan(1000);
		expect(narrowText.test('⠋ Scanning the Docker engine… · q quits ✓ ✗ → ─│┌')).toBe(true);
	});

	test('every character it covers is one column wide to string-width', () => {
		expect(characters.filter(character => stringWidth(character) !== 1).map(character => `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`)).toEqual([]);
	});

	test('leaves wide, combining, zero-width and control characters to string-width', () => {
		for (const text of ['漢字', '✅', 'e\u0301', 'a\u200Db', '\u001B[31mred', 'tab\there', '\u00AD', '☕', '◽']) {
			expect(narrowText.test(text)).toBe(false);
		}
	});
});
