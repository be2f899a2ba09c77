/** The final round looks at how things are at the end: each distinct check once. */
import {describe, expect, test} from 'vitest';
import {createFixState} from '../../../source/core/guided-fix/fix-reducer.js';
import {playbookSchema, type Playbook} from '../../../source/core/playbook-schema.js';
import {apply, check, finish, moveOn, run} from './fix-states.js';

const running = {type: 'container-running', container: '{container}', stableSeconds: 5};
const otherRunning = {type: 'container-running', container: '{other}', stableSeconds: 5};

const playbook: Playbook = {
	...playbookSchema.parse({
		id: 'start-twice',
		title: 'Start it, then change it and start it again',
		cause: 'app-crash-on-startup',
		summary: 'Two steps prove the same thing.',
		symptoms: ['it stops'],
		variables: {
			container: {description: 'The app', from: 'evidence', evidence: 'container', question: 'Which?'},
			other: {description: 'Its database', from: 'ask', question: 'Which database?'},
		},
		steps: [
			{id: 'start', title: 'Start it', explanation: 'Starts it.', command: ['docker', 'start', '{container}'], risk: 'safe', checks: [running]},
			{id: 'start-db', title: 'Start its database', explanation: 'Starts it.', command: ['docker', 'start', '{other}'], risk: 'safe', checks: [otherRunning]},
			{id: 'restart', title: 'Start it again', explanation: 'Starts it again.', command: ['docker', 'restart', '{container}'], risk: 'safe', checks: [running]},
		],
	}),
	origin: {file: 'start-twice.yaml', source: 'shipped'},
};

describe('the final round', () => {
	test('runs a check two steps carry with the same values once, as the later step has it', () => {
		const state = apply(
			createFixState({playbook, facts: {container: 'app-1'}, answers: {other: 'db-1'}, startedAt: 1000}),
			run, finish(), check(0), moveOn,
			run, finish(), check(0), moveOn,
			run, finish(), check(0), moveOn,
		);
		expect(state.final?.checks.map(final => [final.stepIndex, final.planned.description])).toEqual([
			[1, 'container db-1 is running and stays up for 5s without a restart'],
			[2, 'container app-1 is running and stays up for 5s without a restart'],
		]);
		expect(state.final?.results).toHaveLength(2);
	});
});
