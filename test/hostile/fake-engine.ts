/**
 * Engines that misbehave, on a unix socket, for the fault suites: one that accepts and never
 * answers, and an HTTP engine whose answers a test writes (an old API version, a container gone
 * between list and inspect, a connection dropped mid-scan, thousands of containers). It counts
 * how many requests are in flight at once, so a test can see the scan's concurrency bound.
 */
import {createServer as createHttpServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer as createNetServer, type Server, type Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {engineVersion, sendJson} from '../../scripts/stand-in-engine.js';

// The wire format's helpers are the build's stand-in engine's: one writer of Docker's answers.
export {engineVersion, logFrames, sendJson} from '../../scripts/stand-in-engine.js';

export type FakeEngine = {
	/** DOCKER_HOST for it: unix:///tmp/.../engine.sock */
	readonly host: string;
	readonly socketPath: string;
	/** Paths requested, in order (query strings left out). */
	readonly requests: string[];
	/** The most requests that were open at the same time. */
	maximumInFlight(): number;
	close(): Promise<void>;
};

export type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

function socketInTemporaryDirectory(): {directory: string; socketPath: string} {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-fake-engine-'));
	return {directory, socketPath: path.join(directory, 'engine.sock')};
}

async function listen(server: Server, socketPath: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => {
			resolve();
		});
	});
}

/** Accepts every connection and never writes a byte. */
export async function startSilentEngine(): Promise<FakeEngine> {
	const {directory, socketPath} = socketInTemporaryDirectory();
	const sockets = new Set<Socket>();
	const requests: string[] = [];
	const server = createNetServer(socket => {
		sockets.add(socket);
		socket.on('data', () => {
			requests.push('(data)');
		});
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	});
	await listen(server, socketPath);
	return {
		host: `unix://${socketPath}`,
		socketPath,
		requests,
		maximumInFlight: () => sockets.size,
		async close() {
			for (const socket of sockets) {
				socket.destroy();
			}

			await new Promise(resolve => {
				server.close(resolve);
			});
			rmSync(directory, {recursive: true, force: true});
		},
	};
}


/** An HTTP engine: `routes` by path pattern; anything else answers 404 the way the engine does. */
export async function startFakeEngine(routes: ReadonlyArray<[RegExp, Route]>): Promise<FakeEngine> {
	const {directory, socketPath} = socketInTemporaryDirectory();
	const requests: string[] = [];
	let inFlight = 0;
	let maximum = 0;
	const server = createHttpServer(async (request, response) => {
		inFlight++;
		maximum = Math.max(maximum, inFlight);
		response.on('close', () => {
			inFlight--;
		});
		const url = new URL(request.url ?? '/', 'http://engine');
		// Clients may prefix a version: /v1.41/containers/json.
		const route = url.pathname.replace(/^\/v\d+\.\d+/, '');
		requests.push(route);
		const match = routes.find(([pattern]) => pattern.test(route));
		if (!match) {
			sendJson(response, 404, {message: `page not found: ${route}`});
			return;
		}

		try {
			await match[1](request, response, url);
		} catch (error) {
			sendJson(response, 500, {message: (error as Error).message});
		}
	});
	server.keepAliveTimeout = 100;
	await listen(server, socketPath);
	return {
		host: `unix://${socketPath}`,
		socketPath,
		requests,
		maximumInFlight: () => maximum,
		async close() {
			server.closeAllConnections();
			await new Promise(resolve => {
				server.close(resolve);
			});
			rmSync(directory, {recursive: true, force: true});
		},
	};
}

/** The routes every scan starts with: ping, version (with the given API version) and info. */
export function engineBasics(apiVersion = '1.41'): Array<[RegExp, Route]> {
	return [
		[/^\/_ping$/, (_request, response) => {
			response.writeHead(200, {'Content-Type': 'text/plain', 'Api-Version': apiVersion});
			response.end('OK');
		}],
		[/^\/version$/, (_request, response) => {
			sendJson(response, 200, {...engineVersion, ApiVersion: apiVersion, MinAPIVersion: apiVersion});
		}],
		[/^\/info$/, (_request, response) => {
			sendJson(response, 200, {ID: 'fake', Containers: 0, SecurityOptions: []});
		}],
	];
}

/** An engine that remembers no events: the past it is asked for is empty. */
export function noEvents(): [RegExp, Route] {
	return [/^\/events$/, (_request, response) => {
		response.writeHead(200, {'Content-Type': 'application/json'});
		response.end();
	}];
}

/** A container whose log is empty. */
export function emptyLogs(id: string): [RegExp, Route] {
	return [new RegExp(`^/containers/${id}/logs$`), (_request, response) => {
		response.writeHead(200);
		response.end();
	}];
}

/** A summary as GET /containers/json lists it. */
export function containerSummary(id: string, name: string, state = 'exited', labels: Record<string, string> = {}): Record<string, unknown> {
	return {Id: id, Names: [`/${name}`], Image: 'busybox', State: state, Status: state, Labels: labels};
}

/** An inspect answer for an exited, failed container. */
export function failedInspect(id: string, name: string, extra: {Env?: string[]; Error?: string; ExitCode?: number} = {}): Record<string, unknown> {
	return {
		Id: id,
		Name: `/${name}`,
		Created: '2026-11-22T10:00:00Z',
		RestartCount: 0,
		State: {Status: 'exited', Running: false, Restarting: false, OOMKilled: false, Dead: false, ExitCode: extra.ExitCode ?? 1, Error: extra.Error ?? '', StartedAt: '2026-11-22T10:00:01Z', FinishedAt: '2026-11-22T10:00:02Z'},
		Config: {Image: 'busybox', Env: extra.Env ?? ['PATH=/bin'], Cmd: ['sh', '-c', 'exit 1'], Labels: {}, Tty: false},
		HostConfig: {Memory: 0, RestartPolicy: {Name: 'no'}, PortBindings: {}},
		Mounts: [],
		NetworkSettings: {Ports: {}, Networks: {bridge: {}}},
	};
}
