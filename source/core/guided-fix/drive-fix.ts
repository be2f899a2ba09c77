import type {FixAction} from './fix-action.js';
import {reduceFix} from './fix-reducer.js';
import type {FixRuntime} from './fix-runtime-contract.js';
import type {FixState} from './fix-state.js';
import {pendingWork, type FixWork} from './pending-work.js';
import {runStepWork} from './run-step-work.js';

export type DriveOptions = {
	/** Aborting it (Ctrl-C) stops the running work and quits. */
	readonly signal?: AbortSignal;
	/** Called before each piece of work starts: print the command before it runs. */
	readonly onWork?: (work: FixWork, state: FixState) => void;
	/** Called after every action with the new state: print output, results. */
	readonly onAction?: (action: FixAction, state: FixState) => void;
};

/**
 * Runs the fix without a person: does the pending work until none is left, then returns the state.
 * With `--yes` (assumeYes) that is the end of the fix; otherwise it stops where an answer is needed.
 */
export async function driveFix(initial: FixState, runtime: FixRuntime, options: DriveOptions = {}): Promise<FixState> {
	let state = initial;
	const signal = options.signal ?? new AbortController().signal;
	const dispatch = (action: FixAction) => {
		state = reduceFix(state, action);
		options.onAction?.(action, state);
	};

	for (let work = pendingWork(state); work && !signal.aborted; work = pendingWork(state)) {
		options.onWork?.(work, state);
		await runStepWork(work, runtime, dispatch, signal);
	}

	if (signal.aborted) {
		dispatch({type: 'quit'});
	}

	return state;
}
