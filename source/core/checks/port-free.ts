import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {parsePort} from './port-number.js';
import {waitForPass} from './wait-and-retry.js';

/**
 * Nothing on this host holds the port: binding it on all addresses works. Waits a little, since a
 * port is released a moment after its container stops.
 */
export const portFree = defineCheckType({
	type: 'port-free',
	schema: z => z.object({type: z.literal('port-free'), port: z.string(), ...checkBase(z)}).strict(),
	waitsItself: true,
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 10,
	describe: check => `port ${check.port} is free on this host`,
	async run(check, context) {
		const port = parsePort(check.port);
		if (port === undefined) {
			return fail(`"${check.port}" is not a port number (1 to 65535)`);
		}

		const {tools} = context;
		return waitForPass(context, 500, async () => {
			const verdict = await tools.bindPort(port);
			if (verdict === 'free') {
				return pass(`port ${port} is free`);
			}

			if (verdict === 'in-use') {
				return fail(`port ${port} is in use on this host`);
			}

			// Not allowed to bind (a port below 1024 without privileges): see whether anything answers.
			return await tools.connect('127.0.0.1', port, context.signal) === true
				? fail(`port ${port} is in use on this host (something answers on 127.0.0.1:${port})`)
				: pass(`port ${port} looks free (nothing answers on 127.0.0.1:${port}; binding it needs privileges)`);
		});
	},
});
