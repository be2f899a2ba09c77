/**
 * Which engine to talk to, found the way the docker CLI finds it: `--context`, else `--host`,
 * else DOCKER_HOST, else DOCKER_CONTEXT, else config.json's current context, else the platform's
 * socket; where that socket does not exist, the first socket found where Docker Desktop, Colima,
 * Rancher Desktop or Podman put theirs. An address is unix, npipe, tcp (TLS from DOCKER_TLS_VERIFY
 * and DOCKER_CERT_PATH, or from the context's own files) or ssh.
 */
import {readFileSync, statSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {ContextStoreError, currentContextName, defaultContextName, readContextEndpoint} from './docker-contexts.js';
import {EngineError, type EngineLocation, type EngineSource} from './engine-failure.js';

/** The client certificates of a TLS engine, where given. */
export type TlsFiles = {
	readonly ca?: Buffer;
	readonly cert?: Buffer;
	readonly key?: Buffer;
	/** The context says not to verify the server (SkipTLSVerify). */
	readonly skipVerify?: boolean;
};

/** How bytes reach the engine. */
export type EngineTransport =
	/** A unix socket, or a named pipe on Windows (node opens both through socketPath). */
	| {readonly kind: 'socket'; readonly socketPath: string}
	| {readonly kind: 'tcp'; readonly host: string; readonly port: number; readonly tls?: TlsFiles}
	/** `ssh [-l user] [-p port] -- host docker system dial-stdio`, one process per connection. */
	| {readonly kind: 'ssh'; readonly host: string; readonly port?: number; readonly user?: string};

export type EngineEndpoint = EngineLocation & {
	readonly transport: EngineTransport;
	/** The engine runs on this machine, so bind-mount sources and host sockets can be read here. */
	readonly local: boolean;
};

/** What the command line says: --host and --context. */
export type EngineChoice = {
	readonly host?: string;
	readonly context?: string;
};

type Environment = Readonly<Record<string, string | undefined>>;

const platformSocket = '/var/run/docker.sock';

/** Resolves the engine's endpoint; throws EngineError for a choice that cannot be used. */
export function resolveEngineEndpoint(choice: EngineChoice, environment: Environment): EngineEndpoint {
	const host = choice.host?.trim();
	const context = choice.context?.trim();
	if (host && context) {
		throw new EngineError('bad-host', host, 'both --host and --context were given', 'pass one of them: --host names an address, --context a docker context');
	}

	if (context) {
		return contextEndpoint(context, 'flag', environment);
	}

	if (host) {
		return parseEngineAddress(host, {kind: 'host-flag'}, environment);
	}

	const variable = environment.DOCKER_HOST?.trim();
	if (variable) {
		return parseEngineAddress(variable, {kind: 'host-environment'}, environment);
	}

	const variableContext = environment.DOCKER_CONTEXT?.trim();
	if (variableContext) {
		return contextEndpoint(variableContext, 'environment', environment);
	}

	let current: string | undefined;
	try {
		current = currentContextName(environment);
	} catch (error) {
		throw contextError(error, undefined);
	}

	return current ? contextEndpoint(current, 'config', environment) : defaultEndpoint(environment);
}

function contextEndpoint(name: string, chosenBy: 'flag' | 'environment' | 'config', environment: Environment): EngineEndpoint {
	if (name === defaultContextName) {
		// The default context is DOCKER_HOST's engine, or the platform's.
		const variable = environment.DOCKER_HOST?.trim();
		return variable ? parseEngineAddress(variable, {kind: 'host-environment'}, environment) : defaultEndpoint(environment);
	}

	let stored;
	try {
		stored = readContextEndpoint(name, environment);
	} catch (error) {
		throw contextError(error, name);
	}

	// DOCKER_TLS_VERIFY and DOCKER_CERT_PATH are for DOCKER_HOST: a context carries its own TLS material.
	const endpoint = parseEngineAddress(stored.host, {kind: 'context', name, chosenBy}, {});
	if (endpoint.transport.kind !== 'tcp') {
		return endpoint;
	}

	const {tls: byAddress, ...plain} = endpoint.transport;
	const tls = Boolean(stored.tls.ca ?? stored.tls.cert ?? stored.tls.key) || stored.skipTlsVerify || byAddress !== undefined;
	return {...endpoint, transport: tls ? {...plain, tls: {...stored.tls, ...(stored.skipTlsVerify ? {skipVerify: true} : {})}} : plain};
}

function contextError(error: unknown, name: string | undefined): EngineError {
	if (error instanceof ContextStoreError) {
		return new EngineError('bad-context', name ?? 'docker config', error.message, error.hint, name);
	}

	throw error;
}

/** Where engines put their sockets, in the order they are tried when nothing chose one. */
export function socketProbes(environment: Environment): string[] {
	const home = environment.HOME || os.homedir();
	return [
		platformSocket,
		path.join(home, '.docker', 'run', 'docker.sock'),
		path.join(home, '.docker', 'desktop', 'docker.sock'),
		path.join(home, '.colima', 'default', 'docker.sock'),
		path.join(home, '.rd', 'docker.sock'),
		...(environment.XDG_RUNTIME_DIR ? [path.join(environment.XDG_RUNTIME_DIR, 'podman', 'podman.sock')] : []),
		'/run/podman/podman.sock',
	];
}

/** The platform's socket; where it does not exist, the first probe that is a socket; else the platform's, to name it. */
function defaultEndpoint(environment: Environment): EngineEndpoint {
	if (process.platform === 'win32') {
		const pipe = '//./pipe/docker_engine';
		return {display: `npipe://${pipe}`, source: {kind: 'default'}, transport: {kind: 'socket', socketPath: pipe}, local: true};
	}

	const found = socketProbes(environment).find(candidate => isSocket(candidate)) ?? platformSocket;
	return {
		display: `unix://${found}`,
		source: found === platformSocket ? {kind: 'default'} : {kind: 'default', probed: true},
		transport: {kind: 'socket', socketPath: found},
		local: true,
	};
}

function isSocket(file: string): boolean {
	try {
		return statSync(file).isSocket();
	} catch {
		return false;
	}
}

/** Parses one address as DOCKER_HOST, --host or a context's endpoint writes it. */
function parseEngineAddress(given: string, source: EngineSource, environment: Environment): EngineEndpoint {
	if (given.startsWith('unix://')) {
		const socketPath = given.slice('unix://'.length) || platformSocket;
		return {display: `unix://${socketPath}`, source, transport: {kind: 'socket', socketPath}, local: true};
	}

	if (given.startsWith('npipe://')) {
		const socketPath = given.slice('npipe://'.length) || '//./pipe/docker_engine';
		return {display: given, source, transport: {kind: 'socket', socketPath}, local: true};
	}

	let url: URL;
	try {
		url = new URL(given.includes('//') ? given : `tcp://${given}`);
	} catch {
		throw badHost(given, source);
	}

	if (url.protocol === 'ssh:') {
		const user = decodeURIComponent(url.username) || undefined;
		const sshHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
		// Both go on ssh's command line: one starting with '-' would be read as an option.
		if (!isSshHost(sshHost) || (user !== undefined && !isSshUser(user))) {
			throw badHost(given, source);
		}

		return {
			display: `ssh://${url.username ? `${url.username}@` : ''}${url.host}`,
			source,
			transport: {kind: 'ssh', host: sshHost, ...(url.port ? {port: Number(url.port)} : {}), ...(user ? {user} : {})},
			local: false,
		};
	}

	if (!['tcp:', 'http:', 'https:'].includes(url.protocol) || !url.hostname) {
		throw badHost(given, source);
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
	return {display: `tcp://${url.hostname}:${port}`, source, transport, local};
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

function badHost(given: string, source: EngineSource): EngineError {
	const where = {
		'host-flag': 'in --host',
		'host-environment': 'in DOCKER_HOST',
		context: source.kind === 'context' ? `in docker context "${source.name}" (docker context inspect ${source.name})` : '',
		default: '',
	}[source.kind];
	return new EngineError(
		'bad-host',
		given,
		`"${given}" is not an engine address`,
		`use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host ${where}`.trim(),
		source.kind === 'context' ? source.name : undefined,
	);
}
