import {describe, expect, test} from 'vitest';
import {backtrackingRisk} from '../../source/core/regex-ambiguity.js';

const nested = 'unsafe regular expression: nested quantifiers can backtrack catastrophically';
const overlapping = 'unsafe regular expression: a repeated group can read the same text in two ways (overlapping alternatives such as (.|\\s)* or (\\w|\\d)+), which backtracks catastrophically; make the alternatives exclude each other';
const inRow = 'unsafe regular expression: two repeats in a row can read the same text (such as \\s*\\s* or .*.*), which backtracks polynomially on a long line; merge them into one';

describe('backtrackingRisk', () => {
	test.each([
		['a quantifier of a quantifier', '(x+x+)+y', ''],
		['a star of a star', '(a*)*b', ''],
		['words and optional spaces, repeated', '^(\\w+\\s?)*$', ''],
		['a group of one loop, repeated', '(a+)+$', ''],
		['a few rounds of a letter, repeated', '(?:a{1,3})+b', ''],
		['two optional letters, repeated', '(?:a?a?)+b', ''],
		['nested quantifiers inside a lookahead', '(?=(a+)+b)x', ''],
	])('refuses %s as nested quantifiers: /%s/%s', (_what, pattern, flags) => {
		expect(backtrackingRisk(pattern, flags)).toBe(nested);
	});

	test.each([
		['the same alternative twice', '(a|a)*c', ''],
		['any character or a space', '(.|\\s)*not found', ''],
		['a word character or a digit', '(\\w|\\d)+: not found', ''],
		['letters that differ only by case', '(Q|q)+uit', 'i'],
		['a negated class and a letter it holds', '(?:[^x]|y)*z', ''],
		['s and the long s, which Unicode case folding reads alike', '(s|\\u017F)+x', 'iu'],
		['eighty wildcards', `(?:${Array.from({length: 80}, () => '.').join('|')})*x`, ''],
	])('refuses %s as overlapping alternatives: /%s/%s', (_what, pattern, flags) => {
		expect(backtrackingRisk(pattern, flags)).toBe(overlapping);
	});

	test.each([
		['spaces after spaces', '\\s*\\s*not found', ''],
		['three wildcards', '.*.*.*not found', ''],
		['digits, an optional dot, digits', '\\d+\\.?\\d+ms', ''],
		['a few rounds of a loop', '(a+){2,5}b', ''],
		['an optional loop before the same loop', '(?:a+)?a+x', ''],
		['two loops with a bounded run of the same characters between', '.{2,}[^a]{1,3}[^a]{2,}a', ''],
		['three loops of digits from one start', 'port \\d+\\d+\\d+x', ''],
		['two loops of the same two letters', '(?:ab)+(?:ab)+x', ''],
		['a loop in one alternative before another loop', '(?:a+|.)[a-c]x?\\w+a', ''],
	])('refuses %s as repeats in a row: /%s/%s', (_what, pattern, flags) => {
		expect(backtrackingRisk(pattern, flags)).toBe(inRow);
	});

	test.each([
		['alternatives that exclude each other', '(?:ab|ac)+d', ''],
		['a negated class and the letter it leaves out', '(?:[^x]|x)*curl: not found', ''],
		['one loop after a fixed start', 'port \\d+[^:]*: Connection refused', ''],
		['wildcards separated by words', 'could not .{0,80} because .{0,80} denied', ''],
		['a bounded class then an optional bounded group', '[a-z]{1,63}(:[0-9]{1,5})?', ''],
		['pairs of digits, repeated', '(?:\\d{2})+x', ''],
		['words each ended by a space, repeated', '(\\w+\\s)+x', ''],
		['s and the long s without Unicode folding', '(s|\\u017F)+x', 'i'],
		['spaces then word characters, with Unicode folding', '\\s*\\w+x', 'iu'],
		['a quoted text and its closing quote', '([\'"]).*?\\1 closed', ''],
		['a named back-reference', '(?<word>\\w+)=\\k<word>', ''],
		['a lookbehind', '(?<=port )\\d+ in use', ''],
		['a host name', '[a-z0-9]+(?:-[a-z0-9]+)*\\.local', 'i'],
		['a one-loop signature with flags', 'Error: .* not found', 'ims'],
	])('accepts %s: /%s/%s', (_what, pattern, flags) => {
		expect(backtrackingRisk(pattern, flags)).toBeUndefined();
	});

	test.each([
		['a repeated group too large to check', `(?:${'abcdefghij'.repeat(9)})+ not found`, 'unsafe regular expression: a repeated group reads more than 80 characters and cannot be checked for backtracking; make it smaller'],
		['a pattern with loops too long to check', `a+${'x'.repeat(1001)}b+`, 'unsafe regular expression: it reads more than 1000 characters and cannot be checked for backtracking; make it shorter'],
	])('refuses %s', (_what, pattern, reason) => {
		expect(backtrackingRisk(pattern, '')).toBe(reason);
	});

	test.each([
		['string alternatives in a class', '[\\q{abc}]x', 'v', 'the string alternatives \\q{abc}'],
		['a class set operation', '[\\w--\\d]+', 'v', 'the class set operation [\\w--\\d]'],
		['a property of strings', '\\p{RGI_Emoji}+', 'v', 'the property of strings \\p{RGI_Emoji}'],
		['a back-reference inside a group another one repeats', '(a)(b\\1)\\2', '', 'the back-reference \\1 inside a group another back-reference repeats'],
		['groups nested too deeply', `${'('.repeat(101)}a${')'.repeat(101)}`, '', 'groups or classes nested more than 100 deep'],
	])('fails closed on %s, naming it', (_what, pattern, flags, construct) => {
		expect(backtrackingRisk(pattern, flags)).toBe(`unsupported regular expression: ${construct}; it cannot be checked for backtracking, so write it another way`);
	});

	test('writes out only small repeats, so deeply nested counts stay cheap to check', () => {
		let nested = 'a';
		for (let level = 0; level < 20; level++) {
			nested = `(?:${nested}){10}`;
		}

		expect(backtrackingRisk(`b+${nested}b+`, '')).toBeUndefined();
		expect(backtrackingRisk(`${'a?'.repeat(20_000)}a+b+`, '')).toBe('unsafe regular expression: it reads more than 1000 characters and cannot be checked for backtracking; make it shorter');
	});

	test('reads a class with a Unicode property as any character, so two such loops in a row are refused', () => {
		expect(backtrackingRisk('[^\\p{L}]+\\p{L}+x', 'u')).toBe(inRow);
		expect(backtrackingRisk('\\p{L}+: not found', 'u')).toBeUndefined();
	});

	test('follows case modifiers inside a group', () => {
		expect(backtrackingRisk('(?i:Q|q)+uit', '')).toBe(overlapping);
		expect(backtrackingRisk('(?-i:Q|q)+uit', 'i')).toBeUndefined();
	});
});
