/**
 * The real tools checks work with (core/checks/check-tools.ts says what each does): the engine
 * through one connection, this host's sockets, files and processes, fetch, the clock.
 */
import {stat} from 'node:fs/promises';
import net from 'node:net';
import type {CheckTools, PathFacts} from '../../core/checks/check-tools.js';
import {runCommand} from '../command-runner.js';
import {openContainerLogs} from '../container-logs.js';
import type {EngineConnection} from '../docker-client.js';
import {outputText, readEngineOutput} from '../engine-output.js';
import {execInContainer} from './container-exec.js';
import {inspectContainer, inspectContainerState} from './container-inspect.js';
import {describeEngineError} from './engine-error.js';
import {statusCodeOf} from '../engine-failure.js';
import {runningMounts} from './running-mounts.js';

/** Lines of a log read at most: the newest, when a container logs more since the step started. */
const maximumLogLines = 5000;

/** Bytes of a log read at most, however long those lines are. */
const maximumLogBytes = 8 * 1024 * 1024;

/** How long one GET, and one TCP connection attempt, may take before the check tries again. */
const requestTimeoutMs = 5000;
const connectTimeoutMs = 2000;

export function createCheckTools(engine: () => EngineConnection, secrets: readonly string[]): CheckTools {
	return {
		inspectContainer: async (container, signal) => inspectContainerState(engine(), container, signal),
		execInContainer: async (container, argv, signal) => execInContainer(engine(), container, argv, signal),
		async containerLogSince(container, since, signal) {
			const connection = engine();
			const info = await inspectContainer(connection, container, signal);
			const read = await connection.request({signal}, async (docker, abortSignal) => {
				// Seconds with a fraction: the engine reads "seconds.nanoseconds".
				const answer = await openContainerLogs(docker, container, {stdout: true, stderr: true, since: (since / 1000).toFixed(3), tail: maximumLogLines}, abortSignal);
				return readEngineOutput(answer, {tty: Boolean(info.Config?.Tty), maximumBytes: maximumLogBytes, beyondMaximum: 'stop'});
			});
			return outputText(read.chunks);
		},
		describeEngineError(error, container) {
			let endpoint;
			try {
				endpoint = engine().endpoint;
			} catch {
				// The connection that could not be made is what the error says.
			}

			return describeEngineError(error, container, endpoint);
		},
		isMissingContainer: error => statusCodeOf(error) === 404,
		runOnHost: async (argv, options) => runCommand(argv, {...options, secrets, killGraceMilliseconds: 500}),
		httpStatus: async (url, signal) => {
			try {
				const response = await fetch(url, {method: 'GET', redirect: 'manual', signal: AbortSignal.any([signal, AbortSignal.timeout(requestTimeoutMs)])});
				await response.body?.cancel();
				return {status: response.status};
			} catch (error) {
				return {error: requestError(error)};
			}
		},
		connect: async (host, port, signal) => connect(host, port, signal),
		bindPort,
		runningMounts: async signal => runningMounts(engine(), signal),
		hostPath,
		now: () => Date.now(),
		sleep,
	};
}

function requestError(error: unknown): string {
	const failure = error as Error & {cause?: {code?: string; message?: string}};
	if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
		return 'no answer in time';
	}

	const code = failure.cause?.code;
	if (code === 'ECONNREFUSED') {
		return 'connection refused';
	}

	return code ?? failure.cause?.message ?? failure.message;
}

/** true when a TCP connection opens, else why not ("connection refused"). */
async function connect(host: string, port: number, signal: AbortSignal): Promise<true | string> {
	const deadline = AbortSignal.any([signal, AbortSignal.timeout(connectTimeoutMs)]);
	return new Promise(resolve => {
		const socket = net.connect({host, port});
		const finish = (answer: true | string) => {
			deadline.removeEventListener('abort', onAbort);
			socket.destroy();
			resolve(answer);
		};

		const onAbort = () => finish(signal.aborted ? 'stopped' : `no answer within ${connectTimeoutMs / 1000}s`);
		if (deadline.aborted) {
			onAbort();
			return;
		}

		deadline.addEventListener('abort', onAbort, {once: true});
		socket.once('connect', () => finish(true));
		socket.once('error', (error: NodeJS.ErrnoException) => finish(error.code === 'ECONNREFUSED' ? 'connection refused' : error.code ?? error.message));
	});
}

async function bindPort(port: number): Promise<'free' | 'in-use' | 'not-allowed'> {
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

async function hostPath(path: string): Promise<PathFacts | string> {
	try {
		const info = await stat(path);
		return {exists: true, uid: info.uid, gid: info.gid, mode: info.mode & 0o7777, kind: info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other'};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' || code === 'ENOTDIR' ? {exists: false} : `cannot look at ${path} (${code ?? (error as Error).message})`;
	}
}

async function sleep(milliseconds: number, signal: AbortSignal): Promise<void> {
	if (signal.aborted) {
		return;
	}

	await new Promise<void>(resolve => {
		const timer = setTimeout(done, milliseconds);
		signal.addEventListener('abort', done, {once: true});
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
	});
}
