import type {CheckResult} from '../../core/fix-plan/check-result.js';
import type {CheckContext} from './check-context.js';

/**
 * Runs `probe` until it passes or the deadline comes, and returns its last answer: a check of
 * something that settles (a container coming up, a port opening) waits for it instead of failing
 * on the first look. `giveUp` ends the wait early when waiting cannot help.
 */
export async function waitForPass(context: CheckContext, intervalMilliseconds: number, probe: () => Promise<CheckResult>, giveUp: () => boolean = () => false): Promise<CheckResult> {
	let last: CheckResult | undefined;
	for (;;) {
		const result = await probe();
		// A probe cut off by the deadline has nothing to say; the one before it does.
		if (context.signal.aborted && last) {
			return last;
		}

		last = result;
		if (result.status === 'pass' || giveUp() || context.signal.aborted || Date.now() + intervalMilliseconds >= context.deadline) {
			return result;
		}

		await sleep(intervalMilliseconds, context.signal);
	}
}

export async function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) {
		return;
	}

	await new Promise<void>(resolve => {
		const timer = setTimeout(done, milliseconds);
		signal.addEventListener('abort', done, {once: true});
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}
