import {readFileSync} from 'node:fs';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {narrowGraphemes, narrowTextWidth} from '../../scripts/narrow-text.mjs';

// The bundle's string-width, slice-ansi and ansi-tokenize answer narrow text with these functions,
// without Intl.Segmenter (whose first use loads ICU's data before the wizard's first frame); they
// must answer as string-width and Intl.Segmenter do.
describe('narrow text: width and graphemes without Unicode tables', () => {
	const source = readFileSync(new URL('../../scripts/narrow-text.mjs', import.meta.url), 'utf8');
	const characterClass = /narrowCharacters = \/\^\[(.+?)\]\*\$\//.exec(source)![1]!;
	const characters = [...characterClass.matchAll(/\\u([\dA-F]{4})(?:-\\u([\dA-F]{4}))?/g)].flatMap(([, from, to]) => {
		const first = Number.parseInt(from!, 16);
		const last = to ? Number.parseInt(to, 16) : first;
		return Array.from({length: last - first + 1}, (_, offset) => String.fromCodePoint(first + offset));
	});
	const segmenter = new Intl.Segmenter();
	const graphemes = (segments: Iterable<{segment: string; index: number}>) => [...segments].map(({segment, index}) => ({segment, index}));

	test('every narrow character is one column to string-width, and one grapheme beside any other', () => {
		expect(characters.length).toBeGreaterThan(1000);
		expect(characters.filter(character => narrowTextWidth(character) !== 1 || stringWidth(character) !== 1)).toEqual([]);
		// A grapheme cluster could join a character to the one before it: each follows 'a', '\u001B' and itself.
		const joined = characters.filter(character => ['a', '\u001B', character].some(before => [...segmenter.segment(`${before}${character}`)].length !== 2));
		expect(joined.map(character => `U+${character.codePointAt(0)!.toString(16).toUpperCase()}`)).toEqual([]);
	});

	const frames = ['\u001B[36m⠋\u001B[39m Scanning the Docker engine…', 'q quits · ? help', '✓ passed ✗ failed → next', '┌─┐│└┘', '\u001B[1m\u001B[32mbold green\u001B[39m\u001B[22m', 'é ß ø ʃ ˈ', ''];

	test('answers for the wizard\'s first frame, colour codes and all, as string-width and Intl.Segmenter do', () => {
		for (const text of frames) {
			expect(narrowTextWidth(text)).toBe(stringWidth(text));
			const narrow = narrowGraphemes(text)!;
			expect(graphemes(narrow)).toEqual(graphemes(segmenter.segment(text)));
			for (const index of [0, 1, text.length - 1, text.length]) {
				expect(narrow.containing(index)?.segment).toBe(segmenter.segment(text).containing(index)?.segment);
			}
		}
	});

	test('leaves wide, combining, zero-width, control characters and other escape sequences to the libraries', () => {
		for (const text of ['漢字', '✅', 'e\u0301', 'a\u200Db', 'tab\there', 'line\nbreak', '\r\n', '\u00AD', '☕', '◽', '\u001B]8;;https://example.com\u0007link', '\u001B[2K', '\u009B31m']) {
			expect(narrowTextWidth(text)).toBeUndefined();
			expect(narrowGraphemes(text)).toBeUndefined();
		}
	});
});
