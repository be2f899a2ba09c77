import type {CheckResult} from './check-result.js';
import type {CheckContext} from './check-type.js';
import {checkTypeOf, type Check} from './registry.js';
import {waitForPass} from './wait-and-retry.js';

const lookAgainMilliseconds = 1000;

/**
 * Runs a filled check the way every check runs: a type that waits by itself is left to it; any
 * other look is taken again until it passes or the deadline comes, unless the check is one-shot.
 * A fix's effect takes a moment to show (a process dying after kill, a file written by a
 * restarted container); a check that looked once would call that a failure.
 */
export async function runCheckType(check: Check, context: CheckContext): Promise<CheckResult> {
	const type = checkTypeOf(check);
	if (type.waitsItself || check.oneShot) {
		return type.run(check, context);
	}

	return waitForPass(context, lookAgainMilliseconds, async () => type.run(check, context));
}

/**
 * The check with at most `seconds` to report, but never less than its type needs to pass at all (a
 * container seen staying up): the final round of a fix confirms what the steps already waited for.
 * A one-shot check keeps its time: it is one long look (a build), which waiting less would cut off.
 */
export function withTimeoutAtMost(check: Check, seconds: number): Check {
	if (check.oneShot) {
		return check;
	}

	const type = checkTypeOf(check);
	const own = check.timeoutSeconds ?? type.defaultTimeoutSeconds(check);
	const capped = Math.min(own, Math.max(seconds, type.minimumSeconds?.(check) ?? 0));
	return capped === own ? check : {...check, timeoutSeconds: capped};
}
