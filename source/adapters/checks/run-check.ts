/**
 * Runs one filled check: finds its type in the registry (core/checks/), bounds it by its timeout
 * and the caller's signal, and turns whatever happens into pass or fail with one plain, redacted
 * line. Never throws.
 */
import type {CheckResult} from '../../core/checks/check-result.js';
import {fail, type CheckContext} from '../../core/checks/check-type.js';
import {checkTypeOf, type Check} from '../../core/checks/registry.js';
import {runCheckType} from '../../core/checks/run-check-type.js';
import {cleanUntrustedText} from '../../core/clean-untrusted-text.js';
import {capLines} from '../../core/neutralize-terminal-text.js';
import type {EngineConnection} from '../docker-client.js';
import {createCheckTools} from './check-tools.js';
import {engineClient} from './engine-client.js';

export type RunCheckOptions = {
	readonly signal?: AbortSignal;
	/** Epoch milliseconds when the step started; log checks look at lines after it. Default: now. */
	readonly since?: number;
	readonly engine?: () => EngineConnection;
	readonly secrets?: readonly string[];
};

/** Checks report this long before their timeout, so they can say what they saw last. */
const reportingMargin = 250;
const maximumDetailLength = 300;

export async function runCheck(check: Check, options: RunCheckOptions = {}): Promise<CheckResult> {
	const type = checkTypeOf(check);
	const timeoutMilliseconds = (check.timeoutSeconds ?? type.defaultTimeoutSeconds(check)) * 1000;
	const signal = AbortSignal.any([AbortSignal.timeout(timeoutMilliseconds), ...(options.signal ? [options.signal] : [])]);
	const secrets = options.secrets ?? [];
	const context: CheckContext = {
		signal,
		deadline: Date.now() + Math.max(0, timeoutMilliseconds - reportingMargin),
		since: options.since ?? Date.now(),
		tools: createCheckTools(options.engine ?? engineClient, secrets),
	};

	// A check that ignores its signal still cannot hold the fix up past its timeout.
	let backstopTimer: NodeJS.Timeout | undefined;
	const backstop = new Promise<CheckResult>(resolve => {
		const giveUp = () => {
			backstopTimer = setTimeout(() => resolve(fail(options.signal?.aborted ? 'stopped' : `no answer within ${timeoutMilliseconds / 1000}s`)), 100);
		};

		if (signal.aborted) {
			giveUp();
		} else {
			signal.addEventListener('abort', giveUp, {once: true});
		}
	});

	try {
		const result = await Promise.race([runCheckType(check, context), backstop]);
		return {status: result.status, detail: oneLine(result.detail, secrets)};
	} catch (error) {
		return fail(oneLine(`the check could not run: ${(error as Error).message}`, secrets));
	} finally {
		clearTimeout(backstopTimer);
	}
}

function oneLine(text: string, secrets: readonly string[]): string {
	const line = cleanUntrustedText(text, {secrets, maximumLineLength: Number.POSITIVE_INFINITY}).replaceAll('\n', ' ').trim();
	return capLines(line, maximumDetailLength);
}
