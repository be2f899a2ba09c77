import {describe, expect, test} from 'vitest';
import {closeIds} from '../../../source/core/search/close-ids.js';

const ids = ['host-port-conflict', 'host-port-reserved-windows', 'port-held-by-port-forward', 'oom-killed', 'db-lock-file-in-use', 'wizard-test-restart-service'];

describe('the ids a mistyped playbook id meant', () => {
	test.each([
		['a dropped letter', 'host-port-conflit', ['host-port-conflict']],
		['swapped letters', 'host-port-cnoflict', ['host-port-conflict']],
		['a changed letter', 'oom-kilked', ['oom-killed']],
		['the start of an id', 'wizard-test-restart', ['wizard-test-restart-service']],
		['upper case and spaces', ' OOM-Killed ', ['oom-killed']],
		['nothing close', 'postgres', []],
	])('%s', (_name, typed, expected) => {
		expect(closeIds(typed, ids)).toEqual(expected);
	});

	test('closest first, ties in id order', () => {
		expect(closeIds('host-port', ids)).toEqual(['host-port-conflict', 'host-port-reserved-windows']);
	});
});
