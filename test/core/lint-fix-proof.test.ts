import {describe, expect, test} from 'vitest';
import {lintFixProof} from '../../source/core/lint-fix-proof.js';
import {playbookSchema, type PlaybookInput} from '../../source/core/playbook-schema.js';

function stepsOf(steps: PlaybookInput['steps']) {
	return playbookSchema.parse({id: 'proof-test', title: 'T', cause: 'app-crash-on-startup', summary: 'S.', symptoms: ['s'], steps});
}

const restart = {id: 'restart', title: 'Restart', explanation: 'Starts it.', command: ['docker', 'restart', 'api'], risk: 'safe' as const};
const check = (command: string[], more: Record<string, unknown> = {}) => ({type: 'host-command' as const, command, ...more});

describe('lintFixProof', () => {
	test('a step that changes something with nothing checking it is reported', () => {
		expect(lintFixProof(stepsOf([restart]))).toEqual([{
			field: 'steps[0].checks',
			message: 'nothing checks that step "restart" worked: add a check that fails before it and passes after (or provenByExitCode: true when the command\'s own success is the result, as for a prune)',
		}]);
	});

	test('a read-only step, a step done by hand, a checked step and a prune that says so are fine', () => {
		expect(lintFixProof(stepsOf([
			{...restart, risk: 'read-only'},
			{id: 'by-hand', title: 'Edit', explanation: 'Edit it.', manual: 'Edit compose.yaml.', risk: 'caution'},
			{...restart, checks: [{type: 'container-running', container: 'api'}]},
			{...restart, id: 'prune', command: ['docker', 'builder', 'prune', '--force'], provenByExitCode: true},
		]))).toEqual([]);
	});

	test.each([
		[['true']],
		[['sh', '-c', 'redis-cli ping; true']],
		[['sh', '-c', 'redis-cli ping || true']],
		[['/bin/sh', '-c', 'test -f /x\nexit 0']],
		[['sh', '-c', 'redis-cli ping || :']],
	])('a check whose command always exits 0, with no output asked for, cannot fail: %j', command => {
		const issues = lintFixProof(stepsOf([{...restart, checks: [check(command)]}]));
		expect(issues).toEqual([{field: 'steps[0].checks[0]', message: expect.stringMatching(/^this check cannot fail: the command always exits 0 and no output is asked for/)}]);
	});

	test('a pattern that even no output matches does not save it', () => {
		const issues = lintFixProof(stepsOf([{...restart, checks: [check(['sh', '-c', 'redis-cli ping; true'], {outputMatches: '.*'})]}]));
		expect(issues.map(issue => issue.message)).toEqual(['this check cannot fail: the command always exits 0 and /.*/ matches even no output']);
	});

	test.each([
		[check(['sh', '-c', 'redis-cli ping; true'], {outputMatches: 'PONG'})],
		[check(['sh', '-c', 'test -f /x && true'])],
		[check(['sh', '-c', 'true; test -f /x'])],
		[check(['true'], {exitCode: 1})],
		[check(['test', '-f', '/x'])],
	])('a check that can fail is fine: %j', input => {
		expect(lintFixProof(stepsOf([{...restart, checks: [input]}]))).toEqual([]);
	});
});
