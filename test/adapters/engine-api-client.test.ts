import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {EngineClient, EngineStatusError} from '../../source/adapters/engine-api-client.js';

type Handler = (request: IncomingMessage, response: ServerResponse, socket: Socket) => void;

type TestEngine = {
	readonly client: EngineClient;
	/** Connections the server accepted. */
	readonly connections: () => number;
	/** Requests but pings, as "METHOD /path?query", in order. */
	readonly requests: string[];
	readonly pings: () => number;
};

type EngineOptions = {
	readonly maxSockets?: number;
	/** The Api-Version header of the ping's answer; none when undefined. */
	readonly apiVersion?: string;
	/** How the ping is answered when not with 200 OK. */
	readonly ping?: Handler;
};

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
	await Promise.all(cleanups.splice(0).map(async cleanup => cleanup()));
});

/** An HTTP server on a unix socket that answers pings with API 1.41 (unless told otherwise), and a client for it. */
async function engine(handler: Handler, options: EngineOptions = {}): Promise<TestEngine> {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-client-'));
	const socketPath = path.join(directory, 'engine.sock');
	let connections = 0;
	let pings = 0;
	const requests: string[] = [];
	const apiVersion = 'apiVersion' in options ? options.apiVersion : '1.41';
	const server: Server = createServer((request, response) => {
		if (request.url === '/_ping') {
			pings++;
			if (options.ping) {
				options.ping(request, response, request.socket);
				return;
			}

			response.writeHead(200, {'Content-Type': 'text/plain', 'Content-Length': 2, ...(apiVersion ? {'Api-Version': apiVersion} : {})});
			response.end('OK');
			return;
		}

		requests.push(`${request.method} ${request.url}`);
		handler(request, response, request.socket);
	});
	server.on('connection', () => {
		connections++;
	});
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
	const client = new EngineClient({kind: 'socket', socketPath}, {maxSockets: options.maxSockets ?? 4});
	cleanups.push(async () => {
		client.close();
		server.closeAllConnections();
		await new Promise(resolve => server.close(resolve));
		rmSync(directory, {recursive: true, force: true});
	});
	return {client, connections: () => connections, requests, pings: () => pings};
}

function json(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
	response.end(text);
}

async function failure(promise: Promise<unknown>): Promise<Error & {code?: string; statusCode?: number}> {
	try {
		await promise;
	} catch (error) {
		return error as Error & {code?: string; statusCode?: number};
	}

	throw new Error('expected the request to fail');
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) {
		chunks.push(chunk);
	}

	return Buffer.concat(chunks).toString('utf8');
}

describe('requests', () => {
	it('sends the path with its query encoded and parses the JSON answer', async () => {
		const {client, requests} = await engine((_request, response) => {
			json(response, 200, [{Id: 'abc', Names: ['/shop-db-1']}]);
		});
		const listed = await client.listContainers(['com.docker.compose.project=shop']);
		expect(listed).toEqual([{Id: 'abc', Names: ['/shop-db-1']}]);
		expect(requests).toEqual(['GET /v1.41/containers/json?all=true&filters=%7B%22label%22%3A%5B%22com.docker.compose.project%3Dshop%22%5D%7D']);
	});

	it('pings an engine that answers in plain text, and hears its API version', async () => {
		const {client, pings} = await engine(() => undefined, {apiVersion: '1.24'});
		expect(await client.ping()).toBe('1.24');
		expect(pings()).toBe(1);
	});

	it('asks for the API version once, before the first request, and puts it in every path', async () => {
		const {client, requests, pings} = await engine((_request, response) => {
			json(response, 200, {});
		}, {apiVersion: '1.43'});
		await Promise.all([client.version(), client.info(), client.inspectContainer('a')]);
		await client.inspectContainer('b');
		expect(pings()).toBe(1);
		expect(client.apiVersion).toBe('1.43');
		expect(requests.sort()).toEqual(['GET /v1.43/containers/a/json', 'GET /v1.43/containers/b/json', 'GET /v1.43/info', 'GET /v1.43/version']);
	});

	it.each([
		['names no version', {apiVersion: undefined}],
		['names something else', {apiVersion: '1.41; rm -rf /'}],
		['refuses the ping', {ping: ((_request, response) => {
			json(response, 404, {message: 'page not found'});
		}) as Handler}],
	])('an engine that %s is asked unversioned', async (_name, options) => {
		const {client, requests} = await engine((_request, response) => {
			json(response, 200, {});
		}, options);
		await client.version();
		expect(requests).toEqual(['GET /version']);
	});

	it('a ping that cannot connect fails the request with its error, and is tried again by the next', async () => {
		let refuse = true;
		const {client, requests, pings} = await engine((_request, response) => {
			json(response, 200, {ok: true});
		}, {ping(_request, response, socket) {
			if (refuse) {
				socket.destroy();
				return;
			}

			response.writeHead(200, {'Api-Version': '1.41', 'Content-Length': 2});
			response.end('OK');
		}});
		const error = await failure(client.version());
		expect(error.code).toBe('ECONNRESET');
		expect(requests).toEqual([]);
		refuse = false;
		expect(await client.version()).toEqual({ok: true});
		expect([pings(), requests]).toEqual([2, ['GET /v1.41/version']]);
	});

	it('encodes a container reference as one path segment', async () => {
		const {client, requests} = await engine((_request, response) => {
			json(response, 200, {Id: 'x'});
		});
		await client.inspectContainer('a/../../images?x');
		expect(requests).toEqual(['GET /v1.41/containers/a%2F..%2F..%2Fimages%3Fx/json']);
	});

	it('sends a JSON body with its length', async () => {
		let received = '';
		const {client} = await engine((request, response) => {
			request.setEncoding('utf8');
			request.on('data', (text: string) => {
				received += text;
			});
			request.on('end', () => {
				json(response, 201, {Id: 'exec-1'});
			});
		});
		expect(await client.createExec('shop-db-1', ['pg_isready', '-U', 'app'])).toBe('exec-1');
		expect(JSON.parse(received)).toEqual({Cmd: ['pg_isready', '-U', 'app'], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false});
	});

	it('reads an answer that arrives in chunks', async () => {
		const {client} = await engine((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json'});
			const text = JSON.stringify({Version: '20.10.24', ApiVersion: '1.41', Os: 'linux'});
			response.write(text.slice(0, 5));
			setTimeout(() => {
				response.write(text.slice(5, 20));
				setTimeout(() => response.end(text.slice(20)), 5);
			}, 5);
		});
		expect(await client.version()).toEqual({Version: '20.10.24', ApiVersion: '1.41', Os: 'linux'});
	});

	it('streams an answer as it arrives', async () => {
		const {client} = await engine((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'});
			response.write('first ');
			setTimeout(() => response.end('second'), 10);
		});
		const stream = await client.containerLogs('abc', {stdout: true, tail: 10});
		expect(await readAll(stream)).toBe('first second');
	});
});

describe('errors', () => {
	it.each([
		['the engine\'s message', 404, JSON.stringify({message: 'No such container: gone1'}), 'No such container: gone1'],
		['the first line of a text answer', 500, 'engine exploded\nat line 2', 'engine exploded'],
		['the status of an empty answer', 500, '', 'the engine answered HTTP 500'],
	])('a status outside 2xx rejects with its code and %s', async (_name, status, body, message) => {
		const {client} = await engine((_request, response) => {
			response.writeHead(status, {'Content-Length': Buffer.byteLength(body)});
			response.end(body);
		});
		const error = await failure(client.inspectContainer('gone1'));
		expect(error).toBeInstanceOf(EngineStatusError);
		expect([error.statusCode, error.message]).toEqual([status, message]);
	});

	it('a stream that is refused rejects the same way', async () => {
		const {client} = await engine((_request, response) => {
			json(response, 409, {message: 'container abc is not running'});
		});
		const error = await failure(client.startExec('exec-1'));
		expect([error.statusCode, error.message]).toEqual([409, 'container abc is not running']);
	});

	it('no socket: the connection error with its code', async () => {
		const client = new EngineClient({kind: 'socket', socketPath: '/nonexistent/docker.sock'});
		const error = await failure(client.ping());
		expect(error.code).toBe('ENOENT');
	});

	it('an answer cut off midway rejects', async () => {
		const {client} = await engine((_request, response, socket) => {
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': 100});
			response.write('{"Id": "ab');
			setTimeout(() => socket.destroy(), 10);
		});
		const error = await failure(client.inspectContainer('abc'));
		expect(error.code).toBe('ECONNRESET');
	});
});

describe('timeouts and aborts', () => {
	it('gives up after timeoutMs with ETIMEDOUT', async () => {
		const {client} = await engine(() => undefined);
		const error = await failure(client.version({timeoutMs: 50}));
		expect([error.code, error.message]).toEqual(['ETIMEDOUT', 'timed out after 50 ms']);
	});

	it('a JSON answer that stalls midway times out too', async () => {
		const {client} = await engine((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.write('{"Id":');
		});
		const error = await failure(client.inspectContainer('abc', {timeoutMs: 50}));
		expect(error.code).toBe('ETIMEDOUT');
	});

	it('an aborted signal stops the request with an AbortError', async () => {
		const {client} = await engine(() => undefined);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 20);
		const error = await failure(client.version({signal: controller.signal}));
		expect([error.name, error.code]).toEqual(['AbortError', 'ABORT_ERR']);
	});

	it('the signal\'s own reason wins when it carries a code', async () => {
		const {client} = await engine(() => undefined);
		const reason = Object.assign(new Error('timed out after 8000 ms'), {code: 'ETIMEDOUT'});
		const error = await failure(client.version({signal: AbortSignal.abort(reason)}));
		expect(error).toBe(reason);
	});

	it('a signal aborted before the request sends nothing', async () => {
		const {client, requests} = await engine((_request, response) => {
			json(response, 200, {});
		});
		const error = await failure(client.version({signal: AbortSignal.abort()}));
		expect(error.name).toBe('AbortError');
		expect(requests).toEqual([]);
	});

	it('aborting ends a stream that is being read', async () => {
		const {client} = await engine((_request, response) => {
			response.writeHead(200);
			response.write('first line\n');
		});
		const controller = new AbortController();
		const stream = await client.containerLogs('abc', {follow: true}, {signal: controller.signal});
		const read = readAll(stream);
		setTimeout(() => controller.abort(), 20);
		const error = await failure(read);
		expect(error.name).toBe('AbortError');
	});
});

describe('connections', () => {
	it('keeps one connection alive for requests one after another', async () => {
		const {client, connections} = await engine((_request, response) => {
			json(response, 200, {ok: true});
		});
		for (let index = 0; index < 5; index++) {
			await client.inspectContainer(`c${index}`);
		}

		expect(connections()).toBe(1);
	});

	it('opens at most maxSockets connections, however many requests wait', async () => {
		let open = 0;
		let mostOpen = 0;
		const {client, connections} = await engine((_request, response) => {
			open++;
			mostOpen = Math.max(mostOpen, open);
			setTimeout(() => {
				open--;
				json(response, 200, {ok: true});
			}, 5);
		}, {maxSockets: 3});
		await Promise.all(Array.from({length: 12}, async (_, index) => client.inspectContainer(`c${index}`)));
		expect(connections()).toBe(3);
		expect(mostOpen).toBe(3);
	});

	it('asks again on a fresh connection when a kept-alive one was closed under it', async () => {
		const served = new WeakMap<Socket, number>();
		const {client, connections} = await engine((_request, response, socket) => {
			const count = (served.get(socket) ?? 0) + 1;
			served.set(socket, count);
			// Every connection's second request finds it closed, as when the engine dropped it while idle.
			if (count === 2) {
				socket.destroy();
				return;
			}

			json(response, 200, {count});
		}, {maxSockets: 1});
		expect(await client.inspectContainer('a')).toEqual({count: 1});
		expect(await client.inspectContainer('b')).toEqual({count: 1});
		expect(connections()).toBe(2);
	});

	it('does not send a POST twice', async () => {
		const served = new WeakMap<Socket, number>();
		const {client, requests} = await engine((_request, response, socket) => {
			const count = (served.get(socket) ?? 0) + 1;
			served.set(socket, count);
			if (count === 2) {
				socket.destroy();
				return;
			}

			json(response, 201, {Id: 'exec-1'});
		}, {maxSockets: 1});
		await client.createExec('a', ['true']);
		const error = await failure(client.createExec('a', ['true']));
		expect(error.code).toBe('ECONNRESET');
		expect(requests.filter(request => request.startsWith('POST'))).toHaveLength(2);
	});

	it('a stream of its own does not take a pooled connection', async () => {
		const {client, connections} = await engine((request, response) => {
			if (request.url?.startsWith('/events')) {
				response.writeHead(200, {'Content-Type': 'application/json'});
				response.write('');
				return;
			}

			json(response, 200, {ok: true});
		}, {maxSockets: 1});
		const events = await client.events();
		expect(await client.inspectContainer('a')).toEqual({ok: true});
		expect(connections()).toBe(2);
		events.destroy();
	});
});
