import Fuse from 'fuse.js';
import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadKnowledgeBase} from '../../../source/adapters/knowledge-base.js';
import {seededRandom} from '../../../bench/synthetic-knowledge-base.js';
import {tokenize} from '../../../source/core/search/tokenize.js';
import {TypoCorrector} from '../../../source/core/search/typo-corrector.js';

/** fuse.js over every known word of the first letter, as search ran it before the rule-out. */
function plainFuse(words: readonly string[]): (word: string) => string | undefined {
	const buckets = new Map<string, Fuse<string>>();
	for (const letter of new Set(words.filter(word => word.length >= 4).map(word => word[0]!))) {
		buckets.set(letter, new Fuse(words.filter(word => word.length >= 4 && word[0] === letter), {includeScore: true, threshold: 0.25, ignoreLocation: true, minMatchCharLength: 3}));
	}

	return word => {
		const [best] = buckets.get(word[0]!)?.search(word, {limit: 1}) ?? [];
		return best && (best.score ?? 1) <= 0.25 ? best.item : undefined;
	};
}

describe('TypoCorrector', () => {
	let words: string[];
	beforeAll(async () => {
		const base = await loadKnowledgeBase({cwd: path.join(import.meta.dirname, '..', '..', '..')});
		const seen = new Set<string>();
		words = [];
		for (const playbook of base.playbooks) {
			for (const token of tokenize([playbook.title, playbook.summary, ...playbook.symptoms].join('\n'))) {
				if (!seen.has(token.term)) {
					seen.add(token.term);
					words.push(token.word);
				}
			}
		}
	});

	test('corrects a mistyped word to the known word of the same first letter', () => {
		const corrector = new TypoCorrector(() => ['permission', 'postgres', 'restarting', 'redis', 'healthcheck', 'ermission']);
		expect(corrector.correct('permision')).toBe('permission');
		expect(corrector.correct('restartng')).toBe('restarting');
		expect(corrector.correct('helthcheck')).toBe('healthcheck');
		expect(corrector.correct('zzqxvw')).toBeUndefined();
	});

	test('reads the words only when the first correction is asked for', () => {
		let reads = 0;
		const corrector = new TypoCorrector(() => {
			reads++;
			return ['postgres'];
		});
		expect(reads).toBe(0);
		expect(corrector.correct('postgre')).toBe('postgres');
		expect(corrector.correct('postgrs')).toBe('postgres');
		expect(reads).toBe(1);
	});

	test('answers as fuse.js over the whole first letter does, for mistyped, cut short and unknown words', () => {
		const expected = plainFuse(words);
		const corrector = new TypoCorrector(() => words);
		const next = seededRandom(8);
		const queries: string[] = [];
		for (let round = 0; round < 600; round++) {
			const word = words[Math.floor(next() * words.length)]!;
			if (word.length < 4) {
				continue;
			}

			const at = 1 + Math.floor(next() * (word.length - 1));
			const edits = [
				word.slice(0, at) + word.slice(at + 1),
				word.slice(0, at) + 'e' + word.slice(at),
				word.slice(0, at) + 'q' + word.slice(at + 1),
				word.slice(0, Math.max(4, at)),
				`${word}ing`,
				`${word[0]}${word.slice(1).split('').reverse().join('')}`,
			];
			queries.push(...edits.filter(edit => edit.length >= 4));
		}

		const differing = queries.filter(query => corrector.correct(query) !== expected(query));
		expect(differing).toEqual([]);
		expect(queries.length).toBeGreaterThan(2000);
	});
});
