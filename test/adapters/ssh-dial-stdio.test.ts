import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {EngineConnection} from '../../source/adapters/docker-client.js';
import {classifyEngineFailure} from '../../source/adapters/engine-failure.js';
import {sshDialArguments} from '../../source/adapters/ssh-dial-stdio.js';
import {installFakeSsh, type FakeSsh} from '../support/fake-ssh.js';

describe('sshDialArguments', () => {
	it('names user and port as options and puts the host after --', () => {
		expect(sshDialArguments({host: 'build.example.com', port: 2222, user: 'deploy'})).toEqual([
			'-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '-l', 'deploy', '-p', '2222', '--', 'build.example.com', 'docker', 'system', 'dial-stdio',
		]);
	});

	it('leaves out what the address does not give', () => {
		expect(sshDialArguments({host: '10.0.0.7'})).toEqual(['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '--', '10.0.0.7', 'docker', 'system', 'dial-stdio']);
	});

	it.each([
		['a host starting with -', {host: '-oProxyCommand=touch /tmp/pwned'}, '"-oProxyCommand=touch /tmp/pwned" is not an ssh host name'],
		['a host with a space', {host: 'remote host'}, '"remote host" is not an ssh host name'],
		['a user starting with -', {host: 'remote', user: '-oProxyCommand=x'}, '"-oProxyCommand=x" is not an ssh user name'],
		['a port out of range', {host: 'remote', port: 70_000}, '"70000" is not a port'],
	])('refuses %s', (_name, target, message) => {
		expect(() => sshDialArguments(target)).toThrow(message);
	});
});

describe('an engine behind ssh', () => {
	let fake: FakeSsh | undefined;
	let server: Server | undefined;
	let directory = '';
	let client: EngineConnection | undefined;

	afterEach(async () => {
		client?.close();
		fake?.remove();
		server?.closeAllConnections();
		await new Promise(resolve => server ? server.close(resolve) : resolve(undefined));
		rmSync(directory, {recursive: true, force: true});
		[fake, server, client] = [undefined, undefined, undefined];
	});

	/** A fake engine on a unix socket, reached through the fake ssh. */
	async function engineBehindSsh(refuseWith?: string): Promise<{client: EngineConnection; fake: FakeSsh}> {
		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-ssh-engine-'));
		const socketPath = path.join(directory, 'engine.sock');
		server = createServer((request, response) => {
			const body = JSON.stringify({Version: '20.10.24', ApiVersion: '1.41', path: request.url});
			response.writeHead(200, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body)});
			response.end(body);
		});
		await new Promise<void>(resolve => server!.listen(socketPath, resolve));
		fake = installFakeSsh({socketPath, ...(refuseWith === undefined ? {} : {refuseWith})});
		client = new EngineConnection({display: 'ssh://deploy@remote:2222', source: {kind: 'host-environment'}, transport: {kind: 'ssh', host: 'remote', port: 2222, user: 'deploy'}, local: false}, 2);
		return {client, fake};
	}

	it('speaks HTTP over one ssh process per connection, kept alive between requests', async () => {
		const {client, fake} = await engineBehindSsh();
		expect(await client.request({}, async (docker, abortSignal) => docker.version({abortSignal}))).toMatchObject({Version: '20.10.24', path: '/version'});
		expect(await client.request({}, async (docker, abortSignal) => docker.info({abortSignal}))).toMatchObject({path: '/info'});
		expect(fake.calls()).toEqual([['-o', 'ConnectTimeout=30', '-o', 'BatchMode=yes', '-T', '-l', 'deploy', '-p', '2222', '--', 'remote', 'docker', 'system', 'dial-stdio']]);
	});

	it('says what ssh said when it gives up before the engine answers', async () => {
		const {client} = await engineBehindSsh('deploy@remote: Permission denied (publickey).');
		const error = await client.request({}, async (docker, abortSignal) => docker.version({abortSignal})).then(() => undefined, (error_: unknown) => error_ as Error & {code?: string});
		expect([error?.code, error?.message]).toEqual(['ERR_SSH_DIAL', 'ssh exited with 255: deploy@remote: Permission denied (publickey).']);
		const classified = classifyEngineFailure(error, client.endpoint);
		expect([classified.kind, classified.message]).toEqual(['unreachable', 'Docker is not reachable at ssh://deploy@remote:2222: ssh exited with 255: deploy@remote: Permission denied (publickey).']);
	});
});
