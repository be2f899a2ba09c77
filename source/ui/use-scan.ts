/**
 * The wizard's knowledge and scans: the knowledge base loads once; the engine is scanned at the
 * start (unless `unblock fix` needs no container), again on r, and, while a screen shows what the
 * engine looks like (the scan, or a diagnosed container's playbook or fix), again a moment after
 * the engine reports a change and every few seconds for what changes without an event (a restart
 * count, a health check's failing streak). Results go to the app's reducer.
 */
import {useCallback, useEffect, useRef, type Dispatch} from 'react';
import type {AppAction} from './app-state.js';
import {messageOf} from './error-message.js';
import type {WizardRuntime} from './wizard-runtime.js';

/**
 * How long after a change on the engine the screen looks again: the rest of the burst comes
 * meanwhile. Counted from the burst's first change, so a stream of changes (containers starting
 * one after another, replicas restarting in turn) cannot put the look off forever.
 */
const changeSettleMs = 300;

/** How often a screen that follows the engine looks again without any change reported. */
export const defaultRefreshMs = 5000;

export type ScanOptions = {
	readonly needsScan: boolean;
	/** The current screen shows what the engine looks like: it follows the engine. */
	readonly following: boolean;
	readonly refreshMs?: number;
};

export function useScan(runtime: WizardRuntime, dispatch: Dispatch<AppAction>, options: ScanOptions): (quiet?: boolean) => void {
	const {needsScan, following: followsEngine, refreshMs = defaultRefreshMs} = options;
	const scanSequence = useRef(0);
	// One scan at a time: a change that arrives meanwhile, or while a screen that does not follow
	// the engine is shown, asks for one more once the current one is in and such a screen is back. Only while the last scan
	// reached the engine: the changes an engine reports as it goes away (its containers stopping)
	// must not replace what the scan said of it with a look at an engine no longer there; r does.
	const following = useRef({scanning: false, stale: false, followsEngine: true, engineShown: false});
	const startScan = useCallback((quiet = false) => {
		const sequence = ++scanSequence.current;
		const lookedAt = runtime.fix.now();
		following.current.scanning = true;
		following.current.stale = false;
		dispatch({type: 'scan-started', quiet});
		const finished = (engineShown: boolean) => {
			following.current.scanning = false;
			following.current.engineShown = engineShown;
			if (following.current.stale && following.current.followsEngine && engineShown) {
				startScan(true);
			}
		};

		runtime.scan().then(
			outcome => {
				if (sequence === scanSequence.current) {
					dispatch({type: 'scan-finished', outcome, lookedAt});
					finished(outcome.kind === 'scanned');
				}
			},
			(error: unknown) => {
				if (sequence === scanSequence.current) {
					dispatch({type: 'scan-failed', message: messageOf(error)});
					finished(false);
				}
			},
		);
	}, [runtime, dispatch]);

	useEffect(() => {
		runtime.loadKnowledge().then(
			knowledge => {
				dispatch({type: 'knowledge-loaded', knowledge});
			},
			(error: unknown) => {
				dispatch({type: 'knowledge-failed', message: messageOf(error)});
			},
		);
		if (needsScan) {
			startScan();
		}
	}, [runtime]);

	// The scan screen follows the engine: a container created, dead, restarted or turned unhealthy
	// is looked at again a moment later (changes come in bursts: a restart is a die and a start).
	useEffect(() => {
		if (!needsScan || !runtime.watch) {
			return undefined;
		}

		let timer: NodeJS.Timeout | undefined;
		const stop = runtime.watch(() => {
			timer ??= setTimeout(() => {
				timer = undefined;
				following.current.stale = true;
				if (!following.current.scanning && following.current.followsEngine && following.current.engineShown) {
					startScan(true);
				}
			}, changeSettleMs);
		});
		return () => {
			clearTimeout(timer);
			stop();
		};
	}, [runtime]);

	// What changes without an event: looked at again every few seconds, one scan at a time, only
	// while the screen follows an engine the last scan reached.
	useEffect(() => {
		if (!needsScan || !followsEngine) {
			return undefined;
		}

		const timer = setInterval(() => {
			if (!following.current.scanning && following.current.engineShown) {
				startScan(true);
			}
		}, refreshMs);
		return () => {
			clearInterval(timer);
		};
	}, [runtime, followsEngine, refreshMs]);

	useEffect(() => {
		following.current.followsEngine = followsEngine;
		if (followsEngine && following.current.stale && !following.current.scanning && following.current.engineShown) {
			startScan(true);
		}
	}, [followsEngine]);

	return startScan;
}
