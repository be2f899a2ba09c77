import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {waitForPass} from './wait-and-retry.js';

/**
 * GET url answers with the expected status. Redirects are not followed: the status is what the
 * endpoint itself answers. Waits for it up to the deadline, since a service takes a moment to start.
 */
export const http = defineCheckType({
	type: 'http',
	schema: z => z
		.object({
			type: z.literal('http'),
			url: z.string(),
			status: z.number().int().min(100).max(599).default(200),
			...checkBase(z),
		})
		.strict(),
	waitsItself: true,
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 30,
	describe: check => `GET ${check.url} answers ${check.status}`,
	async run(check, context) {
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
			const answer = await context.tools.httpStatus(url, context.signal);
			if ('error' in answer) {
				return fail(`GET ${shown} failed: ${answer.error}`);
			}

			return answer.status === check.status
				? pass(`GET ${shown} answered ${answer.status}`)
				: fail(`GET ${shown} answered ${answer.status}, expected ${check.status}`);
		});
	},
});
