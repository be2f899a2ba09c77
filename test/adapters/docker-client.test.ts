import {execFileSync, spawnSync} from 'node:child_process';
import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import https from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type {TLSSocket} from 'node:tls';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {connectToEngine, EngineConnection} from '../../source/adapters/docker-client.js';
import {readJson} from '../../source/adapters/pooled-get.js';
import {engineErrorMessage} from '../../source/adapters/engine-failure.js';

type Handler = (request: IncomingMessage, response: ServerResponse, socket: Socket) => void;

type TestEngine = {
	readonly connection: EngineConnection;
	/** Connections the server accepted. */
	readonly connections: () => number;
	/** Requests but pings, as "METHOD /path?query", in order. */
	readonly requests: string[];
	readonly pings: () => number;
};

type EngineOptions = {
	readonly concurrency?: number;
	/** The Api-Version header of the ping's answer; none when undefined. */
	readonly apiVersion?: string;
	/** How the ping is answered when not with 200 OK. */
	readonly ping?: Handler;
};

const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
	await Promise.all(cleanups.splice(0).map(async cleanup => cleanup()));
});

/** An HTTP server on a unix socket that answers pings with API 1.41 (unless told otherwise), and a connection to it. */
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
	const connection = connectToEngine({host: `unix://${socketPath}`}, {}, {concurrency: options.concurrency ?? 4});
	cleanups.push(async () => {
		connection.close();
		server.closeAllConnections();
		await new Promise(resolve => server.close(resolve));
		rmSync(directory, {recursive: true, force: true});
	});
	return {connection, connections: () => connections, requests, pings: () => pings};
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

const inspect = async (connection: EngineConnection, id: string, options: {timeoutMs?: number; signal?: AbortSignal} = {}) =>
	connection.request(options, async (docker, abortSignal) => docker.getContainer(id).inspect({abortSignal}));

/** A container's inspect answer, read one way or the other: what holds for reads holds for both. */
type Read = (connection: EngineConnection, id: string, options?: {timeoutMs?: number}) => Promise<unknown>;
const reads: Array<[string, Read]> = [
	['through dockerode', inspect],
	['through get', async (connection, id, {timeoutMs = 10_000} = {}) => connection.get(`/containers/${id}/json`, timeoutMs, readJson)],
];

describe('API version negotiation', () => {
	it('asks for the API version once, before the first request, and puts it in every path', async () => {
		const {connection, requests, pings} = await engine((_request, response) => {
			json(response, 200, {});
		}, {apiVersion: '1.43'});
		await Promise.all([
			connection.request({}, async (docker, abortSignal) => docker.version({abortSignal})),
			connection.request({}, async (docker, abortSignal) => docker.info({abortSignal})),
			inspect(connection, 'a'),
			connection.get('/containers/c/json', 1000, readJson),
		]);
		await inspect(connection, 'b');
		expect(pings()).toBe(1);
		expect(requests.sort()).toEqual(['GET /v1.43/containers/a/json', 'GET /v1.43/containers/b/json', 'GET /v1.43/containers/c/json', 'GET /v1.43/info', 'GET /v1.43/version']);
	});

	it.each([
		['names no version', {apiVersion: undefined}],
		['names something else', {apiVersion: '1.41; rm -rf /'}],
		['refuses the ping', {ping: ((_request, response) => {
			json(response, 404, {message: 'page not found'});
		}) as Handler}],
	])('an engine that %s is asked unversioned', async (_name, options) => {
		const {connection, requests} = await engine((_request, response) => {
			json(response, 200, {});
		}, options);
		await connection.request({}, async (docker, abortSignal) => docker.version({abortSignal}));
		await connection.get('/containers/a/json', 1000, readJson);
		expect(requests).toEqual(['GET /version', 'GET /containers/a/json']);
	});

	it.each(reads)('%s: a ping that cannot connect fails the request with its error, and is tried again by the next', async (_path, read) => {
		let refuse = true;
		const {connection, requests, pings} = await engine((_request, response) => {
			json(response, 200, {ok: true});
		}, {ping(_request, response, socket) {
			if (refuse) {
				socket.destroy();
				return;
			}

			response.writeHead(200, {'Api-Version': '1.41', 'Content-Length': 2});
			response.end('OK');
		}});
		const error = await failure(read(connection, 'a'));
		expect(error.code).toBe('ECONNRESET');
		expect(requests).toEqual([]);
		refuse = false;
		expect(await read(connection, 'a')).toEqual({ok: true});
		expect([pings(), requests]).toEqual([2, ['GET /v1.41/containers/a/json']]);
	});
});

describe('timeouts and aborts', () => {
	it.each(reads)('%s: gives up after timeoutMs with ETIMEDOUT', async (_path, read) => {
		const {connection} = await engine(() => undefined);
		const error = await failure(read(connection, 'a', {timeoutMs: 50}));
		expect([error.code, error.message]).toEqual(['ETIMEDOUT', 'timed out after 50 ms']);
	});

	it.each(reads)('%s: bounds the ping too, when the engine never answers it', async (_path, read) => {
		const {connection} = await engine(() => undefined, {ping: () => undefined});
		expect((await failure(read(connection, 'a', {timeoutMs: 50}))).code).toBe('ETIMEDOUT');
	});

	it.each(reads)('%s: gives up after timeoutMs on an answer that began and never ends', async (_path, read) => {
		const {connection} = await engine((_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': 100});
			response.write('{"Id": "a", ');
		});
		const error = await failure(read(connection, 'a', {timeoutMs: 50}));
		expect([error.code, error.message]).toEqual(['ETIMEDOUT', 'timed out after 50 ms']);
	});

	it('gives up after timeoutMs whatever the call does: one that never settles too', async () => {
		const {connection} = await engine(() => undefined);
		const error = await failure(connection.request({timeoutMs: 50}, async () => new Promise(() => undefined)));
		expect([error.code, error.message]).toEqual(['ETIMEDOUT', 'timed out after 50 ms']);
	});

	it('an aborted signal stops the request with an AbortError', async () => {
		const {connection} = await engine(() => undefined);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 20);
		const error = await failure(inspect(connection, 'a', {signal: controller.signal}));
		expect([error.name, error.code]).toEqual(['AbortError', 'ABORT_ERR']);
	});

	it.each(reads)('%s: an answer the engine refused carries its status and message', async (_path, read) => {
		const {connection} = await engine((_request, response) => {
			json(response, 404, {message: 'No such container: a'});
		});
		const error = await failure(read(connection, 'a'));
		expect([error.statusCode, (error as {json?: {message?: string}}).json?.message, engineErrorMessage(error)]).toEqual([404, 'No such container: a', 'No such container: a']);
	});

	it.each(reads)('%s: a refusal with a long body (a proxy\'s error page) is a refusal, asked for once', async (_path, read) => {
		const {connection, requests} = await engine((_request, response) => {
			response.writeHead(404, {'Content-Type': 'text/html'});
			response.end(`<html><body>${'not here '.repeat(25_000)}</body></html>`);
		});
		const error = await failure(read(connection, 'a'));
		expect([error.statusCode, requests]).toEqual([404, ['GET /v1.41/containers/a/json']]);
	});

	it.each(reads)('%s: a refusal that is not JSON is said in the engine\'s words', async (_path, read) => {
		const {connection} = await engine((_request, response) => {
			response.writeHead(502, {'Content-Type': 'text/plain'});
			response.end('Bad Gateway\n');
		});
		const error = await failure(read(connection, 'a'));
		expect([error.statusCode, engineErrorMessage(error)]).toEqual([502, 'Bad Gateway']);
	});
});

describe('connections', () => {
	it('keeps one connection alive for requests one after another, whichever way they are sent', async () => {
		const {connection, connections} = await engine((_request, response) => {
			json(response, 200, {ok: true});
		});
		for (let index = 0; index < 6; index++) {
			await reads[index % 2]![1](connection, `c${index}`);
		}

		expect(connections()).toBe(1);
	});

	it.each(reads)('%s: a refusal leaves its connection for the next request', async (_path, read) => {
		const {connection, connections} = await engine((request, response) => {
			json(response, request.url?.includes('/gone/') ? 404 : 200, request.url?.includes('/gone/') ? {message: 'No such container: gone'} : {ok: true});
		}, {concurrency: 1});
		expect((await failure(read(connection, 'gone'))).statusCode).toBe(404);
		expect(await read(connection, 'a')).toEqual({ok: true});
		expect(connections()).toBe(1);
	});

	it('opens at most `concurrency` connections, however many requests wait', async () => {
		let open = 0;
		let mostOpen = 0;
		const {connection, connections} = await engine((_request, response) => {
			open++;
			mostOpen = Math.max(mostOpen, open);
			setTimeout(() => {
				open--;
				json(response, 200, {ok: true});
			}, 5);
		}, {concurrency: 3});
		await Promise.all(Array.from({length: 12}, async (_, index) => reads[index % 2]![1](connection, `c${index}`)));
		expect(connections()).toBe(3);
		expect(mostOpen).toBe(3);
	});

	/** Every connection's second request finds it closed, as when the engine dropped it while idle. */
	function droppingSecondRequests(status: number): Handler {
		const served = new WeakMap<Socket, number>();
		return (_request, response, socket) => {
			const count = (served.get(socket) ?? 0) + 1;
			served.set(socket, count);
			if (count === 2) {
				socket.destroy();
				return;
			}

			json(response, status, status === 201 ? {Id: 'exec-1'} : {count});
		};
	}

	it.each(reads)('%s: asks again on a fresh connection when a kept-alive one was closed under a read', async (_path, read) => {
		const {connection, connections} = await engine(droppingSecondRequests(200), {concurrency: 1});
		expect(await read(connection, 'a')).toEqual({count: 1});
		expect(await read(connection, 'b')).toEqual({count: 1});
		expect(connections()).toBe(2);
	});

	/** Half the answer, then the connection closed: an engine that dies mid-answer. */
	const cutShort: Handler = (_request, response, socket) => {
		const body = JSON.stringify({Id: 'a', State: {Status: 'running'}});
		response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': body.length});
		response.write(body.slice(0, 10), () => socket.destroy());
	};

	it.each(reads)('%s: a read whose answer is cut off mid-body is asked once more, then fails at once as a dropped connection', async (_path, read) => {
		const {connection, requests} = await engine(cutShort);
		// Well within the timeout: docker-modem alone would wait for the end of the body until it.
		const error = await failure(read(connection, 'a', {timeoutMs: 30_000}));
		expect([error.code, error.message]).toEqual(['ECONNRESET', 'aborted']);
		expect(requests).toEqual(['GET /v1.41/containers/a/json', 'GET /v1.41/containers/a/json']);
	});

	it.each(reads)('%s: a read whose answer was cut off once is answered the second time', async (_path, read) => {
		let cut = false;
		const {connection} = await engine((request, response, socket) => {
			if (!cut) {
				cut = true;
				cutShort(request, response, socket);
				return;
			}

			json(response, 200, {Id: 'a'});
		});
		expect(await read(connection, 'a', {timeoutMs: 30_000})).toEqual({Id: 'a'});
	});

	it('does not send a call that changes something twice', async () => {
		const {connection, requests} = await engine(droppingSecondRequests(201), {concurrency: 1});
		const exec = async () => connection.request({idempotent: false}, async (docker, abortSignal) => docker.getContainer('a').exec({Cmd: ['true'], abortSignal}));
		await exec();
		expect((await failure(exec())).code).toBe('ECONNRESET');
		expect(requests.filter(request => request.startsWith('POST'))).toHaveLength(2);
	});

	it('follows events on a connection of its own, not a pooled one', async () => {
		const {connection, connections, requests} = await engine((request, response) => {
			if (request.url?.includes('/events')) {
				response.writeHead(200, {'Content-Type': 'application/json'});
				response.write('');
				return;
			}

			json(response, 200, {ok: true});
		}, {concurrency: 1});
		const events = await connection.events(1000);
		expect(await inspect(connection, 'a')).toEqual({ok: true});
		expect(connections()).toBe(2);
		expect(requests[0]).toBe(`GET /v1.41/events?filters=${encodeURIComponent(JSON.stringify({type: ['container', 'network']}))}`);
		events.destroy();
	});
});

const openssl = spawnSync('openssl', ['version']).status === 0;

/** A CA, a server certificate for localhost and a client certificate, as `docker-machine` lays them out. */
function makeCertificates(directory: string): void {
	const run = (args: string[]) => execFileSync('openssl', args, {cwd: directory, stdio: 'ignore'});
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	run(['req', '-x509', ...ec, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=unblock test CA']);
	writeFileSync(path.join(directory, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
	writeFileSync(path.join(directory, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
	run(['req', ...ec, '-keyout', 'server-key.pem', '-out', 'server.csr', '-subj', '/CN=localhost']);
	run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'server-cert.pem', '-days', '1', '-extfile', 'server.ext']);
	run(['req', ...ec, '-keyout', 'key.pem', '-out', 'client.csr', '-subj', '/CN=client']);
	run(['x509', '-req', '-in', 'client.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', 'cert.pem', '-days', '1', '-extfile', 'client.ext']);
}

describe.skipIf(!openssl)('an engine on tcp with TLS', () => {
	let directory = '';
	let server: https.Server;
	let port = 0;
	const clients: string[] = [];
	const version = async (connection: EngineConnection) => {
		try {
			return await connection.request({}, async (docker, abortSignal) => docker.version({abortSignal}));
		} finally {
			connection.close();
		}
	};

	beforeAll(async () => {
		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-tls-'));
		makeCertificates(directory);
		const read = (name: string) => readFileSync(path.join(directory, name));
		// Like dockerd with --tlsverify: only clients with a certificate from its CA get in.
		server = https.createServer({key: read('server-key.pem'), cert: read('server-cert.pem'), ca: read('ca.pem'), requestCert: true, rejectUnauthorized: true}, (request, response) => {
			const subject = (request.socket as TLSSocket).getPeerCertificate().subject as {CN?: string} | undefined;
			clients.push(subject?.CN ?? '');
			json(response, 200, request.url === '/_ping' ? 'OK' : {Version: '20.10.24', ApiVersion: '1.41'});
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});

	afterAll(async () => {
		server.closeAllConnections();
		await new Promise(resolve => server.close(resolve));
		rmSync(directory, {recursive: true, force: true});
	});

	it('connects with DOCKER_CERT_PATH\'s client certificate and verifies the server by its CA', async () => {
		const connection = connectToEngine({}, {HOME: '/nonexistent', DOCKER_HOST: `tcp://localhost:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: directory});
		expect(await version(connection)).toEqual({Version: '20.10.24', ApiVersion: '1.41'});
		expect(clients.at(-1)).toBe('client');
	});

	it('reads a scan makes go over the same verified connection', async () => {
		const connection = connectToEngine({}, {HOME: '/nonexistent', DOCKER_HOST: `tcp://localhost:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: directory});
		try {
			expect(await connection.get('/containers/a/json', 5000, readJson)).toEqual({Version: '20.10.24', ApiVersion: '1.41'});
		} finally {
			connection.close();
		}

		expect(clients.at(-1)).toBe('client');
	});

	it('connects with the TLS files of a docker context', async () => {
		const config = path.join(directory, 'config');
		const id = createHash('sha256').update('secure').digest('hex');
		mkdirSync(path.join(config, 'contexts', 'meta', id), {recursive: true});
		mkdirSync(path.join(config, 'contexts', 'tls', id, 'docker'), {recursive: true});
		writeFileSync(path.join(config, 'contexts', 'meta', id, 'meta.json'), JSON.stringify({Name: 'secure', Endpoints: {docker: {Host: `tcp://localhost:${port}`, SkipTLSVerify: false}}}));
		for (const name of ['ca.pem', 'cert.pem', 'key.pem']) {
			writeFileSync(path.join(config, 'contexts', 'tls', id, 'docker', name), readFileSync(path.join(directory, name)));
		}

		const connection = connectToEngine({context: 'secure'}, {HOME: '/nonexistent', DOCKER_CONFIG: config});
		expect(await version(connection)).toEqual({Version: '20.10.24', ApiVersion: '1.41'});
		expect(clients.at(-1)).toBe('client');
	});

	it('refuses a server its CA did not sign', async () => {
		const connection = connectToEngine({host: `tcp://localhost:${port}`}, {HOME: '/nonexistent', DOCKER_TLS_VERIFY: '1'});
		const error = await failure(version(connection));
		expect(error.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
	});
});
