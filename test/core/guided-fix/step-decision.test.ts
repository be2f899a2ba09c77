/** A step that is one of two alternatives waits for a person: --yes refuses it, a person sees what to judge. */
import {describe, expect, test} from 'vitest';
import {createFixState} from '../../../source/core/guided-fix/fix-reducer.js';
import {currentStepPlan} from '../../../source/core/guided-fix/current-step-plan.js';
import {playbookSchema, type Playbook} from '../../../source/core/playbook-schema.js';

const playbook: Playbook = {
	...playbookSchema.parse({
		id: 'name-taken',
		title: 'The name is taken',
		cause: 'container-name-conflict',
		summary: 'A leftover container has the name.',
		symptoms: ['name in use'],
		variables: {container: {description: 'The name', from: 'evidence', evidence: 'container', question: 'Which?'}},
		steps: [
			{id: 'reuse', title: 'Start the old one', explanation: 'Reuses it.', decision: 'whether {container} is the one you meant', command: ['docker', 'start', '{container}'], risk: 'safe', checks: [{type: 'container-running', container: '{container}'}]},
			{id: 'look', title: 'Look', explanation: 'Lists it.', command: ['docker', 'ps', '-a'], risk: 'read-only'},
		],
	}),
	origin: {file: 'name-taken.yaml', source: 'shipped'},
};

describe('a step with a decision', () => {
	test('--yes refuses it, saying what is to be decided, and goes on', () => {
		const state = createFixState({playbook, facts: {container: 'registry'}, mode: {assumeYes: true}, startedAt: 1000});
		expect(state.records[0]).toEqual({id: 'reuse', status: 'refused', reason: 'it is yours to decide (whether registry is the one you meant); run unblock fix without --yes to choose', attempts: []});
		expect(state.stepIndex).toBe(1);
		expect(state.phase.name).toBe('running');
	});

	test('a person gets the step, with what to decide filled in', () => {
		const state = createFixState({playbook, facts: {container: 'registry'}, startedAt: 1000});
		expect(state.phase.name).toBe('ready');
		expect(currentStepPlan(state)?.decision).toBe('whether registry is the one you meant');
	});
});
