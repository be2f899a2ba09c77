import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadPlaybooks} from '../../../source/adapters/playbook-loader.js';
import {seededRandom} from '../../../bench/synthetic-knowledge-base.js';
import type {Playbook} from '../../../source/core/playbook-schema.js';
import {requiredLiterals} from '../../../source/core/search/required-literals.js';
import type {RequiredLiterals} from '../../../source/core/search/signature-literals.js';

/** What the prefilter does with the literals: one of each group must be in the text. */
function passes(literals: RequiredLiterals | undefined, text: string): boolean {
	if (!literals) {
		return true;
	}

	const haystack = literals.ignoreCase ? text.toLowerCase() : text;
	return literals.groups.every(group => group.some(literal => haystack.includes(literal)));
}

describe('requiredLiterals', () => {
	test.each([
		['Device or resource busy', 'i', [['device or resource busy']]],
		['Device or resource busy', '', [['Device or resource busy']]],
		['colou?r scheme', 'i', [['color scheme', 'colour scheme']]],
		['port (is )?already (allocated|in use)', 'i', [['port already in use', 'port already allocated', 'port is already in use', 'port is already allocated']]],
		['\\d+ errors?', 'i', [[' error']]],
		['[A-Z]+Error: .*', '', [['Error: ']]],
		['(ab){2}cd', '', [['ababcd']]],
		['a\\.b\\(c\\)', '', [['a.b(c)']]],
		['\\x41BC', 'i', [['abc']]],
		['{{json', '', [['{{json']]],
		['Traceback \\(most recent call last\\):', 'i', [['traceback (most recent call last):']]],
		['(curl|wget): (command )?not found', 'i', [['curl: not found', 'wget: not found', 'curl: command not found', 'wget: command not found']]],
		['COPY failed: (file not found in build context|stat [^\\n]{0,200}: (file does not exist|no such file or directory))', 'i', [[': file does not exist', ': no such file or directory', 'file not found in build context'], ['copy failed: ']]],
		['(docker|compose)\\.(go|py|js):\\d+: \\S+ panic', 'i', [['docker.go:', 'docker.py:', 'docker.js:', 'compose.go:', 'compose.py:', 'compose.js:'], [' panic']]],
		['(?<name>abc)\\k<name>xyz', '', [['abc'], ['xyz']]],
		['(?i:abc)def', '', [['def']]],
		['(?-i:ABC)def', 'i', [['abcdef']]],
		['(?<=from )port \\d+ in use', 'i', [[' in use'], ['port ']]],
		['\\p{L}+ not found', 'u', [[' not found']]],
		['[\\q{abc}] not found', 'v', [[' not found']]],
		['error\\n\\tat main', '', [['error\n\tat main']]],
	])('/%s/%s requires one of each of %j', (pattern, flags, groups) => {
		expect(requiredLiterals(pattern, flags)?.groups).toEqual(groups);
	});

	test.each([
		['an alternative with no literal', 'abc|de', 'i'],
		['only short pieces', 'x(?=abcdef)y', ''],
		['only text whose case a group ignores', '(?i:abcdef)', ''],
		['groups nested too deeply', `${'('.repeat(101)}abcdef${')'.repeat(101)}`, ''],
		['only classes and repeats', '[a-z]+\\d{3,}\\s*', ''],
		['an optional word', '(?:connection refused)?', 'i'],
	])('gives nothing for %s: /%s/%s', (_what, pattern, flags) => {
		expect(requiredLiterals(pattern, flags)).toBeUndefined();
	});

	test('leaves out letters unicode case folding reaches from beyond ASCII (ſ is s, K is k)', () => {
		expect(requiredLiterals('risk 2 ok', 'iu')?.groups).toEqual([[' 2 o']]);
		expect(new RegExp('risk', 'iu').test('riſK')).toBe(true);
		expect(passes(requiredLiterals('risk 2 ok', 'iu'), 'riſK 2 oK')).toBe(true);
	});

	test('treats a character beyond ASCII as unknown', () => {
		expect(requiredLiterals('caf\\u00e9 open', 'i')?.groups).toEqual([[' open'], ['caf']]);
		expect(requiredLiterals('café open', '')?.groups).toEqual([[' open'], ['caf']]);
	});
});

describe('requiredLiterals never rules out a text its pattern matches', () => {
	let playbooks: readonly Playbook[];
	beforeAll(async () => {
		playbooks = (await loadPlaybooks({cwd: path.join(import.meta.dirname, '..', '..', '..')})).playbooks;
	});

	test('every shipped signature against its own examples, their lines and their case variants', () => {
		const missed: string[] = [];
		let checked = 0;
		for (const signature of playbooks.flatMap(playbook => playbook.signatures)) {
			const regex = new RegExp(signature.pattern, signature.flags);
			const literals = requiredLiterals(signature.pattern, signature.flags);
			const texts = signature.examples.flatMap(example => [example, ...example.split('\n'), example.toUpperCase(), example.toLowerCase(), `noise before ${example} and after`]);
			for (const text of texts) {
				if (regex.test(text)) {
					checked++;
					if (!passes(literals, text)) {
						missed.push(`/${signature.pattern}/${signature.flags} on ${JSON.stringify(text)}`);
					}
				}
			}
		}

		expect(missed).toEqual([]);
		expect(checked).toBeGreaterThan(600);
	});

	test('finds a literal for every shipped signature', () => {
		const without = playbooks.flatMap(playbook => playbook.signatures).filter(signature => !requiredLiterals(signature.pattern, signature.flags));
		expect(without.map(signature => signature.pattern)).toEqual([]);
	});

	test('thousands of random patterns against texts made to match them', () => {
		const next = seededRandom(20_261_122);
		const pick = <Item>(items: readonly Item[]): Item => items[Math.floor(next() * items.length)]!;
		const flagSets = ['', 'i', 'u', 'iu', 'm', 's', 'is'];
		let checked = 0;
		const missed: string[] = [];
		for (let round = 0; round < 4000; round++) {
			const flags = pick(flagSets);
			const piece = randomPattern(next, pick, flags, 0);
			let regex: RegExp;
			try {
				regex = new RegExp(piece.pattern, flags);
			} catch {
				continue;
			}

			const literals = requiredLiterals(piece.pattern, flags);
			for (const sample of piece.samples) {
				const text = `${pick(['', 'x ', 'log: ', 'A\n'])}${sample}${pick(['', ' y', '\nZ'])}`;
				if (regex.test(text)) {
					checked++;
					if (!passes(literals, text)) {
						missed.push(`/${piece.pattern}/${flags} on ${JSON.stringify(text)}: ${JSON.stringify(literals?.groups)}`);
					}
				}
			}
		}

		expect(missed.slice(0, 5)).toEqual([]);
		expect(checked).toBeGreaterThan(4000);
	});
});

type Piece = {readonly pattern: string; readonly samples: readonly string[]};

/**
 * A random pattern built from the constructs signatures use, with texts it should match made
 * alongside (mixed case, and ſ or K for s and k, where the flags forgive case).
 */
function randomPattern(next: () => number, pick: <Item>(items: readonly Item[]) => Item, flags: string, depth: number): Piece {
	const ignoreCase = flags.includes('i');
	const items: Piece[] = [];
	const length = 1 + Math.floor(next() * (depth === 0 ? 8 : 4));
	for (let position = 0; position < length; position++) {
		const kind = next();
		let item: Piece;
		if (kind < 0.45) {
			const character = pick([...'abcksSKxyz019 :-_\'"/']);
			const written = ignoreCase ? [character, character.toUpperCase(), character === 's' ? 'ſ' : character === 'k' ? 'K' : character.toLowerCase()] : [character];
			item = {pattern: character, samples: written};
		} else if (kind < 0.52) {
			const character = pick([...'.()[]{}|*+?$^\\/']);
			item = {pattern: `\\${character}`, samples: [character]};
		} else if (kind < 0.6) {
			item = pick([
				{pattern: '\\d', samples: ['7']},
				{pattern: '\\w', samples: ['q', '_']},
				{pattern: '\\s', samples: [' ', '\t']},
				{pattern: '[a-c]', samples: ['b']},
				{pattern: '[^"]', samples: ['z']},
				{pattern: '.', samples: ['.', 'k']},
				{pattern: '\\x41', samples: ['A', 'a']},
				{pattern: '\\u0073', samples: ['s', 'S', 'ſ']},
			]);
		} else if (kind < 0.66) {
			item = pick([{pattern: '\\b', samples: ['']}, {pattern: '^', samples: ['']}, {pattern: '$', samples: ['']}, {pattern: '(?!q)', samples: ['']}, {pattern: '(?<=a)', samples: ['']}]);
		} else if (kind < 0.82 && depth < 3) {
			const options = Array.from({length: 1 + Math.floor(next() * 3)}, () => randomPattern(next, pick, flags, depth + 1));
			const open = pick(['(', '(?:', '(?<g' + String(depth) + String(position) + '>']);
			item = {pattern: `${open}${options.map(option => option.pattern).join('|')})`, samples: options.flatMap(option => option.samples)};
		} else {
			const inner = position > 0 ? items.pop()! : {pattern: 'a', samples: ['a']};
			const [quantifier, counts] = pick([['?', [0, 1]], ['*', [0, 1, 2]], ['+', [1, 2]], ['{2}', [2]], ['{0,2}', [0, 2]], ['{1,}', [1, 3]], ['??', [0, 1]]] as const);
			const samples = counts.flatMap(count => inner.samples.slice(0, 3).map(sample => sample.repeat(count)));
			item = {pattern: `(?:${inner.pattern})${quantifier}`, samples};
		}

		items.push(item);
	}

	// A few samples of the whole: each item's samples taken in turn.
	const samples = Array.from({length: 4}, (_, variant) => items.map(item => item.samples[variant % item.samples.length] ?? '').join(''));
	return {pattern: items.map(item => item.pattern).join(''), samples};
}
