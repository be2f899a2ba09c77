/**
 * Leaving the wizard: Ctrl-C stops a running command or checks (the fix returns to its step), and
 * anywhere else quits with 130; once an exit code is set, the caller hears it with the work still
 * settling, and Ink exits. No process.exit here: cli-main sets the exit code.
 */
import {useApp} from 'ink';
import {useEffect, type Dispatch, type RefObject} from 'react';
import {exitCodes, UserError} from '../core/user-error.js';
import type {AppAction, AppState} from './app-state.js';
import {useKeys} from './use-keys.js';

/**
 * `settling`: the work still going on (a fix's command, an incident being saved), each never
 * rejecting; what one settles with is a failure no screen is left to show.
 */
export function useInterruption(state: AppState, dispatch: Dispatch<AppAction>, settling: ReadonlyArray<RefObject<Promise<UserError | undefined | void>>>, onExit?: (code: number, settled: Promise<readonly UserError[]>) => void): void {
	const {exit} = useApp();
	useEffect(() => {
		if (state.exitCode !== undefined) {
			onExit?.(state.exitCode, Promise.all(settling.map(work => work.current)).then(results => results.filter(result => result instanceof UserError)));
			exit();
		}
	}, [state.exitCode]);

	useKeys((input, key) => {
		if (!(key.ctrl && input === 'c')) {
			return;
		}

		const phase = state.fix?.state.phase.name;
		if (phase === 'running' || phase === 'checking' || phase === 'final-check') {
			dispatch({type: 'fix', action: {type: 'cancel'}});
		} else {
			dispatch({type: 'exit', code: exitCodes.interrupted});
		}
	}, {isActive: state.exitCode === undefined});
}
