import {describe, expect, test} from 'vitest';
import type {Playbook} from '../../../source/core/playbook-schema.js';
import {PatternPrefilter, playbookPrefilter, rememberPlaybookPrefilter} from '../../../source/core/search/pattern-prefilter.js';
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

describe('a prefilter made from its data', () => {
	const texts = [
		'OSError: [Errno 16] DEVICE OR RESOURCE BUSY',
		'sh: curl: not found\nBind for 0.0.0.0:80 failed: port is already allocated',
		'KeyError: \'DATABASE_URL\'',
		'keyerror: \'database_url\'',
		'COPY failed: stat /var/lib/docker/tmp/x: no such file or directory',
		'COPY failed: something else entirely',
		'all good',
		'',
	];
	const all = [...patterns, {pattern: 'COPY failed: (file not found in build context|stat [^\\n]{0,200}: no such file or directory)', flags: 'i'}];

	test('names the same candidates as the one it was taken from, also after its arrays were copied (as a file gives them back)', () => {
		const built = prefilterOf(all);
		const data = built.data();
		const copy = (array: Int32Array) => Int32Array.from(array);
		const table = (stored: typeof data.folded.short) => ({...stored, texts: [...stored.texts], heads: copy(stored.heads), next: copy(stored.next), offsets: copy(stored.offsets)});
		const set = (stored: typeof data.folded) => ({short: table(stored.short), long: table(stored.long), primary: stored.primary.map(list => [...list])});
		const again = new PatternPrefilter({...data, folded: set(data.folded), exact: set(data.exact)});
		expect(texts.map(text => again.candidates(text))).toEqual(texts.map(text => built.candidates(text)));
		expect(again.candidates('COPY failed: stat /x: no such file or directory')).toEqual([3, 5]);
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

	test('takes the prefilter the build made of playbooks of the same ids, in the same order, instead of filing their literals again', () => {
		const playbooks = [playbook('busy', 'Device or resource busy'), playbook('port', 'port is already allocated')];
		// Made of other patterns, so that the answers tell which prefilter answered.
		const prebuilt = {playbooks: ['busy', 'port'], prefilter: prefilterOf([{pattern: 'curl: not found', flags: 'i'}, {pattern: 'wget: not found', flags: 'i'}]).data()};
		rememberPlaybookPrefilter(playbooks, prebuilt);
		expect(playbookPrefilter(playbooks).candidates('wget: not found')).toEqual([1]);

		const reordered = [playbooks[1]!, playbooks[0]!];
		rememberPlaybookPrefilter(reordered, prebuilt);
		expect(playbookPrefilter(reordered).candidates('wget: not found')).toEqual([]);
		expect(playbookPrefilter(reordered).candidates('port is already allocated')).toEqual([0]);
	});

	test('tries every signature whose literals nobody worked out', () => {
		const unread = {id: 'unread', signatures: [{pattern: 'curl: not found', flags: 'i', source: 'any', generic: false, examples: []}]} as unknown as Playbook;
		expect(playbookPrefilter([playbook('busy', 'Device or resource busy'), unread]).candidates('nothing here')).toEqual([1]);
	});
});
