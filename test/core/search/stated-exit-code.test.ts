import {describe, expect, test} from 'vitest';
import {declaredExitCodes, statedExitCode, weighByExitCode} from '../../../source/core/search/stated-exit-code.js';

describe('statedExitCode', () => {
	test.each([
		['web-1 exited with code 0', 0],
		['the worker exits with code1 every time', 1],
		['STATUS: Exited (137) 3 minutes ago', 137],
		['the job failed: exit status 2', 2],
		['it exited with exit code 126', 126],
		['exit code: 127', 127],
		['api-1 exited with code 1\nworker-1 exited with code 1', 1],
	])('%j states %i', (text, code) => {
		expect(statedExitCode(text)).toBe(code);
	});

	test.each([
		'the container exits right away',
		'api-1 exited with code 1\ndb-1 exited with code 0',
		'listening on port 8080',
	])('%j states no one code', text => {
		expect(statedExitCode(text)).toBeUndefined();
	});
});

describe('declaredExitCodes', () => {
	test('gathers what each entry\'s signatures declare, and nothing for an entry that declares none', () => {
		const signature = (exitCodes?: number[]) => ({pattern: 'x', flags: '', generic: false, source: 'any' as const, examples: ['x'], ...(exitCodes ? {when: {exitCodes}} : {})});
		expect(declaredExitCodes([
			{entry: 0, signature: signature([127])},
			{entry: 0, signature: signature([126])},
			{entry: 2, signature: signature()},
		], 3)).toEqual([new Set([127, 126]), undefined, undefined]);
	});
});

describe('weighByExitCode', () => {
	test('raises a cause that declares the code, lowers one that declares only others, leaves one that declares none', () => {
		const scores = new Float64Array([1, 1, 1, 1]);
		weighByExitCode([new Set([0]), new Set([127]), undefined, new Set([0])], 0, [0, 1, 2], scores);
		expect([...scores]).toEqual([1.25, 0.8, 1, 1]);
	});
});
