import {describe, expect, test} from 'vitest';
import {groupByCause} from '../../../source/core/search/group-by-cause.js';
import type {SearchEntry} from '../../../source/core/search/search.js';

const entry = (kind: SearchEntry['kind'], id: string, cause?: string): SearchEntry => ({kind, id, title: id, cause});
const entries = [
	entry('playbook', 'port-conflict', 'host-port-conflict'),
	entry('note', 'team#port-5432-taken', 'host-port-conflict'),
	entry('playbook', 'port-conflict-windows', 'host-port-conflict'),
	entry('playbook', 'oom', 'oom-killed'),
	entry('note', 'team#odd-one'),
	entry('note', 'team#another-odd-one'),
];

describe('groupByCause', () => {
	test('one cause, one place: the best playbook leads at the best score of its cause, its variants after it', () => {
		// The note scored best, yet the playbook leads: it holds the fix.
		expect(groupByCause(entries, [0, 1, 2, 3], [0.5, 0.6, 0.4, 0.45], 3)).toEqual([
			{entry: 0, score: 0.6, also: [1, 2]},
			{entry: 3, score: 0.45, also: []},
		]);
	});

	test('entries without a cause stand alone', () => {
		expect(groupByCause(entries, [4, 5, 3], [0.3, 0.2, 0.1], 5).map(group => group.entry)).toEqual([4, 5, 3]);
	});

	test('finds the limit of causes even when variants crowd the best scores', () => {
		const crowded = [...Array.from({length: 12}, (_, at) => entry('note', `team#n${at}`, 'host-port-conflict')), entry('playbook', 'oom', 'oom-killed')];
		const candidates = crowded.map((_, at) => at);
		const scores = crowded.map((_, at) => at === 12 ? 0.1 : 0.9 - (at / 100));
		expect(groupByCause(crowded, candidates, scores, 2).map(group => crowded[group.entry]!.id)).toEqual(['team#n0', 'oom']);
	});
});
