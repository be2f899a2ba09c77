import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {classifyEngineFailure, EngineError, isConnectionFailure, resolveEngineAddress} from '../../source/adapters/docker-connection.js';
import {EngineStatusError} from '../../source/adapters/engine-api-client.js';

describe('resolveEngineAddress', () => {
	it.each([
		['unix socket', undefined, {DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock'}, 'unix:///run/user/1000/podman/podman.sock', {kind: 'socket', socketPath: '/run/user/1000/podman/podman.sock'}, true],
		['npipe', undefined, {DOCKER_HOST: 'npipe:////./pipe/podman'}, 'npipe:////./pipe/podman', {kind: 'socket', socketPath: '//./pipe/podman'}, true],
		['tcp', undefined, {DOCKER_HOST: 'tcp://build-box:2375'}, 'tcp://build-box:2375', {kind: 'tcp', host: 'build-box', port: 2375}, false],
		['tcp without a scheme', undefined, {DOCKER_HOST: 'localhost:2375'}, 'tcp://localhost:2375', {kind: 'tcp', host: 'localhost', port: 2375}, true],
		['tcp on IPv6', undefined, {DOCKER_HOST: 'tcp://[::1]:2375'}, 'tcp://[::1]:2375', {kind: 'tcp', host: '::1', port: 2375}, true],
		['tcp with TLS by port', undefined, {DOCKER_HOST: 'tcp://secure:2376'}, 'tcp://secure:2376', {kind: 'tcp', host: 'secure', port: 2376, tls: {}}, false],
		['tcp with TLS by DOCKER_TLS_VERIFY', undefined, {DOCKER_HOST: 'tcp://secure:4243', DOCKER_TLS_VERIFY: '1'}, 'tcp://secure:4243', {kind: 'tcp', host: 'secure', port: 4243, tls: {}}, false],
		['ssh', undefined, {DOCKER_HOST: 'ssh://deploy@remote:2222'}, 'ssh://deploy@remote:2222', {kind: 'ssh', host: 'remote', port: 2222, user: 'deploy'}, false],
		['ssh without user or port', undefined, {DOCKER_HOST: 'ssh://remote'}, 'ssh://remote', {kind: 'ssh', host: 'remote'}, false],
		['--host wins over DOCKER_HOST', 'unix:///tmp/other.sock', {DOCKER_HOST: 'tcp://ignored:2375'}, 'unix:///tmp/other.sock', {kind: 'socket', socketPath: '/tmp/other.sock'}, true],
	])('%s', (_name, host, environment, display, transport, local) => {
		const address = resolveEngineAddress(host, environment);
		expect(address.display).toBe(display);
		expect(address.transport).toEqual(transport);
		expect(address.local).toBe(local);
	});

	it.each(['ftp://example', 'tcp://', 'ssh://', 'ssh://-oProxyCommand=touch%20pwned', 'ssh://-remote', 'ssh://-l@remote', 'ssh://a%20b@remote'])('refuses %s', host => {
		expect(() => resolveEngineAddress(host, {})).toThrow(EngineError);
	});

	it('reads the TLS files from DOCKER_CERT_PATH', () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-certs-'));
		try {
			for (const name of ['ca', 'cert', 'key']) {
				writeFileSync(path.join(directory, `${name}.pem`), `${name} bytes`);
			}

			const address = resolveEngineAddress('tcp://secure:2376', {DOCKER_CERT_PATH: directory});
			expect(address.transport).toEqual({kind: 'tcp', host: 'secure', port: 2376, tls: {ca: Buffer.from('ca bytes'), cert: Buffer.from('cert bytes'), key: Buffer.from('key bytes')}});
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	});

	it('says which TLS file is missing', () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-certs-'));
		try {
			const error = (() => {
				try {
					resolveEngineAddress('tcp://secure:2376', {DOCKER_CERT_PATH: directory});
				} catch (error_) {
					return error_ as EngineError;
				}
			})();
			expect([error?.kind, error?.message, error?.hint]).toEqual(['bad-host', 'cannot read the TLS certificates in DOCKER_CERT_PATH (ENOENT)', 'DOCKER_CERT_PATH must hold ca.pem, cert.pem and key.pem']);
		} finally {
			rmSync(directory, {recursive: true, force: true});
		}
	});
});

describe('classifyEngineFailure', () => {
	const failure = (code: string, message = 'boom') => Object.assign(new Error(message), {code});
	it.each([
		[failure('ENOENT'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('ECONNREFUSED'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('EACCES'), 'permission-denied', 'permission denied on unix:///var/run/docker.sock', 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or run rootless Docker/Podman and set DOCKER_HOST'],
		[failure('ETIMEDOUT'), 'timeout', 'Docker at unix:///var/run/docker.sock did not answer in time', 'check that the engine is running and responsive (docker info), or set DOCKER_HOST to the right engine'],
		[new EngineStatusError(500, 'oops'), 'failed', 'the engine at unix:///var/run/docker.sock answered with an error: oops', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('ERR_SSH_DIAL', 'ssh exited with 255: Permission denied (publickey).'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock: ssh exited with 255: Permission denied (publickey).', 'check that `ssh <host> docker system dial-stdio` works from this shell without a prompt (a key in ssh-agent, the host in known_hosts, docker on the remote PATH)'],
	])('%s', (error, kind, message, hint) => {
		const classified = classifyEngineFailure(error, 'unix:///var/run/docker.sock');
		expect([classified.kind, classified.message, classified.hint]).toEqual([kind, message, hint]);
	});
});

describe('isConnectionFailure', () => {
	it.each([
		['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}), true],
		['a timeout', Object.assign(new Error('timed out after 10 ms'), {code: 'ETIMEDOUT'}), true],
		['ssh giving up', Object.assign(new Error('ssh exited with 255'), {code: 'ERR_SSH_DIAL'}), true],
		['an answer the engine gave', new EngineStatusError(404, 'No such container: x'), false],
		['an answer whose text says timeout', new EngineStatusError(500, 'context deadline exceeded: timeout'), false],
	])('%s: %s', (_name, error, expected) => {
		expect(isConnectionFailure(error)).toBe(expected);
	});
});
