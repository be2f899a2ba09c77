/**
 * Where the engine is and how to reach it: `--host`, else DOCKER_HOST, else the local socket, the
 * same rules the docker CLI follows (unix, npipe, tcp with optional TLS, ssh), so Podman's
 * Docker-compatible socket works the same way. Also turns connection failures into one typed error
 * with a hint.
 */
import {existsSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {firstPlainLine} from '../core/neutralize-terminal-text.js';

const defaultUnixSocket = '/var/run/docker.sock';

/** The client certificates of a TLS engine (DOCKER_CERT_PATH), where given. */
export type TlsFiles = {
	readonly ca?: Buffer;
	readonly cert?: Buffer;
	readonly key?: Buffer;
};

/** How bytes reach the engine. */
export type EngineTransport =
	/** A unix socket, or a named pipe on Windows (node opens both through socketPath). */
	| {readonly kind: 'socket'; readonly socketPath: string}
	| {readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly tls?: TlsFiles}
	/** `ssh [-l user] [-p port] -- host docker system dial-stdio`, one process per connection. */
	| {readonly kind: 'ssh'; readonly host: string; readonly port?: number; readonly user?: string};

export type EngineAddress = {
	/** As shown to the user: unix:///var/run/docker.sock, tcp://host:2375, ssh://user@host. */
	readonly display: string;
	readonly transport: EngineTransport;
	/** The engine runs on this machine, so bind-mount sources and host sockets can be read here. */
	readonly local: boolean;
};

export type EngineErrorKind = 'unreachable' | 'permission-denied' | 'timeout' | 'bad-host' | 'failed';

/** Why the engine could not be used, with one line for the user and a hint. */
export class EngineError extends Error {
	override readonly name = 'EngineError';

	constructor(
		readonly kind: EngineErrorKind,
		readonly host: string,
		message: string,
		readonly hint: string,
	) {
		super(message);
	}
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Resolves the engine's address. `host` (from --host) wins over DOCKER_HOST. */
export function resolveEngineAddress(host: string | undefined, environment: Environment): EngineAddress {
	const given = (host ?? environment.DOCKER_HOST ?? '').trim();

	if (!given) {
		const socketPath = defaultSocketPath();
		return {display: `unix://${socketPath}`, transport: {kind: 'socket', socketPath}, local: true};
	}

	if (given.startsWith('unix://')) {
		const socketPath = given.slice('unix://'.length) || defaultSocketPath();
		return {display: `unix://${socketPath}`, transport: {kind: 'socket', socketPath}, local: true};
	}

	if (given.startsWith('npipe://')) {
		const socketPath = given.slice('npipe://'.length) || '//./pipe/docker_engine';
		return {display: given, transport: {kind: 'socket', socketPath}, local: true};
	}

	let url: URL;
	try {
		url = new URL(given.includes('//') ? given : `tcp://${given}`);
	} catch {
		throw badHost(given);
	}

	if (url.protocol === 'ssh:') {
		const user = decodeURIComponent(url.username) || undefined;
		const sshHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
		// Both go on ssh's command line: one starting with '-' would be read as an option.
		if (!isSshHost(sshHost) || (user !== undefined && !isSshUser(user))) {
			throw badHost(given);
		}

		return {
			display: `ssh://${url.username ? `${url.username}@` : ''}${url.host}`,
			transport: {kind: 'ssh', host: sshHost, ...(url.port ? {port: Number(url.port)} : {}), ...(user ? {user} : {})},
			local: false,
		};
	}

	if (!['tcp:', 'http:', 'https:'].includes(url.protocol) || !url.hostname) {
		throw badHost(given);
	}

	const tls = Boolean(environment.DOCKER_TLS_VERIFY) || url.port === '2376' || url.protocol === 'https:';
	const port = url.port || (tls ? '2376' : '2375');
	const certificates = environment.DOCKER_CERT_PATH;
	const transport: EngineTransport = {
		kind: 'tcp',
		host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
		port: Number(port),
		...(tls ? {tls: certificates ? readTlsFiles(given, certificates) : {}} : {}),
	};
	const local = ['localhost', '127.0.0.1', '[::1]', '::1'].includes(url.hostname);
	return {display: `tcp://${url.hostname}:${port}`, transport, local};
}

function readTlsFiles(given: string, directory: string): TlsFiles {
	try {
		return {
			ca: readFileSync(path.join(directory, 'ca.pem')),
			cert: readFileSync(path.join(directory, 'cert.pem')),
			key: readFileSync(path.join(directory, 'key.pem')),
		};
	} catch (error) {
		throw new EngineError('bad-host', given, `cannot read the TLS certificates in DOCKER_CERT_PATH (${(error as NodeJS.ErrnoException).code ?? 'error'})`, 'DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem');
	}
}

/** A host name or address ssh gets as one argument: not an option, no space, nothing else. */
export function isSshHost(host: string): boolean {
	return /^[a-zA-Z\d_.:][a-zA-Z\d_.:-]*$/.test(host);
}

export function isSshUser(user: string): boolean {
	return /^[a-zA-Z\d_.][a-zA-Z\d_.@-]*$/.test(user);
}

/** Docker Desktop's per-user socket when it exists (as the docker CLI does), else the system one. */
function defaultSocketPath(): string {
	if (process.platform === 'win32') {
		return '//./pipe/docker_engine';
	}

	const userSocket = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
	return existsSync(userSocket) ? userSocket : defaultUnixSocket;
}

function badHost(given: string): EngineError {
	return new EngineError('bad-host', given, `"${given}" is not an engine address`, 'use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host (in --host or DOCKER_HOST)');
}

const startHint = 'start Docker Desktop or dockerd, or set DOCKER_HOST';

/** The code of the error an ssh connection fails with when ssh exits before the engine answered. */
export const sshDialFailure = 'ERR_SSH_DIAL';

/** Turns whatever the first request failed with into a typed, readable EngineError. */
export function classifyEngineFailure(error: unknown, host: string): EngineError {
	if (error instanceof EngineError) {
		return error;
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const message = error instanceof Error ? error.message : String(error);
	switch (code) {
		case 'ENOENT':
		case 'ECONNREFUSED':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
		case 'ECONNRESET':
		case 'EPIPE': {
			return new EngineError('unreachable', host, `Docker is not reachable at ${host}`, startHint);
		}

		case 'EACCES':
		case 'EPERM': {
			return new EngineError(
				'permission-denied',
				host,
				`permission denied on ${host}`,
				'add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or run rootless Docker/Podman and set DOCKER_HOST',
			);
		}

		case 'ETIMEDOUT':
		case 'ABORT_ERR':
		case 'UND_ERR_CONNECT_TIMEOUT': {
			return timeoutError(host);
		}

		case sshDialFailure: {
			return new EngineError(
				'unreachable',
				host,
				`Docker is not reachable at ${host}: ${firstPlainLine(message, 300)}`,
				'check that `ssh <host> docker system dial-stdio` works from this shell without a prompt (a key in ssh-agent, the host in known_hosts, docker on the remote PATH)',
			);
		}

		default: {
			if (/timeout|timed out|aborted|socket hang up/i.test(message)) {
				return timeoutError(host);
			}

			if (/permission denied/i.test(message)) {
				return classifyEngineFailure(Object.assign(new Error(message), {code: 'EACCES'}), host);
			}

			return new EngineError('failed', host, `the engine at ${host} answered with an error: ${firstPlainLine(message, 300)}`, startHint);
		}
	}
}

/** The engine answered at first, then stopped: requests mid-scan no longer connect and a ping fails. */
export function stoppedAnsweringError(host: string): EngineError {
	return new EngineError('unreachable', host, `Docker at ${host} stopped answering during the scan`, 'check that the engine is still running (docker info), then run unblock diagnose again');
}

const connectionFailureCodes = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ABORT_ERR', 'UND_ERR_CONNECT_TIMEOUT', sshDialFailure]);

/** A request that failed on the way (no connection, dropped, timed out), not one the engine answered with an error. */
export function isConnectionFailure(error: unknown): boolean {
	if ((error as {statusCode?: number} | undefined)?.statusCode !== undefined) {
		return false;
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const message = error instanceof Error ? error.message : String(error);
	return (code !== undefined && connectionFailureCodes.has(code)) || /socket hang up|timed out|timeout/i.test(message);
}

function timeoutError(host: string): EngineError {
	return new EngineError('timeout', host, `Docker at ${host} did not answer in time`, 'check that the engine is running and responsive (docker info), or set DOCKER_HOST to the right engine');
}
