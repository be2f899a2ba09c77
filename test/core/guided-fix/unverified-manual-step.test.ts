/**
 * A step done by hand is only as proven as its checks: when each of them had already passed
 * earlier in the fix, pressing "I did it" proves nothing about the change, and the summary says so.
 */
import {describe, expect, test} from 'vitest';
import {createFixState} from '../../../source/core/guided-fix/fix-reducer.js';
import {formatFixSummary, summarizeFix} from '../../../source/core/guided-fix/fix-summary.js';
import {playbookSchema, type Playbook} from '../../../source/core/playbook-schema.js';
import {apply, check, finish, moveOn, run} from './fix-states.js';

const running = {type: 'container-running', container: '{container}', stableSeconds: 5};

function playbook(durableChecks: unknown[]): Playbook {
	return {
		...playbookSchema.parse({
			id: 'restart-then-durable',
			title: 'Restart, then make it stick',
			cause: 'app-crash-on-startup',
			summary: 'A restart helps now; the compose file keeps it so.',
			symptoms: ['keeps dying'],
			variables: {container: {description: 'The container', from: 'evidence', evidence: 'container', question: 'Which?'}},
			steps: [
				{id: 'restart', title: 'Restart it', explanation: 'Starts it again.', command: ['docker', 'restart', '{container}'], risk: 'safe', checks: [running]},
				{id: 'durable', title: 'Make it stick', explanation: 'Edit the compose file.', manual: 'Edit compose.yaml and recreate.', risk: 'caution', checks: durableChecks},
			],
		}),
		origin: {file: 'restart-then-durable.yaml', source: 'shipped'},
	};
}

function doneByHand(durableChecks: unknown[]) {
	const state = createFixState({playbook: playbook(durableChecks), facts: {container: 'api-1'}, startedAt: 1000});
	const results = durableChecks.map((_check, index) => check(index));
	const atFinal = apply(state, run, finish(), check(0), moveOn, {type: 'did-it-myself'}, ...results, moveOn);
	return apply(atFinal, ...(atFinal.final?.checks ?? []).map((_check, index) => check(index)));
}

describe('a step marked done by hand', () => {
	test('whose only check already passed after the step before: not verified, and the summary says so', () => {
		const summary = summarizeFix(doneByHand([running]));
		expect(summary.steps[1]?.unverified).toBe('its checks had already passed before it, so they cannot tell whether the change was made');
		const text = formatFixSummary(summary);
		expect(text).toContain('  2. Make it stick: marked done by you, not verified\n');
		expect(text).toContain('Not verified: step 2 (Make it stick) was marked done by hand, and its checks had already passed before it, so they cannot tell whether the change was made.\nFixed: every check passes now.\n');
	});

	test('without any check: not verified', () => {
		const summary = summarizeFix(doneByHand([]));
		expect(summary.steps[1]?.unverified).toBe('nothing checks it');
	});

	test('with a check of the change itself (one that had not passed before): verified', () => {
		const summary = summarizeFix(doneByHand([running, {type: 'container-recreated', container: '{container}'}]));
		expect(summary.steps[1]?.unverified).toBeUndefined();
		expect(formatFixSummary(summary)).toContain('  2. Make it stick: done by you, checks pass\n');
		expect(formatFixSummary(summary)).not.toContain('Not verified');
	});
});
