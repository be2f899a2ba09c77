import {describe, expect, it} from 'vitest';
import {classifyEngineFailure, EngineError, resolveEngineAddress} from '../../source/adapters/docker-connection.js';

describe('resolveEngineAddress', () => {
	it.each([
		['unix socket', undefined, {DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock'}, 'unix:///run/user/1000/podman/podman.sock', {socketPath: '/run/user/1000/podman/podman.sock', host: undefined}, true],
		['tcp', undefined, {DOCKER_HOST: 'tcp://build-box:2375'}, 'tcp://build-box:2375', {protocol: 'http', host: 'build-box', port: '2375', socketPath: undefined}, false],
		['tcp without a scheme', undefined, {DOCKER_HOST: 'localhost:2375'}, 'tcp://localhost:2375', {protocol: 'http', host: 'localhost', port: '2375'}, true],
		['tcp with TLS by port', undefined, {DOCKER_HOST: 'tcp://secure:2376'}, 'tcp://secure:2376', {protocol: 'https', host: 'secure', port: '2376'}, false],
		['tcp with TLS by DOCKER_TLS_VERIFY', undefined, {DOCKER_HOST: 'tcp://secure:4243', DOCKER_TLS_VERIFY: '1'}, 'tcp://secure:4243', {protocol: 'https', port: '4243'}, false],
		['ssh', undefined, {DOCKER_HOST: 'ssh://deploy@remote:2222', SSH_AUTH_SOCK: '/tmp/agent'}, 'ssh://deploy@remote:2222', {protocol: 'ssh', host: 'remote', port: '2222', username: 'deploy', sshOptions: {agent: '/tmp/agent'}}, false],
		['--host wins over DOCKER_HOST', 'unix:///tmp/other.sock', {DOCKER_HOST: 'tcp://ignored:2375'}, 'unix:///tmp/other.sock', {socketPath: '/tmp/other.sock', host: undefined}, true],
	])('%s', (_name, host, environment, display, options, local) => {
		const address = resolveEngineAddress(host, environment, 8000);
		expect(address.display).toBe(display);
		expect(address.options).toMatchObject({...options, timeout: 8000});
		expect(address.local).toBe(local);
	});

	it.each(['ftp://example', 'tcp://', 'ssh://'])('refuses %s', host => {
		expect(() => resolveEngineAddress(host, {}, 8000)).toThrow(EngineError);
	});
});

describe('classifyEngineFailure', () => {
	const failure = (code: string, message = 'boom') => Object.assign(new Error(message), {code});
	it.each([
		[failure('ENOENT'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('ECONNREFUSED'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('EACCES'), 'permission-denied', 'permission denied on unix:///var/run/docker.sock', 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or run rootless Docker/Podman and set DOCKER_HOST'],
		[failure('ETIMEDOUT'), 'timeout', 'Docker at unix:///var/run/docker.sock did not answer in time', 'check that the engine is running and responsive (docker info), or set DOCKER_HOST to the right engine'],
		[new Error('(HTTP code 500) server error - oops'), 'failed', 'the engine at unix:///var/run/docker.sock answered with an error: (HTTP code 500) server error - oops', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
	])('%s', (error, kind, message, hint) => {
		const classified = classifyEngineFailure(error, 'unix:///var/run/docker.sock');
		expect([classified.kind, classified.message, classified.hint]).toEqual([kind, message, hint]);
	});
});
