import {describe, expect, test} from 'vitest';
import {parseCliArguments} from '../../source/cli-arguments.js';
import {UserError} from '../../source/core/user-error.js';

describe('parseCliArguments', () => {
	test('takes the command, its words and the flags, with camel-case names and defaults', () => {
		const parsed = parseCliArguments(['fix', 'volume-permission-uid-mismatch', '--container', 'shop-beat-1', '--dry-run', '--playbooks', 'a', '--playbooks', 'b']);
		expect(parsed.command).toBe('fix');
		expect(parsed.input).toEqual(['volume-permission-uid-mismatch']);
		expect(parsed.flags).toMatchObject({container: 'shop-beat-1', dryRun: true, yes: false, allowDestructive: false, playbooks: ['a', 'b'], knowledge: [], limit: 5, json: false});
	});

	test('no command opens the wizard', () => {
		expect(parseCliArguments([]).command).toBeUndefined();
	});

	test('record fields keep their order and repeat', () => {
		const {flags} = parseCliArguments(['record', '--title', 'T', '--symptom', 'one', '--symptom', 'two', '--root-cause', 'R', '--tradeoff', 'x']);
		expect(flags).toMatchObject({title: 'T', symptom: ['one', 'two'], rootCause: 'R', tradeoff: ['x']});
	});

	test('--set takes name=value pairs, the value whole (with = and spaces)', () => {
		expect(parseCliArguments(['fix', 'x', '--set', 'lock-file=mongod.lock', '--set', 'url=http://a/?b=c d']).flags.set).toEqual({'lock-file': 'mongod.lock', url: 'http://a/?b=c d'});
		expect(parseCliArguments(['fix', 'x']).flags.set).toEqual({});
		expect(() => parseCliArguments(['fix', 'x', '--set', 'lock-file'])).toThrow('--set takes name=value (a variable of the playbook, then its value), not "lock-file"');
		expect(() => parseCliArguments(['fix', 'x', '--set', 'Lock=1'])).toThrow('--set takes name=value');
		expect(() => parseCliArguments(['fix', 'x', '--set', 'a=1', '--set', 'a=2'])).toThrow('--set a is given twice, with different values');
	});

	test('--limit is a positive whole number', () => {
		expect(parseCliArguments(['search', 'x', '--limit', '12']).flags.limit).toBe(12);
		for (const bad of ['0', '-1', '2.5', 'ten', '']) {
			expect(() => parseCliArguments(['search', 'x', `--limit=${bad}`])).toThrow(`--limit must be a whole number of at least 1, not "${bad}"`);
		}
	});

	test('words after -- are words even when they look like flags', () => {
		expect(parseCliArguments(['search', '--', '--rm: unknown flag']).input).toEqual(['--rm: unknown flag']);
	});

	test('bad usage is a UserError with exit code 2', () => {
		let error: unknown;
		try {
			parseCliArguments(['-x']);
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(UserError);
		expect(error).toMatchObject({message: 'unknown flag -x', exitCode: 2});
	});
});
