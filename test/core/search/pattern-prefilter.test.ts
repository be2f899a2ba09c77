import {describe, expect, test} from 'vitest';
import type {Playbook} from '../../../source/core/playbook-schema.js';
import {PatternPrefilter, playbookPrefilter} from '../../../source/core/search/pattern-prefilter.js';
import {requiredLiterals} from '../../../source/core/search/required-literals.js';
import {rememberPlaybookLiterals} from '../../../source/core/search/signature-literals.js';

/** A prefilter of these patterns, with the literals the playbook parser works out for each. */
function prefilterOf(patterns: ReadonlyArray<{pattern: string; flags: string}>): PatternPrefilter {
	return new PatternPrefilter(patterns.map(({pattern, flags}) => requiredLiterals(pattern, flags)));
}

const patterns = [
	{pattern: 'Device or resource busy', flags: 'i'},
	{pattern: 'KeyError: \'[A-Z_]+\'', flags: ''},
	{pattern: '(curl|wget): (command )?not found', flags: 'i'},
	{pattern: '\\d+ [a-z]+', flags: 'i'},
	{pattern: 'port is already allocated', flags: 'i'},
];

describe('PatternPrefilter', () => {
	const prefilter = prefilterOf(patterns);

	test('names the patterns whose literal is in the text, and those without a literal, in order', () => {
		expect(prefilter.candidates('OSError: [Errno 16] DEVICE OR RESOURCE BUSY: \'/tmp/localstack\'')).toEqual([0, 3]);
		expect(prefilter.candidates('sh: curl: not found\nBind for 0.0.0.0:80 failed: port is already allocated')).toEqual([2, 3, 4]);
	});

	test('looks for a case-sensitive literal as written', () => {
		expect(prefilter.candidates('KeyError: \'DATABASE_URL\'')).toEqual([1, 3]);
		expect(prefilter.candidates('keyerror: \'database_url\'')).toEqual([3]);
	});

	test('finds a literal at the very start and the very end of the text', () => {
		expect(prefilter.candidates('device or resource busy')).toEqual([0, 3]);
		expect(prefilter.candidates('wget: command not found')).toEqual([2, 3]);
	});

	test('keeps only patterns without a literal for text that holds none', () => {
		expect(prefilter.candidates('all good')).toEqual([3]);
		expect(prefilter.candidates('')).toEqual([3]);
	});

	test('each pattern once, however often its literals occur', () => {
		expect(prefilter.candidates('curl: not found; wget: not found; curl: command not found')).toEqual([2, 3]);
	});

	test('needs a literal of each group a pattern requires', () => {
		const copy = prefilterOf([{pattern: 'COPY failed: (file not found in build context|stat [^\\n]{0,200}: no such file or directory)', flags: 'i'}]);
		expect(copy.candidates('open /app/main.py: no such file or directory')).toEqual([]);
		expect(copy.candidates('COPY failed: something else entirely')).toEqual([]);
		expect(copy.candidates('COPY failed: stat /var/lib/docker/tmp/x: no such file or directory')).toEqual([0]);
	});

	test('shares one literal among the patterns that require it', () => {
		const shared = prefilterOf([
			{pattern: 'permission denied', flags: 'i'},
			{pattern: 'open .+: permission denied', flags: 'i'},
			{pattern: 'Permission denied', flags: ''},
		]);
		expect(shared.candidates('open /data/x: Permission denied')).toEqual([0, 1, 2]);
		expect(shared.candidates('mkdir: permission denied')).toEqual([0]);
	});

	test('tells literals sharing their first characters apart', () => {
		const alike = prefilterOf([
			{pattern: 'connection refused', flags: 'i'},
			{pattern: 'connection reset by peer', flags: 'i'},
			{pattern: 'connection timed out', flags: 'i'},
			{pattern: 'connect: no route to host', flags: 'i'},
		]);
		expect(alike.candidates('read: connection reset by peer')).toEqual([1]);
		expect(alike.candidates('dial tcp: connect: no route to host; connection timed out')).toEqual([2, 3]);
	});
});

describe('playbookPrefilter', () => {
	const playbook = (id: string, pattern: string) => {
		const made = {id, signatures: [{pattern, flags: 'i', source: 'any', generic: false, examples: [pattern]}]} as unknown as Playbook;
		rememberPlaybookLiterals(made, [requiredLiterals(pattern, 'i') ?? null]);
		return made;
	};

	test('is shared by whoever asks with the same list, and made anew when the list changed', () => {
		const playbooks = [playbook('busy', 'Device or resource busy'), playbook('port', 'port is already allocated')];
		const shared = playbookPrefilter(playbooks);
		expect(playbookPrefilter(playbooks)).toBe(shared);
		expect(shared.candidates('Bind failed: port is already allocated')).toEqual([1]);

		playbooks.push(playbook('curl', 'curl: not found'));
		expect(playbookPrefilter(playbooks)).not.toBe(shared);
		expect(playbookPrefilter(playbooks).candidates('sh: curl: not found')).toEqual([2]);
	});

	test('tries every signature whose literals nobody worked out', () => {
		const unread = {id: 'unread', signatures: [{pattern: 'curl: not found', flags: 'i', source: 'any', generic: false, examples: []}]} as unknown as Playbook;
		expect(playbookPrefilter([playbook('busy', 'Device or resource busy'), unread]).candidates('nothing here')).toEqual([1]);
	});
});
