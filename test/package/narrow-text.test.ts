import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {narrowTextWidth} from '../../scripts/narrow-text.mjs';

// The bundle's string-width answers with narrowTextWidth where it can, without segmenting graphemes
// (whose first use loads ICU's data before the wizard's first frame); it must answer as string-width does.
describe('the narrow-text fast path of the bundle\'s string-width', () => {
	const characterClass = /\/\^\[(.+?)\]\*\$\//.exec(narrowTextWidth.toString())![1]!;
	const characters = [...characterClass.matchAll(/\\u([\dA-F]{4})(?:-\\u([\dA-F]{4}))?/g)].flatMap(([, from, to]) => {
		const first = Number.parseInt(from!, 16);
		const last = to ? Number.parseInt(to, 16) : first;
		return Array.from({length: last - first + 1}, (_, offset) => String.fromCodePoint(first + offset));
	});

	test('answers for every character it covers as string-width does: one column', () => {
		expect(characters.length).toBeGreaterThan(1000);
		const differing = characters.filter(character => narrowTextWidth(character) !== 1 || stringWidth(character) !== 1);
		expect(differing.map(character => `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`)).toEqual([]);
	});

	test('answers for the wizard\'s first frame, colour codes and all, as string-width does', () => {
		for (const text of ['\u001B[36m⠋\u001B[39m Scanning the Docker engine…', 'q quits · ? help', '✓ passed ✗ failed → next', '┌─┐│└┘', '\u001B[1m\u001B[32mbold green\u001B[39m\u001B[22m', '']) {
			expect(narrowTextWidth(text)).toBe(stringWidth(text));
		}
	});

	test('leaves wide, combining, zero-width, control characters and other escape sequences to string-width', () => {
		for (const text of ['漢字', '✅', 'e\u0301', 'a\u200Db', 'tab\there', '\u00AD', '☕', '◽', '\u001B]8;;https://example.com\u0007link', '\u001B[2K', '\u009B31m']) {
			expect(narrowTextWidth(text)).toBeUndefined();
		}
	});
});
