import {execFileSync, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import type {TLSSocket} from 'node:tls';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolveEngineAddress} from '../../source/adapters/docker-connection.js';
import {EngineClient} from '../../source/adapters/engine-api-client.js';
import {createTransportPool, tlsAgentOptions} from '../../source/adapters/engine-transport.js';

/** What the agent was built with; node keeps it, its types do not say so. */
function optionsOf(agent: http.Agent): Record<string, unknown> {
	return (agent as unknown as {options: Record<string, unknown>}).options;
}

describe('createTransportPool', () => {
	it('a unix socket: kept-alive connections to the socket path, at most maxSockets', () => {
		const pool = createTransportPool({kind: 'socket', socketPath: '/run/docker.sock'}, 8);
		expect(pool.target).toEqual({socketPath: '/run/docker.sock', servername: ''});
		expect(pool.agent).toBeInstanceOf(http.Agent);
		expect(pool.agent.maxSockets).toBe(8);
		expect(optionsOf(pool.agent)).toMatchObject({keepAlive: true});
		expect(pool.request).toBe(http.request);
	});

	it('plain tcp: http to the host and port', () => {
		const pool = createTransportPool({kind: 'tcp', host: 'build-box', port: 2375}, 4);
		expect(pool.target).toEqual({host: 'build-box', port: 2375, servername: ''});
		expect(pool.agent).not.toBeInstanceOf(https.Agent);
		expect(pool.request).toBe(http.request);
	});

	it('tcp with TLS: https with the certificates, the server always verified', () => {
		const tls = {ca: Buffer.from('ca'), cert: Buffer.from('cert'), key: Buffer.from('key')};
		const pool = createTransportPool({kind: 'tcp', host: 'secure', port: 2376, tls}, 4);
		expect(pool.agent).toBeInstanceOf(https.Agent);
		expect(pool.target).toEqual({host: 'secure', port: 2376, servername: 'secure'});
		expect(optionsOf(pool.agent)).toMatchObject({keepAlive: true, ca: tls.ca, cert: tls.cert, key: tls.key, rejectUnauthorized: true});
		expect(pool.request).toBe(https.request);
	});

	it.each([['10.0.0.7'], ['::1']])('tcp with TLS to the address %s: no server name is sent', host => {
		expect(createTransportPool({kind: 'tcp', host, port: 2376, tls: {}}, 1).target.servername).toBe('');
	});

	it('tcp with TLS and no DOCKER_CERT_PATH: the system\'s authorities verify the server', () => {
		expect(tlsAgentOptions({}, 2)).toEqual({keepAlive: true, maxSockets: 2, rejectUnauthorized: true});
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

	beforeAll(async () => {
		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-tls-'));
		makeCertificates(directory);
		const read = (name: string) => readFileSync(path.join(directory, name));
		// Like dockerd with --tlsverify: only clients with a certificate from its CA get in.
		server = https.createServer({key: read('server-key.pem'), cert: read('server-cert.pem'), ca: read('ca.pem'), requestCert: true, rejectUnauthorized: true}, (request, response) => {
			const subject = (request.socket as TLSSocket).getPeerCertificate().subject as {CN?: string} | undefined;
			clients.push(subject?.CN ?? '');
			const body = JSON.stringify({Version: '20.10.24', ApiVersion: '1.41'});
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
			response.end(body);
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
		const address = resolveEngineAddress(`tcp://localhost:${port}`, {DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: directory});
		const client = new EngineClient(address.transport);
		try {
			expect(await client.version()).toEqual({Version: '20.10.24', ApiVersion: '1.41'});
			expect(clients.at(-1)).toBe('client');
		} finally {
			client.close();
		}
	});

	it('refuses a server its CA did not sign', async () => {
		const client = new EngineClient({kind: 'tcp', host: 'localhost', port, tls: {}});
		try {
			const error = await client.version().then(() => undefined, (error_: unknown) => error_ as Error & {code?: string});
			expect(error?.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
		} finally {
			client.close();
		}
	});
});
