import type {CheckResult} from './check-result.js';
import type {CheckContext} from './check-type.js';

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
		if (result.status === 'pass' || giveUp() || context.signal.aborted || context.tools.now() + intervalMilliseconds >= context.deadline) {
			return result;
		}

		await context.tools.sleep(intervalMilliseconds, context.signal);
	}
}
