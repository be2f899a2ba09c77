import {describe, expect, test} from 'vitest';
import {seededRandom} from '../../../bench/synthetic-knowledge-base.js';
import {compareIds} from '../../../source/core/search/compare-ids.js';

describe('compareIds', () => {
	test('orders like the collator for ids of every kind', () => {
		const next = seededRandom(11);
		const alphabet = [...'_-./#0123456789abcdefghijklmnopqrstuvwxyz', 'A', 'Z', 'é', ' ', ':', 'ß'];
		const id = () => Array.from({length: 1 + Math.floor(next() * 12)}, () => alphabet[Math.floor(next() * (next() < 0.9 ? 41 : alphabet.length))]).join('');
		const collator = new Intl.Collator('und');
		const differing: string[] = [];
		for (let round = 0; round < 50_000; round++) {
			const left = id();
			const right = next() < 0.3 ? left + id() : id();
			if (Math.sign(compareIds(left, right)) !== Math.sign(collator.compare(left, right))) {
				differing.push(`${left} ${right}`);
			}
		}

		expect(differing).toEqual([]);
	});

	test('sorts playbook and note ids as the collator does', () => {
		const ids = ['localstack-blockers#issue-2', 'localstack-blockers#issue-10', 'localstack-blockers-2#a', 'kind_problems#x', 'sprint-0.2-docker-fixes#fix', 'sprint-0.2#fix', 'app-code-missing', 'app-code-missing-python'];
		expect([...ids].sort(compareIds)).toEqual([...ids].sort((left, right) => left.localeCompare(right, 'en')));
	});
});
