import net from 'node:net';
import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {parsePort} from './port-number.js';
import {waitForPass} from './wait-and-retry.js';

/** Something accepts TCP connections on host:port; waits for it up to the deadline. */
export async function checkPortListening(check: CheckOf<'port-listening'>, context: CheckContext): Promise<CheckResult> {
	const port = parsePort(check.port);
	if (port === undefined) {
		return fail(`"${check.port}" is not a port number (1 to 65535)`);
	}

	let lastError = '';
	return waitForPass(context, 500, async () => {
		const answer = await connect(check.host, port, context.signal);
		if (answer === true) {
			return pass(`${check.host}:${port} accepts connections`);
		}

		lastError = answer;
		return fail(`nothing accepts connections on ${check.host}:${port} (${lastError})`);
	});
}

export async function connects(host: string, port: number, signal: AbortSignal): Promise<boolean> {
	return (await connect(host, port, signal)) === true;
}

/** true when a TCP connection opens, else why not ("connection refused"). */
async function connect(host: string, port: number, signal: AbortSignal): Promise<true | string> {
	return new Promise(resolve => {
		const socket = net.connect({host, port});
		const finish = (answer: true | string) => {
			clearTimeout(timer);
			signal.removeEventListener('abort', onAbort);
			socket.destroy();
			resolve(answer);
		};

		const onAbort = () => finish('stopped');
		const timer = setTimeout(() => finish('no answer within 2s'), 2000);
		signal.addEventListener('abort', onAbort, {once: true});
		socket.once('connect', () => finish(true));
		socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'connection refused' : error.code ?? error.message));
	});
}
