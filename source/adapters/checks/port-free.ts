import net from 'node:net';
import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {parsePort} from './port-number.js';
import {connects} from './port-listening.js';
import {waitForPass} from './wait-and-retry.js';

/**
 * Nothing on this host holds the port: binding it on all addresses works. Waits a little, since a
 * port is released a moment after its container stops.
 */
export async function checkPortFree(check: CheckOf<'port-free'>, context: CheckContext): Promise<CheckResult> {
	const port = parsePort(check.port);
	if (port === undefined) {
		return fail(`"${check.port}" is not a port number (1 to 65535)`);
	}

	return waitForPass(context, 500, async () => {
		const verdict = await tryBind(port);
		if (verdict === 'free') {
			return pass(`port ${port} is free`);
		}

		if (verdict === 'in-use') {
			return fail(`port ${port} is in use on this host`);
		}

		// Not allowed to bind (a port below 1024 without privileges): see whether anything answers.
		return await connects('127.0.0.1', port, context.signal)
			? fail(`port ${port} is in use on this host (something answers on 127.0.0.1:${port})`)
			: pass(`port ${port} looks free (nothing answers on 127.0.0.1:${port}; binding it needs privileges)`);
	});
}

async function tryBind(port: number): Promise<'free' | 'in-use' | 'not-allowed'> {
	return new Promise(resolve => {
		const server = net.createServer();
		server.unref();
		server.once('error', (error: NodeJS.ErrnoException) => {
			resolve(error.code === 'EACCES' || error.code === 'EPERM' ? 'not-allowed' : 'in-use');
		});
		// No host: all addresses, IPv6 and IPv4, which is where published ports are bound.
		server.listen({port, exclusive: true}, () => {
			server.close(() => resolve('free'));
		});
	});
}
