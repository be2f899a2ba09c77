import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {waitForPass} from './wait-and-retry.js';

/**
 * GET url answers with the expected status. Redirects are not followed: the status is what the
 * endpoint itself answers. Waits for it up to the deadline, since a service takes a moment to start.
 */
export async function checkHttpStatus(check: CheckOf<'http'>, context: CheckContext): Promise<CheckResult> {
	let url: URL;
	try {
		url = new URL(check.url);
	} catch {
		return fail(`"${check.url}" is not a URL`);
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return fail(`only http and https URLs are checked, not ${url.protocol}`);
	}

	// run-check cleans every detail (credentials in the URL included) before anyone sees it.
	const shown = url.href;
	return waitForPass(context, 1000, async () => {
		const request = AbortSignal.any([context.signal, AbortSignal.timeout(5000)]);
		try {
			const response = await fetch(url, {method: 'GET', redirect: 'manual', signal: request});
			await response.body?.cancel();
			return response.status === check.status
				? pass(`GET ${shown} answered ${response.status}`)
				: fail(`GET ${shown} answered ${response.status}, expected ${check.status}`);
		} catch (error) {
			return fail(`GET ${shown} failed: ${requestError(error)}`);
		}
	});
}

function requestError(error: unknown): string {
	const failure = error as Error & {cause?: {code?: string; message?: string}};
	if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
		return 'no answer in time';
	}

	const code = failure.cause?.code;
	if (code === 'ECONNREFUSED') {
		return 'connection refused';
	}

	return code ?? failure.cause?.message ?? failure.message;
}
