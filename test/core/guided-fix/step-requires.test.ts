/** A step's `requires` run before its command: a failing one refuses the step, whatever the mode. */
import {describe, expect, it} from 'vitest';
import {createFixState} from '../../../source/core/guided-fix/fix-reducer.js';
import type {FixMode, FixState} from '../../../source/core/guided-fix/fix-state.js';
import {pendingWork} from '../../../source/core/guided-fix/pending-work.js';
import type {PlaybookInput} from '../../../source/core/playbook-schema.js';
import {examplePlaybook, examplePlaybookInput} from '../step-plans/example-playbook.js';
import {apply, check, confirm, finish, moveOn, run} from './fix-states.js';

const guarded: PlaybookInput = {
	...examplePlaybookInput,
	steps: examplePlaybookInput.steps.map(step => step.id === 'remove-volume' ? {...step, requires: [{type: 'mount-unused', source: '{volume}'}]} : step),
};

function atGuardedStep(mode: Partial<FixMode> = {}): FixState {
	const state = createFixState({playbook: examplePlaybook('shipped', guarded), facts: {container: 'db-1', volume: 'pgdata'}, mode, startedAt: 1000});
	return mode.assumeYes ? state : apply(state, run, finish(), moveOn);
}

describe('a destructive step with requires', () => {
	it('checks them before it asks for the typed name, and asks only when they pass', () => {
		const checking = apply(atGuardedStep(), run);
		expect(checking.phase).toMatchObject({name: 'checking', precondition: true, checks: [{description: 'no running container mounts volume pgdata', check: {type: 'mount-unused', source: 'pgdata'}}]});
		expect(pendingWork(checking)).toMatchObject({kind: 'checks', checks: [{check: {type: 'mount-unused', source: 'pgdata'}}]});
		const confirming = apply(checking, check(0, 'pass'));
		expect(confirming.phase).toEqual({name: 'confirm-destructive', target: 'pgdata'});
		expect(apply(confirming, confirm()).phase).toMatchObject({name: 'running', command: {display: 'docker volume rm pgdata'}});
	});

	it('is refused, not run, when one fails; retry checks again', () => {
		const refused = apply(atGuardedStep(), run, check(0, 'fail'));
		const reason = 'it was not run, because no running container mounts volume pgdata: still broken';
		expect(refused.phase).toEqual({name: 'failed', reason, hintShown: false});
		expect(refused.records[1]).toEqual({id: 'remove-volume', status: 'refused', reason, attempts: []});
		expect(apply(refused, {type: 'retry'}).phase).toMatchObject({name: 'checking', precondition: true});
	});

	it('under --yes --allow-destructive runs only when they pass, and moves on refused otherwise', () => {
		const atStep = (state: FixState) => apply(state, finish());
		const refused = apply(atStep(atGuardedStep({assumeYes: true, allowDestructive: true})), check(0, 'fail'));
		expect(refused.records[1]).toMatchObject({status: 'refused', reason: 'it was not run, because no running container mounts volume pgdata: still broken'});
		expect(refused.records[2]).toMatchObject({status: 'refused', reason: 'it is done by hand; run unblock fix without --yes to do it'});
		const ran = apply(atStep(atGuardedStep({assumeYes: true, allowDestructive: true})), check(0, 'pass'));
		expect(ran.phase).toMatchObject({name: 'running', command: {display: 'docker volume rm pgdata'}});
	});

	it('under --yes without --allow-destructive is refused before anything is checked', () => {
		const state = apply(atGuardedStep({assumeYes: true}), finish());
		expect(state.records[1]).toMatchObject({status: 'refused', reason: 'it destroys pgdata; --yes runs destructive steps only with --allow-destructive'});
	});

	it('stopped while checking goes back to the step with nothing recorded', () => {
		const stopped = apply(atGuardedStep(), run, {type: 'cancel'});
		expect(stopped.phase).toEqual({name: 'ready', notice: 'Stopped before the step ran: nothing was changed.'});
		expect(stopped.records[1]?.attempts).toEqual([]);
	});
});
