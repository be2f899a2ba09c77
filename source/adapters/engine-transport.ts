/**
 * The connection pool behind an engine client: one keep-alive agent per address, so a scan's
 * hundreds of requests (and every rescan after it) reuse a few open sockets instead of opening one
 * each. Unix sockets and named pipes, plain tcp, tcp with TLS, and ssh.
 */
import http from 'node:http';
import type https from 'node:https';
import {createRequire} from 'node:module';
import type {EngineTransport, TlsFiles} from './docker-connection.js';
import {SshDialConnection, type SshTarget} from './ssh-dial-stdio.js';

export type TransportPool = {
	/** Kept-alive connections, at most maxSockets, shared by every short request. */
	readonly agent: http.Agent;
	/** One connection per request, outside the pool: for a stream that stays open (the event watch). */
	readonly dedicatedAgent: http.Agent;
	/**
	 * Where every request goes: a socket path, or a host and port; and the TLS server name. Given
	 * ("" where there is none), it spares node's agent working it out with net.isIP, whose first
	 * call compiles an IPv6 pattern for over 10 ms of every start.
	 */
	readonly target: Readonly<Pick<http.RequestOptions, 'socketPath' | 'host' | 'port'> & {servername: string}>;
	readonly request: typeof http.request;
};

/** What an https agent needs for DOCKER_CERT_PATH's files; the server's certificate is always verified. */
export function tlsAgentOptions(files: TlsFiles, maxSockets: number): https.AgentOptions {
	return {
		keepAlive: true,
		maxSockets,
		...(files.ca ? {ca: files.ca} : {}),
		...(files.cert ? {cert: files.cert} : {}),
		...(files.key ? {key: files.key} : {}),
		rejectUnauthorized: true,
	};
}

export function createTransportPool(transport: EngineTransport, maxSockets: number): TransportPool {
	switch (transport.kind) {
		case 'socket': {
			return {
				agent: new http.Agent({keepAlive: true, maxSockets}),
				dedicatedAgent: new http.Agent({keepAlive: false}),
				target: {socketPath: transport.socketPath, servername: ''},
				request: http.request,
			};
		}

		case 'tcp': {
			const {tls} = transport;
			const target = {host: transport.host, port: transport.port, servername: tls && !looksLikeAddress(transport.host) ? transport.host : ''};
			if (!tls) {
				return {agent: new http.Agent({keepAlive: true, maxSockets}), dedicatedAgent: new http.Agent({keepAlive: false}), target, request: http.request};
			}

			const secure = loadHttps();
			return {
				agent: new secure.Agent(tlsAgentOptions(tls, maxSockets)),
				dedicatedAgent: new secure.Agent({...tlsAgentOptions(tls, Number.POSITIVE_INFINITY), keepAlive: false}),
				target,
				request: secure.request,
			};
		}

		case 'ssh': {
			// The Host header is for the remote engine, which ignores it.
			return {agent: sshAgent(transport, {keepAlive: true, maxSockets}), dedicatedAgent: sshAgent(transport, {keepAlive: false}), target: {host: 'docker', port: 80, servername: ''}, request: http.request};
		}
	}
}

/** An IP address, which TLS does not send as a server name (IPv6 has colons; IPv4 is four numbers). */
function looksLikeAddress(host: string): boolean {
	return host.includes(':') || /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host);
}

/** node:https (and the TLS and crypto modules behind it) only for an engine that needs it: loading them costs every start. */
function loadHttps(): typeof https {
	return createRequire(import.meta.url)('node:https') as typeof https;
}

/** Every new connection is a new ssh process; the agent pools them like sockets. */
function sshAgent(target: SshTarget, options: http.AgentOptions): http.Agent {
	const agent = new http.Agent(options);
	(agent as unknown as {createConnection: () => SshDialConnection}).createConnection = () => new SshDialConnection(target);
	return agent;
}
