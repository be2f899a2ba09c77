/**
 * A small client for the Docker Engine API over node:http, for the few endpoints unblock uses.
 * The first request pings the engine for its API version (the Api-Version header, as the docker
 * CLI negotiates) and every path then carries it (/v1.41/containers/json): unversioned paths are
 * deprecated. An engine that names no version is asked unversioned. A status outside 2xx rejects
 * with EngineStatusError carrying `statusCode` and the engine's message; a request that never got
 * an answer rejects with node's error (`code` ECONNREFUSED, ENOENT, ...), or ETIMEDOUT after
 * `timeoutMs`, or the signal's reason.
 */
import type {IncomingMessage, OutgoingHttpHeaders} from 'node:http';
import type {EngineTransport} from './docker-connection.js';
import {createTransportPool, type TransportPool} from './engine-transport.js';
import type {InspectAnswer} from './container-from-inspect.js';

export type QueryValue = string | number | boolean | undefined;

export type EngineRequest = {
	readonly method?: 'GET' | 'POST' | 'HEAD' | 'DELETE';
	/** Already encoded: /containers/abc/json. */
	readonly path: string;
	readonly query?: Readonly<Record<string, QueryValue>>;
	/** Sent as JSON. */
	readonly body?: unknown;
	readonly signal?: AbortSignal;
	/** For json(): until the whole answer is in; for stream(): until the answer starts. */
	readonly timeoutMs?: number;
	/** A connection of its own, outside the pool (a stream that stays open would hold a pooled one). */
	readonly ownConnection?: boolean;
};

/** The engine answered, with a status that means no. */
export class EngineStatusError extends Error {
	override readonly name = 'EngineStatusError';

	constructor(readonly statusCode: number, message: string) {
		super(message);
	}
}

export type EngineVersion = {
	readonly Version?: string;
	readonly ApiVersion?: string;
	readonly Os?: string;
	readonly Components?: ReadonlyArray<{readonly Name?: string}> | null;
};

export type EngineInfo = {
	readonly SecurityOptions?: readonly string[] | null;
};

/** One entry of GET /containers/json. */
export type ContainerSummary = {
	readonly Id: string;
	readonly Names?: readonly string[] | null;
	readonly State?: string;
	readonly Status?: string;
	readonly Labels?: Readonly<Record<string, string>> | null;
};

export type ExecInspect = {
	readonly Running?: boolean;
	readonly ExitCode?: number | null;
};

export type EngineClientOptions = {
	/** Connections kept open at most; requests beyond it wait for one. */
	readonly maxSockets?: number;
};

/** A JSON answer larger than this is not an answer unblock can use. */
const maximumJsonBytes = 256 * 1024 * 1024;

type Exchange = {
	readonly response: IncomingMessage;
	/** Stops the timer and forgets the signal. */
	readonly settle: () => void;
};

export class EngineClient {
	private readonly pool: TransportPool;
	/** "/v1.41" once the engine said its version; "" for an engine that did not. */
	private prefix: string | undefined;
	private negotiation: Promise<void> | undefined;

	constructor(transport: EngineTransport, options: EngineClientOptions = {}) {
		this.pool = createTransportPool(transport, options.maxSockets ?? 6);
	}

	async json<T>(request: EngineRequest): Promise<T> {
		const {response, settle} = await this.open(request, 'whole answer');
		try {
			const text = await readText(response, maximumJsonBytes);
			return (text === '' ? undefined : JSON.parse(text)) as T;
		} finally {
			settle();
		}
	}

	/** The answer's body as it arrives; destroy it when done. The signal still aborts it. */
	async stream(request: EngineRequest): Promise<IncomingMessage> {
		const {response, settle} = await this.open(request, 'answer start');
		response.once('close', settle);
		return response;
	}

	/** Closes the kept-alive connections and any stream still open. */
	close(): void {
		this.pool.agent.destroy();
		this.pool.dedicatedAgent.destroy();
	}

	/** The engine answers "OK" as plain text, with its API version in a header. */
	async ping(options: CallOptions = {}): Promise<string | undefined> {
		const {response, settle} = await this.open({path: '/_ping', ...options}, 'whole answer');
		try {
			await readText(response, 1024);
			const version = response.headers['api-version'];
			return typeof version === 'string' && /^\d+\.\d+$/.test(version) ? version : undefined;
		} finally {
			settle();
		}
	}

	/** The API version the paths carry, once known. */
	get apiVersion(): string | undefined {
		return this.prefix ? this.prefix.slice(2) : undefined;
	}

	/**
	 * Learns the engine's API version once, with the first request's timeout and signal. A ping
	 * that cannot connect fails that request with the ping's error; one the engine refuses leaves
	 * the paths unversioned.
	 */
	private async negotiate(options: CallOptions): Promise<void> {
		this.negotiation ??= this.ping(options).then(version => {
			this.prefix = version ? `/v${version}` : '';
		}, (error: unknown) => {
			this.negotiation = undefined;
			if (error instanceof EngineStatusError) {
				this.prefix = '';
				return;
			}

			throw error;
		});
		await this.negotiation;
	}

	async version(options: CallOptions = {}): Promise<EngineVersion> {
		return this.json({path: '/version', ...options});
	}

	async info(options: CallOptions = {}): Promise<EngineInfo> {
		return this.json({path: '/info', ...options});
	}

	/** Every container, running or not; `labels` filters ("com.docker.compose.project=shop"). */
	async listContainers(labels: readonly string[] = [], options: CallOptions = {}): Promise<ContainerSummary[]> {
		return this.json({
			path: '/containers/json',
			query: {all: true, ...(labels.length > 0 ? {filters: JSON.stringify({label: labels})} : {})},
			...options,
		});
	}

	async inspectContainer(container: string, options: CallOptions = {}): Promise<InspectAnswer> {
		return this.json({path: `/containers/${encodeURIComponent(container)}/json`, ...options});
	}

	/** The raw log stream: multiplexed frames, or raw bytes for a TTY container. */
	async containerLogs(container: string, query: Readonly<Record<string, QueryValue>>, options: CallOptions = {}): Promise<IncomingMessage> {
		return this.stream({path: `/containers/${encodeURIComponent(container)}/logs`, query, ...options});
	}

	async createExec(container: string, command: readonly string[], options: CallOptions = {}): Promise<string> {
		const created = await this.json<{Id: string}>({
			method: 'POST',
			path: `/containers/${encodeURIComponent(container)}/exec`,
			body: {Cmd: [...command], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false},
			...options,
		});
		return created.Id;
	}

	/**
	 * Starts the exec attached. Without an Upgrade header the engine answers 200 and then sends the
	 * multiplexed output on the connection until the command ends, then closes it.
	 */
	async startExec(exec: string, options: CallOptions = {}): Promise<IncomingMessage> {
		return this.stream({method: 'POST', path: `/exec/${encodeURIComponent(exec)}/start`, body: {Detach: false, Tty: false}, ...options});
	}

	async inspectExec(exec: string, options: CallOptions = {}): Promise<ExecInspect> {
		return this.json({path: `/exec/${encodeURIComponent(exec)}/json`, ...options});
	}

	/** Container and network events from now on, one JSON object a line, on a connection of its own. */
	async events(options: CallOptions = {}): Promise<IncomingMessage> {
		return this.stream({path: '/events', query: {filters: JSON.stringify({type: ['container', 'network']})}, ownConnection: true, ...options});
	}

	/** Sends the request; resolves once a 2xx answer starts, rejects with the engine's message otherwise. */
	private async open(request: EngineRequest, timed: 'whole answer' | 'answer start', retried = false): Promise<Exchange> {
		const {signal, timeoutMs} = request;
		if (signal?.aborted) {
			throw abortError(signal.reason);
		}

		if (this.prefix === undefined && request.path !== '/_ping') {
			await this.negotiate({...(signal ? {signal} : {}), ...(timeoutMs === undefined ? {} : {timeoutMs})});
		}

		const method = request.method ?? 'GET';
		const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body));
		const headers: OutgoingHttpHeaders = body ? {'Content-Type': 'application/json', 'Content-Length': body.length} : {};
		return new Promise<Exchange>((resolve, reject) => {
			const agent = request.ownConnection ? this.pool.dedicatedAgent : this.pool.agent;
			const path = request.path === '/_ping' ? request.path : `${this.prefix ?? ''}${request.path}`;
			const outgoing = this.pool.request({...this.pool.target, agent, method, path: pathWithQuery(path, request.query), headers});
			let response: IncomingMessage | undefined;
			let timer: NodeJS.Timeout | undefined;
			const stop = (error: Error) => {
				outgoing.destroy(error);
				response?.destroy(error);
			};

			const onAbort = () => {
				stop(abortError(signal?.reason));
			};

			const settle = () => {
				clearTimeout(timer);
				signal?.removeEventListener('abort', onAbort);
			};

			signal?.addEventListener('abort', onAbort, {once: true});
			if (timeoutMs !== undefined) {
				timer = setTimeout(() => {
					stop(Object.assign(new Error(`timed out after ${timeoutMs} ms`), {code: 'ETIMEDOUT'}));
				}, timeoutMs);
			}

			outgoing.on('error', (error: NodeJS.ErrnoException) => {
				settle();
				// A kept-alive connection the engine closed while idle fails the next request at once:
				// nothing reached the engine, so asking again on a fresh connection is safe for a read.
				if (!response && !retried && (outgoing as {reusedSocket?: boolean}).reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') && method === 'GET' && !signal?.aborted) {
					resolve(this.open(request, timed, true));
					return;
				}

				reject(error);
			});
			outgoing.on('response', (answer: IncomingMessage) => {
				response = answer;
				// Errors reach whoever reads the body; this keeps one nobody reads from crashing the process.
				answer.on('error', () => undefined);
				const status = answer.statusCode ?? 0;
				if (status >= 200 && status < 300) {
					if (timed === 'answer start') {
						clearTimeout(timer);
					}

					resolve({response: answer, settle});
					return;
				}

				readText(answer, 64 * 1024).then(text => {
					settle();
					reject(new EngineStatusError(status, engineMessage(text, status)));
				}, (error: unknown) => {
					settle();
					reject(error);
				});
			});
			outgoing.end(body);
		});
	}
}

/** What every typed call takes. */
export type CallOptions = Pick<EngineRequest, 'signal' | 'timeoutMs'>;

function pathWithQuery(path: string, query: EngineRequest['query']): string {
	if (!query) {
		return path;
	}

	const parts: string[] = [];
	for (const [key, value] of Object.entries(query)) {
		if (value !== undefined) {
			parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
		}
	}

	return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

/** The engine says why in {"message": "..."}; anything else, its first line, or the status. */
function engineMessage(text: string, status: number): string {
	try {
		const parsed = JSON.parse(text) as {message?: unknown};
		if (typeof parsed.message === 'string' && parsed.message.trim()) {
			return parsed.message.trim();
		}
	} catch {}

	return text.trim().split('\n')[0]?.slice(0, 300) || `the engine answered HTTP ${status}`;
}

async function readText(response: IncomingMessage, maximumBytes: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		response.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maximumBytes) {
				response.destroy(new Error(`the engine's answer is larger than ${maximumBytes} bytes`));
				return;
			}

			chunks.push(chunk);
		});
		response.on('end', () => {
			resolve(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8'));
		});
		response.on('error', reject);
		// Destroyed without an error (the connection closed mid-answer).
		response.on('close', () => {
			if (!response.complete) {
				reject(Object.assign(new Error('the connection closed before the answer was complete'), {code: 'ECONNRESET'}));
			}
		});
	});
}

/** The signal's reason when it says why (a timeout with a code); else an AbortError. */
function abortError(reason: unknown): Error {
	if (reason instanceof Error && typeof (reason as NodeJS.ErrnoException).code === 'string') {
		return reason;
	}

	return Object.assign(new Error('the request was aborted', {cause: reason}), {name: 'AbortError', code: 'ABORT_ERR'});
}
