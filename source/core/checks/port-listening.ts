import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {parsePort} from './port-number.js';
import {waitForPass} from './wait-and-retry.js';

/** Something accepts TCP connections on host:port; waits for it up to the deadline. */
export const portListening = defineCheckType({
	type: 'port-listening',
	schema: z => z
		.object({
			type: z.literal('port-listening'),
			port: z.string(),
			host: z.string().default('127.0.0.1'),
			...checkBase(z),
		})
		.strict(),
	waitsItself: true,
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 30,
	describe: check => `something listens on ${check.host}:${check.port}`,
	async run(check, context) {
		const port = parsePort(check.port);
		if (port === undefined) {
			return fail(`"${check.port}" is not a port number (1 to 65535)`);
		}

		return waitForPass(context, 500, async () => {
			const answer = await context.tools.connect(check.host, port, context.signal);
			return answer === true
				? pass(`${check.host}:${port} accepts connections`)
				: fail(`nothing accepts connections on ${check.host}:${port} (${answer})`);
		});
	},
});
