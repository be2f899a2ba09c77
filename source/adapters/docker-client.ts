/**
 * dockerode, set up for one engine endpoint: kept-alive connections at most `concurrency` at once
 * (a scan's hundreds of requests and every rescan reuse a few sockets), the API version learnt
 * from the engine's ping before the first request (the Api-Version header, as the docker CLI
 * negotiates; unversioned paths are deprecated), every request bounded by a timeout and the
 * caller's signal (even one whose answer the engine cuts short or never finishes), and the event
 * stream on a connection of its own. An ssh endpoint is reached through the system's ssh, one
 * `docker system dial-stdio` per connection, handed to docker-modem as its agent's connections.
 */
import http from 'node:http';
import https from 'node:https';
import type {IncomingMessage} from 'node:http';
import {finished} from 'node:stream/promises';
import {inspect} from 'node:util';
import Docker from 'dockerode';
import {resolveEngineEndpoint, type EngineChoice, type EngineEndpoint, type EngineTransport} from './engine-endpoint.js';
import {classifyEngineFailure, statusCodeOf} from './engine-failure.js';
import {pooledGet, timeoutError, type GetTarget} from './pooled-get.js';
import {SshDialConnection, type SshTarget} from './ssh-dial-stdio.js';

export type RequestOptions = {
	/** For the whole call, including what it reads of a stream. */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
	/**
	 * The call only reads, so it may be sent again: once, when its connection was dropped under it
	 * (a kept-alive connection the engine closed while idle fails the next request at once).
	 * Default true; a call that changes something (an exec) says false.
	 */
	readonly idempotent?: boolean;
};

/**
 * dockerode 5 as unblock calls it: version, info and ping take an abort signal, the client takes an
 * agent and a path prefix, and the modem carries the API version; @types/dockerode, written for
 * dockerode 4, does not list these.
 */
export type Dockerode = Docker & {
	version(options: {abortSignal: AbortSignal}): Promise<unknown>;
	info(options: {abortSignal: AbortSignal}): Promise<unknown>;
	ping(options: {abortSignal: AbortSignal}): Promise<unknown>;
	readonly modem: Docker['modem'] & {version?: string; agent?: http.Agent};
};

type DockerodeOptions = Docker.DockerOptions & {readonly agent?: http.Agent; readonly pathPrefix?: string};

/** An answer read as it arrives (an IncomingMessage). */
export type EngineStream = NodeJS.ReadableStream & {destroy(): void};
/** A streamed answer with its status and headers (an http.IncomingMessage). */
export type EngineResponse = EngineStream & {readonly statusCode?: number; readonly headers: http.IncomingHttpHeaders};

export type ConnectOptions = {
	/** Connections kept open at most; requests beyond it wait for one. */
	readonly concurrency?: number;
};

/**
 * Requests in flight at most, by transport. An engine answers each in ~10 ms mostly spent waiting
 * on containerd, not on its CPU: on a local socket 32 at once scan 200 containers 2-3 times faster
 * than 8 (measured on a 2-core machine). Over ssh each connection is an ssh process and a remote
 * `docker system dial-stdio`, so fewer.
 */
function defaultConcurrency(transport: EngineTransport): number {
	return transport.kind === 'ssh' ? 8 : 32;
}

export class EngineConnection {
	readonly docker: Dockerode;
	/** Requests this connection lets a scan have in flight at once. */
	readonly concurrency: number;
	/** "v1.41" once the engine said its version; "" for an engine that did not. */
	private apiVersion: string | undefined;
	private negotiation: Promise<void> | undefined;
	private eventClient: Dockerode | undefined;
	private readonly getTarget: GetTarget;

	constructor(readonly endpoint: EngineEndpoint, concurrency = defaultConcurrency(endpoint.transport)) {
		this.concurrency = concurrency;
		this.docker = dockerFor(endpoint.transport, {keepAlive: true, maxSockets: concurrency});
		this.getTarget = getTargetFor(endpoint.transport, this.docker.modem.agent!);
	}

	/**
	 * A read a scan makes for every container: GET `path` (as the API names it, unversioned) on a
	 * pooled connection, its 200 answer read by `consume`, all within `timeoutMs`; sent once more
	 * when its connection was dropped under it, as request() does for a read. Cheaper than
	 * request() (see pooled-get.ts); no caller's signal.
	 */
	async get<T>(path: string, timeoutMs: number, consume: (answer: IncomingMessage) => Promise<T>): Promise<T> {
		const deadline = {at: performance.now() + timeoutMs, timeoutMs};
		if (this.apiVersion === undefined) {
			await this.answered(timeoutMs);
		}

		const versioned = this.apiVersion ? `/${this.apiVersion}${path}` : path;
		try {
			return await pooledGet(this.getTarget, versioned, deadline, consume);
		} catch (error) {
			if (!droppedConnection(error)) {
				throw error;
			}

			return pooledGet(this.getTarget, versioned, deadline, consume);
		}
	}

	/**
	 * Runs `call` once the API version is known, bounded by the timeout and the caller's signal:
	 * either aborts the request behind it. A timeout rejects with ETIMEDOUT; an abort with the
	 * signal's reason when it carries a code, else an AbortError.
	 */
	async request<T>(options: RequestOptions, call: (docker: Dockerode, signal: AbortSignal) => Promise<T>): Promise<T> {
		const deadline = options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs);
		// A scan's hundreds of requests have a deadline and no signal of their own: no signal to join it to.
		const signal = deadline && options.signal ? AbortSignal.any([deadline, options.signal]) : deadline ?? options.signal ?? AbortSignal.any([]);
		// The caller's reason when it stopped the request; past the deadline, ETIMEDOUT.
		const reason = () => options.signal?.aborted ? options.signal.reason : timeoutError(options.timeoutMs!);
		let stop: (() => void) | undefined;
		// Given up on when the signal aborts, whether or not the call behind it ever settles.
		const abandoned = new Promise<never>((_resolve, reject) => {
			stop = () => {
				reject(reason());
			};

			signal.addEventListener('abort', stop, {once: true});
		});
		try {
			if (signal.aborted) {
				throw reason();
			}

			return await Promise.race([this.attempt(call, signal, options.idempotent ?? true), abandoned]);
		} catch (error) {
			throw signal.aborted ? abortError(reason(), error) : error;
		} finally {
			signal.removeEventListener('abort', stop!);
		}
	}

	/** The call once the API version is known, and once more if its connection was dropped under it. */
	private async attempt<T>(call: (docker: Dockerode, signal: AbortSignal) => Promise<T>, signal: AbortSignal, idempotent: boolean): Promise<T> {
		await this.negotiate(signal);
		try {
			return await call(this.docker, signal);
		} catch (error) {
			if (!idempotent || signal.aborted || !droppedConnection(error)) {
				throw error;
			}

			return await call(this.docker, signal);
		}
	}

	/** Settles once the engine has answered the ping that tells its API version (asking it, if nobody has yet), within `timeoutMs`. */
	async answered(timeoutMs: number): Promise<void> {
		await this.request({timeoutMs}, async () => undefined);
	}

	/** Whether the engine still answers (the liveness check of a scan). */
	async ping(timeoutMs: number): Promise<void> {
		await this.request({timeoutMs}, async (docker, abortSignal) => docker.ping({abortSignal}));
	}

	/**
	 * Container and network events from now on, one JSON object a line, on a connection of its own
	 * (a pooled one would be held for as long as the stream stays open). The timeout bounds its start
	 * only: the request's signal stays with the stream, so it is passed on until the engine answers.
	 */
	async events(timeoutMs: number): Promise<IncomingMessage> {
		return this.request({timeoutMs}, async (docker, startSignal) => {
			this.eventClient ??= dockerFor(this.endpoint.transport, {keepAlive: false});
			this.eventClient.modem.version = docker.modem.version;
			const starting = new AbortController();
			const abandon = () => {
				starting.abort(startSignal.reason);
			};

			startSignal.addEventListener('abort', abandon, {once: true});
			try {
				return await this.eventClient.getEvents({filters: {type: ['container', 'network']}, abortSignal: starting.signal}) as IncomingMessage;
			} finally {
				startSignal.removeEventListener('abort', abandon);
			}
		});
	}

	/** Closes the kept-alive connections and any stream still open. */
	close(): void {
		for (const client of [this.docker, this.eventClient]) {
			client?.modem.agent?.destroy();
		}
	}

	/**
	 * Learns the engine's API version once, with the first request's signal. A ping that cannot
	 * connect fails that request with the ping's error and is tried again by the next; one the engine
	 * refuses leaves the paths unversioned.
	 */
	private async negotiate(signal: AbortSignal): Promise<void> {
		if (this.apiVersion !== undefined) {
			return;
		}

		this.negotiation ??= pingForApiVersion(this.docker, signal).then(version => {
			this.apiVersion = version ? `v${version}` : '';
			this.docker.modem.version = this.apiVersion || undefined;
		}, (error: unknown) => {
			this.negotiation = undefined;
			if (statusCodeOf(error) === undefined) {
				throw error;
			}

			this.apiVersion = '';
		});
		await this.negotiation;
	}
}

/** Resolves the endpoint and sets up a client for it; throws EngineError for a choice that cannot be used. */
export function connectToEngine(choice: EngineChoice, environment: Readonly<Record<string, string | undefined>>, options: ConnectOptions = {}): EngineConnection {
	const endpoint = resolveEngineEndpoint(choice, environment);
	try {
		return new EngineConnection(endpoint, options.concurrency);
	} catch (error) {
		throw classifyEngineFailure(error, endpoint);
	}
}

/** The ping's Api-Version header: the only answer whose headers matter, so it is read as a stream. */
async function pingForApiVersion(docker: Dockerode, abortSignal: AbortSignal): Promise<string | undefined> {
	const response = await dialStream(docker, {path: '/_ping', abortSignal, statusCodes: {200: true}}) as IncomingMessage;
	const version = response.headers['api-version'];
	// Read to the end, so the connection is back in the pool for the requests that wait for this one.
	await finished(response.resume());
	return typeof version === 'string' && /^\d+\.\d+$/.test(version) ? version : undefined;
}

/**
 * A GET whose answer is read as a stream (a log tail, the ping's headers): docker-modem's dial
 * with isStream, which dockerode's own logs() uses only when following.
 */
export async function dialStream(docker: Dockerode, options: {method?: 'GET' | 'HEAD'; path: string; query?: Record<string, unknown>; abortSignal: AbortSignal; statusCodes: Record<number, boolean | string>}): Promise<EngineResponse> {
	return new Promise((resolve, reject) => {
		docker.modem.dial({
			path: options.query ? `${options.path}?` : options.path,
			method: options.method ?? 'GET',
			...(options.query ? {options: options.query} : {}),
			isStream: true,
			abortSignal: options.abortSignal,
			statusCodes: options.statusCodes,
		}, (error, answer) => {
			if (error) {
				reject(error);
			} else {
				resolve(answer as EngineResponse);
			}
		});
	});
}

/**
 * One dockerode client for the transport. Every connection setting is given, so docker-modem's
 * own reading of DOCKER_HOST (it reads it whatever it is told) cannot pick another engine.
 */
function dockerFor(transport: EngineTransport, poolOptions: http.AgentOptions): Dockerode {
	// Node's agent merges its own options into every request's. A TLS server name given here
	// ('' where there is none) spares it working one out with net.isIP, whose first call compiles
	// an IPv6 pattern: over 5 ms of every engine command.
	const agentOptions = {...poolOptions, servername: transport.kind === 'tcp' && transport.tls && !looksLikeAddress(transport.host) ? transport.host : ''} as http.AgentOptions;
	const unset = {socketPath: undefined, host: undefined, port: undefined, ca: undefined, cert: undefined, key: undefined, timeout: undefined};
	const client = (options: DockerodeOptions) => new Docker({...options, ...(options.agent ? {agent: failingCutAnswers(inspectedByName(options.agent))} : {})}) as Dockerode;
	switch (transport.kind) {
		case 'socket': {
			return client({...unset, socketPath: transport.socketPath, protocol: 'http', agent: new http.Agent(agentOptions)});
		}

		case 'tcp': {
			const {tls} = transport;
			const address = {...unset, host: transport.host, port: transport.port, pathPrefix: '/'};
			if (!tls) {
				return client({...address, protocol: 'http', agent: new http.Agent(agentOptions)});
			}

			const agent = new https.Agent({
				...agentOptions,
				...(tls.ca ? {ca: tls.ca} : {}),
				...(tls.cert ? {cert: tls.cert} : {}),
				...(tls.key ? {key: tls.key} : {}),
				// Verified unless the context itself says SkipTLSVerify, as the docker CLI does.
				rejectUnauthorized: !tls.skipVerify,
			});
			return client({...address, protocol: 'https', agent, ...(tls.ca ? {ca: tls.ca} : {}), ...(tls.cert ? {cert: tls.cert} : {}), ...(tls.key ? {key: tls.key} : {})});
		}

		case 'ssh': {
			// The Host header is for the remote engine, which ignores it.
			return client({...unset, host: 'docker', port: 80, pathPrefix: '/', protocol: 'http', agent: new SshDialAgent(transport, agentOptions)});
		}
	}
}

/** Where pooledGet sends a request: the same agent and address docker-modem's requests use. */
function getTargetFor(transport: EngineTransport, agent: http.Agent): GetTarget {
	switch (transport.kind) {
		case 'socket': {
			return {agent, protocol: 'http:', socketPath: transport.socketPath};
		}

		case 'tcp': {
			return {agent, protocol: transport.tls ? 'https:' : 'http:', host: transport.host, port: transport.port};
		}

		case 'ssh': {
			return {agent, protocol: 'http:', host: 'docker', port: 80};
		}
	}
}

/** An IP address, which TLS does not send as a server name (IPv6 has colons; IPv4 is four numbers). */
function looksLikeAddress(host: string): boolean {
	return host.includes(':') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * docker-modem formats every request's options with util.inspect (showHidden, no depth limit) for
 * its debug log, whether debugging is on or not. The agent among them holds every socket it
 * pools, and inspecting it took ~15 ms a request: a 50-container scan spent most of its time
 * there. Inspected, the agent now shows only its name.
 */
function inspectedByName<Agent extends http.Agent>(agent: Agent): Agent {
	Object.defineProperty(agent, inspect.custom, {value: () => `[${agent.constructor.name}]`});
	return agent;
}

/**
 * docker-modem reads an answer it buffers (inspect, the list) until its end, and is never told of
 * one the engine cut short: the connection closes mid-answer and its callback never comes. Each
 * request through the agent fails then the way Node fails a streamed answer cut short (ECONNRESET,
 * "aborted"), so a read-only call is sent again and a second cut is reported at once.
 */
function failingCutAnswers<Agent extends http.Agent>(agent: Agent): Agent {
	const {addRequest} = agent as unknown as {addRequest(request: http.ClientRequest, options: unknown): void};
	Object.defineProperty(agent, 'addRequest', {
		value(request: http.ClientRequest, options: unknown) {
			request.once('response', (response: IncomingMessage) => {
				response.once('close', () => {
					// docker-modem has called back already for an answer it streams: the error goes unheard.
					if (!response.complete && request.listenerCount('error') > 0) {
						request.emit('error', Object.assign(new Error('aborted'), {code: 'ECONNRESET'}));
					}
				});
			});
			addRequest.call(agent, request, options);
		},
	});
	return agent;
}

/**
 * docker-modem's connections to an engine behind ssh: every new connection is a new
 * `ssh ... docker system dial-stdio` process, which the agent pools and keeps alive like sockets
 * (node's documented way for an agent to supply its own streams).
 */
class SshDialAgent extends http.Agent {
	constructor(private readonly target: SshTarget, options: http.AgentOptions) {
		super(options);
	}

	override createConnection(): SshDialConnection {
		return new SshDialConnection(this.target);
	}
}

function droppedConnection(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code === 'ECONNRESET' || code === 'EPIPE';
}

/** The signal's reason when it says why (a timeout with a code); else an AbortError. */
function abortError(reason: unknown, error: unknown): Error {
	if (reason instanceof Error && typeof (reason as NodeJS.ErrnoException).code === 'string') {
		return reason;
	}

	return Object.assign(new Error('the request was aborted', {cause: reason ?? error}), {name: 'AbortError', code: 'ABORT_ERR'});
}
