/**
 * An interim check proves what its step leaves for the steps after it (the server stopped so its
 * lock can go), which a later step undoes on purpose (the server started again): it decides its
 * own step, and the final round, which looks at how things are at the end, leaves it out.
 */
import {describe, expect, test} from 'vitest';
import {createFixState} from '../../../source/core/guided-fix/fix-reducer.js';
import {formatFixSummary, summarizeFix} from '../../../source/core/guided-fix/fix-summary.js';
import {formatDryRunPlan} from '../../../source/core/step-plans/dry-run-plan.js';
import {resolveVariables} from '../../../source/core/step-plans/resolve-variables.js';
import {planFix} from '../../../source/core/step-plans/step-plan.js';
import {playbookSchema, type Playbook} from '../../../source/core/playbook-schema.js';
import {apply, check, finish, moveOn, run} from './fix-states.js';

const stopped = {
	type: 'host-command',
	description: 'The database is stopped',
	command: ['docker', 'container', 'inspect', '--format', '{{.State.Running}}', '{container}'],
	outputMatches: '^false$',
	interim: true,
};
const running = {type: 'container-running', container: '{container}', stableSeconds: 5};

const playbook: Playbook = {
	...playbookSchema.parse({
		id: 'stop-then-start',
		title: 'Stop it, clear the lock, start it',
		cause: 'db-lock-file-in-use',
		summary: 'A stale lock goes while the server is stopped.',
		symptoms: ['lock file exists'],
		variables: {
			container: {description: 'The database', from: 'evidence', evidence: 'container', question: 'Which?'},
			other: {description: 'Another server on the data', from: 'ask', question: 'Which other container?'},
		},
		steps: [
			{id: 'stop-other', title: 'Stop the other server', explanation: 'Only when there is one.', command: ['docker', 'stop', '{other}'], risk: 'caution', checks: [{...stopped, description: 'The other server is stopped', command: ['docker', 'container', 'inspect', '--format', '{{.State.Running}}', '{other}']}]},
			{id: 'stop', title: 'Stop it', explanation: 'Stops it.', command: ['docker', 'stop', '{container}'], risk: 'safe', checks: [stopped]},
			{id: 'start', title: 'Start it', explanation: 'Starts it.', command: ['docker', 'start', '{container}'], risk: 'safe', checks: [running]},
		],
	}),
	origin: {file: 'stop-then-start.yaml', source: 'shipped'},
};

function fixedBySkippingTheOther() {
	const state = createFixState({playbook, facts: {container: 'db-1'}, startedAt: 1000});
	return apply(state, {type: 'skip'}, run, finish(), check(0), moveOn, run, finish(), check(0), moveOn);
}

describe('an interim check', () => {
	test('decides its own step, right after it', () => {
		const state = apply(createFixState({playbook, facts: {container: 'db-1'}, startedAt: 1000}), {type: 'skip'}, run, finish());
		expect(state.phase.name === 'checking' && state.phase.checks.map(planned => planned.description)).toEqual(['The database is stopped']);
		expect(apply(state, check(0, 'fail')).phase).toMatchObject({name: 'failed'});
	});

	test('is left out of the final round, as is that of a step skipped with its question unanswered', () => {
		const state = fixedBySkippingTheOther();
		expect(state.final?.checks.map(final => final.planned.description)).toEqual(['container db-1 is running and stays up for 5s without a restart']);
		expect(state.final?.notRun).toEqual([]);
	});

	test('so a fix whose later step undid it on purpose is fixed', () => {
		const summary = summarizeFix(apply(fixedBySkippingTheOther(), check(0)));
		expect(summary.verdict).toBe('fixed');
		expect(summary.steps.map(step => step.verdict)).toEqual(['unchecked', 'fixed', 'fixed']);
		expect(formatFixSummary(summary)).toBe(`Summary of stop-then-start: Stop it, clear the lock, start it
  1. Stop the other server: skipped
  2. Stop it: ran, exited with code 0, checks pass
  3. Start it: ran, exited with code 0, checks pass
Checks now
  pass  container db-1 is running and stays up for 5s without a restart: fine
Fixed: every check passes now.
`);
	});

	test('the dry run says when it is checked', () => {
		const text = formatDryRunPlan(planFix(playbook, resolveVariables(playbook, {facts: {container: 'db-1'}, acceptDefaults: true})));
		expect(text).toContain('  Check: The database is stopped (right after this step only, not in the final round)\n');
		expect(text).toContain('  Check: container db-1 is running and stays up for 5s without a restart\n');
	});
});
