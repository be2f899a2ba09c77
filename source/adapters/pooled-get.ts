/**
 * A GET through an engine connection's pooled agent, without docker-modem. A scan sends two for
 * every container (its inspect answer, its log tail). Through dockerode each carried an abort signal
 * for its timeout, listened for by our wrapper, by node's request, by its answer and by
 * docker-modem: ~0.2 ms of CPU a request, more than the rest of the request (400 requests: ~285 ms
 * through dockerode against ~200 ms here). One timer bounds this one instead; when it fires, the
 * request is destroyed, which frees its connection.
 */
import http from 'node:http';
import type {IncomingMessage} from 'node:http';

/** Where the requests go: the agent that pools the connections, and its socket path or host and port. */
export type GetTarget = {
	readonly agent: http.Agent;
	readonly protocol: 'http:' | 'https:';
	readonly socketPath?: string;
	readonly host?: string;
	readonly port?: number;
};

export type GetDeadline = {
	/** performance.now() by which the answer has to be read. */
	readonly at: number;
	/** The whole timeout, as the error says it. */
	readonly timeoutMs: number;
};

/** The engine refused: its status, and its JSON where it sent some (docker-modem's error shape). */
export type EngineRefusal = Error & {readonly statusCode: number; readonly json?: unknown};

/** What is read of a refusal's body: the engine's message is short. */
const maximumRefusalBytes = 64 * 1024;

/** A request that is given up on: the error it rejects with. */
export function timeoutError(timeoutMs: number): Error {
	return Object.assign(new Error(`timed out after ${timeoutMs} ms`), {code: 'ETIMEDOUT'});
}

/**
 * Sends GET `path`, and hands a 200 answer to `consume`, which reads it. Any other status rejects
 * as an EngineRefusal; a connection that fails or is cut rejects with node's error; past the
 * deadline, with ETIMEDOUT, whatever `consume` is doing.
 */
export async function pooledGet<T>(target: GetTarget, path: string, deadline: GetDeadline, consume: (answer: IncomingMessage) => Promise<T>): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		let settled = false;
		const settle = (error: unknown, value?: T) => {
			if (settled) {
				return;
			}

			settled = true;
			clearTimeout(timer);
			if (error === undefined) {
				resolve(value!);
			} else {
				request.destroy();
				reject(error);
			}
		};

		const request = http.request({...target, path, headers: {}}, answer => {
			const reading = answer.statusCode === 200 ? consume(answer) : refusal(answer);
			reading.then(value => {
				settle(undefined, value);
			}, (error: unknown) => {
				settle(error ?? new Error('the answer could not be read'));
			});
		});
		const timer = setTimeout(() => {
			settle(timeoutError(deadline.timeoutMs));
		}, Math.max(1, Math.ceil(deadline.at - performance.now())));
		request.on('error', error => {
			settle(error);
		});
		request.end();
	});
}

/** Reads `answer` to its end as JSON; an answer that is not JSON is returned as its text. */
export async function readJson(answer: IncomingMessage): Promise<unknown> {
	const text = (await readBody(answer, Number.POSITIVE_INFINITY)).toString();
	return parsedOrUndefined(text) ?? text;
}

function parsedOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

async function refusal(answer: IncomingMessage): Promise<never> {
	const body = await readBody(answer, maximumRefusalBytes);
	const text = body.toString().trim();
	const json = parsedOrUndefined(text);
	const said = (json as {message?: unknown} | undefined)?.message;
	const status = answer.statusCode ?? 0;
	throw Object.assign(new Error(`(HTTP code ${status}) - ${typeof said === 'string' ? said : text}`), {statusCode: status, ...(json === undefined ? {} : {json})});
}

/**
 * The body's bytes, at most `maximumBytes` of them. Past those, reading stops (the answer is
 * paused, not destroyed): the request is settled first, with what was read, and only then
 * destroyed, so the cut connection cannot pass for the request's error.
 */
async function readBody(answer: IncomingMessage, maximumBytes: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let received = 0;
		const onData = (chunk: Buffer) => {
			chunks.push(chunk);
			received += chunk.length;
			if (received >= maximumBytes) {
				answer.off('data', onData);
				answer.pause();
				resolve(Buffer.concat(chunks).subarray(0, maximumBytes));
			}
		};

		answer.on('data', onData);
		answer.on('end', () => {
			resolve(Buffer.concat(chunks));
		});
		answer.on('error', reject);
	});
}
