import {createHash} from 'node:crypto';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {resolveEngineEndpoint, socketProbes, type EngineEndpoint} from '../../source/adapters/engine-endpoint.js';
import {classifyEngineFailure, EngineError, isConnectionFailure, type EngineLocation} from '../../source/adapters/engine-failure.js';

/** An error as docker-modem rejects with when the engine answered with a status. */
function answered(statusCode: number, message: string): Error {
	return Object.assign(new Error(`(HTTP code ${statusCode}) server error - ${message} `), {statusCode, json: {message}});
}

/** resolveEngineEndpoint with --host alone, as before contexts. */
function resolveEngineAddress(host: string | undefined, environment: Record<string, string>): EngineEndpoint {
	return resolveEngineEndpoint({host}, {HOME: '/nonexistent', ...environment});
}

describe('addresses', () => {
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

	it('says where a bad address came from', () => {
		const refused = (choice: {host?: string}, environment: Record<string, string>) => {
			try {
				resolveEngineEndpoint(choice, {HOME: '/nonexistent', ...environment});
			} catch (error) {
				return (error as EngineError).hint;
			}
		};

		expect(refused({host: 'ftp://x'}, {})).toBe('use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host in --host');
		expect(refused({}, {DOCKER_HOST: 'ftp://x'})).toBe('use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host in DOCKER_HOST');
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
	const local: EngineLocation = {display: 'unix:///var/run/docker.sock', source: {kind: 'default'}};
	it.each([
		[failure('ENOENT'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('ECONNREFUSED'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('EACCES'), 'permission-denied', 'permission denied on unix:///var/run/docker.sock', 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or run rootless Docker/Podman and set DOCKER_HOST'],
		[failure('ETIMEDOUT'), 'timeout', 'Docker at unix:///var/run/docker.sock did not answer in time', 'check that the engine is running and responsive (docker info), or set DOCKER_HOST to the right engine'],
		[answered(500, 'oops'), 'failed', 'the engine at unix:///var/run/docker.sock answered with an error: oops', 'start Docker Desktop or dockerd, or set DOCKER_HOST'],
		[failure('ERR_SSH_DIAL', 'ssh exited with 255: Permission denied (publickey).'), 'unreachable', 'Docker is not reachable at unix:///var/run/docker.sock: ssh exited with 255: Permission denied (publickey).', 'check that `ssh <host> docker system dial-stdio` works from this shell without a prompt (a key in ssh-agent, the host in known_hosts, docker on the remote PATH)'],
	])('%s', (error, kind, message, hint) => {
		const classified = classifyEngineFailure(error, local);
		expect([classified.kind, classified.message, classified.hint]).toEqual([kind, message, hint]);
	});

	// An engine the user chose is to be checked, not set: the hint names where the choice came from.
	it.each<[string, EngineLocation, string, string]>([
		['--host', {display: 'tcp://box:2375', source: {kind: 'host-flag'}}, 'Docker is not reachable at tcp://box:2375', 'check the address given with --host: is an engine running there?'],
		['DOCKER_HOST', {display: 'tcp://box:2375', source: {kind: 'host-environment'}}, 'Docker is not reachable at tcp://box:2375', 'check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)'],
		['the current context', {display: 'unix:///home/me/.colima/default/docker.sock', source: {kind: 'context', name: 'colima', chosenBy: 'config'}}, 'Docker is not reachable at unix:///home/me/.colima/default/docker.sock (context "colima")', 'start the engine of docker context "colima", or switch with docker context use <name> (docker context ls lists them)'],
		['--context', {display: 'unix:///x.sock', source: {kind: 'context', name: 'remote', chosenBy: 'flag'}}, 'Docker is not reachable at unix:///x.sock (context "remote")', 'start the engine of docker context "remote", or pass another --context (docker context ls lists them)'],
		['DOCKER_CONTEXT', {display: 'unix:///x.sock', source: {kind: 'context', name: 'remote', chosenBy: 'environment'}}, 'Docker is not reachable at unix:///x.sock (context "remote")', 'start the engine of docker context "remote", or set DOCKER_CONTEXT to another one (docker context ls lists them)'],
	])('an unreachable engine from %s', (_name, location, message, hint) => {
		const classified = classifyEngineFailure(failure('ECONNREFUSED'), location);
		expect([classified.message, classified.hint, classified.context]).toEqual([message, hint, location.source.kind === 'context' ? location.source.name : undefined]);
		expect(classified.hint).not.toContain('set DOCKER_HOST');
	});
});

describe('isConnectionFailure', () => {
	it.each([
		['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), {code: 'ECONNREFUSED'}), true],
		['a timeout', Object.assign(new Error('timed out after 10 ms'), {code: 'ETIMEDOUT'}), true],
		['ssh giving up', Object.assign(new Error('ssh exited with 255'), {code: 'ERR_SSH_DIAL'}), true],
		['an answer the engine gave', answered(404, 'No such container: x'), false],
		['an answer whose text says timeout', answered(500, 'context deadline exceeded: timeout'), false],
	])('%s: %s', (_name, error, expected) => {
		expect(isConnectionFailure(error)).toBe(expected);
	});
});

describe('docker contexts, resolved as the docker CLI resolves them', () => {
	let home = '';
	let config = '';
	let probeServer: Server | undefined;
	const sha = (name: string) => createHash('sha256').update(name).digest('hex');

	/** A context as `docker context create NAME --docker host=HOST` stores it, with optional TLS files. */
	function writeContext(name: string, host: string, options: {skipTlsVerify?: boolean; tls?: boolean} = {}): void {
		const meta = path.join(config, 'contexts', 'meta', sha(name));
		mkdirSync(meta, {recursive: true});
		writeFileSync(path.join(meta, 'meta.json'), JSON.stringify({Name: name, Metadata: {Description: ''}, Endpoints: {docker: {Host: host, SkipTLSVerify: options.skipTlsVerify ?? false}}}));
		if (options.tls) {
			const tls = path.join(config, 'contexts', 'tls', sha(name), 'docker');
			mkdirSync(tls, {recursive: true});
			for (const part of ['ca', 'cert', 'key']) {
				writeFileSync(path.join(tls, `${part}.pem`), `${name} ${part}`);
			}
		}
	}

	beforeAll(async () => {
		home = mkdtempSync(path.join(os.tmpdir(), 'unblock-contexts-'));
		config = path.join(home, 'docker-config');
		mkdirSync(config);
		writeContext('colima', `unix://${home}/.colima/default/docker.sock`);
		writeContext('desktop-linux', `unix://${home}/.docker/desktop/docker.sock`);
		writeContext('build-box', 'tcp://build.example:2376', {tls: true});
		writeContext('lab', 'tcp://10.1.2.3:2376', {skipTlsVerify: true});
		writeContext('remote', 'ssh://deploy@remote.example');
		writeContext('broken', 'gopher://nowhere');
		writeFileSync(path.join(config, 'config.json'), JSON.stringify({auths: {}, currentContext: 'colima'}));
		// A directory with a Colima socket only: the last resort finds it.
		mkdirSync(path.join(home, 'probe', '.colima', 'default'), {recursive: true});
		probeServer = createServer();
		await new Promise<void>(resolve => probeServer!.listen(path.join(home, 'probe', '.colima', 'default', 'docker.sock'), resolve));
	});

	afterAll(async () => {
		await new Promise(resolve => probeServer ? probeServer.close(resolve) : resolve(undefined));
		rmSync(home, {recursive: true, force: true});
	});

	type Row = [name: string, choice: {host?: string; context?: string}, environment: Record<string, string>, display: string, source: EngineEndpoint['source']];
	const rows: Row[] = [
		['the current context of config.json', {}, {}, 'unix://HOME/.colima/default/docker.sock', {kind: 'context', name: 'colima', chosenBy: 'config'}],
		['DOCKER_CONTEXT over the current context', {}, {DOCKER_CONTEXT: 'desktop-linux'}, 'unix://HOME/.docker/desktop/docker.sock', {kind: 'context', name: 'desktop-linux', chosenBy: 'environment'}],
		['DOCKER_HOST over DOCKER_CONTEXT and the current context', {}, {DOCKER_HOST: 'unix:///run/other.sock', DOCKER_CONTEXT: 'desktop-linux'}, 'unix:///run/other.sock', {kind: 'host-environment'}],
		['--context over DOCKER_HOST, as the CLI does', {context: 'desktop-linux'}, {DOCKER_HOST: 'unix:///run/other.sock'}, 'unix://HOME/.docker/desktop/docker.sock', {kind: 'context', name: 'desktop-linux', chosenBy: 'flag'}],
		['--host over everything', {host: 'tcp://127.0.0.1:2375'}, {DOCKER_HOST: 'unix:///run/other.sock', DOCKER_CONTEXT: 'desktop-linux'}, 'tcp://127.0.0.1:2375', {kind: 'host-flag'}],
		['the default context: the platform socket, not the current one', {context: 'default'}, {}, 'unix:///var/run/docker.sock', {kind: 'default'}],
		['DOCKER_CONTEXT=default with DOCKER_HOST: DOCKER_HOST', {}, {DOCKER_CONTEXT: 'default', DOCKER_HOST: 'unix:///run/other.sock'}, 'unix:///run/other.sock', {kind: 'host-environment'}],
		['an ssh context', {context: 'remote'}, {}, 'ssh://deploy@remote.example', {kind: 'context', name: 'remote', chosenBy: 'flag'}],
	];

	it.each(rows)('%s', (_name, choice, environment, display, source) => {
		const endpoint = resolveEngineEndpoint(choice, {HOME: home, DOCKER_CONFIG: config, ...environment});
		expect([endpoint.display.replace(home, 'HOME'), endpoint.source]).toEqual([display, source]);
	});

	it('reads DOCKER_CONFIG, else ~/.docker', () => {
		mkdirSync(path.join(home, 'other-home', '.docker'), {recursive: true});
		writeFileSync(path.join(home, 'other-home', '.docker', 'config.json'), '{"currentContext": "nowhere-else"}');
		const endpoint = () => resolveEngineEndpoint({}, {HOME: path.join(home, 'other-home')});
		expect(endpoint).toThrow('there is no docker context "nowhere-else"');
	});

	it('a tcp context carries its own TLS files, and not DOCKER_CERT_PATH\'s', () => {
		const endpoint = resolveEngineEndpoint({context: 'build-box'}, {HOME: home, DOCKER_CONFIG: config, DOCKER_CERT_PATH: '/nonexistent'});
		expect(endpoint.transport).toEqual({kind: 'tcp', host: 'build.example', port: 2376, tls: {ca: Buffer.from('build-box ca'), cert: Buffer.from('build-box cert'), key: Buffer.from('build-box key')}});
	});

	it('SkipTLSVerify is kept for the connection', () => {
		const endpoint = resolveEngineEndpoint({context: 'lab'}, {HOME: home, DOCKER_CONFIG: config});
		expect(endpoint.transport).toEqual({kind: 'tcp', host: '10.1.2.3', port: 2376, tls: {skipVerify: true}});
	});

	it.each<[string, {host?: string; context?: string}, Record<string, string>, string, string]>([
		['a context that does not exist', {context: 'nosuch'}, {}, 'there is no docker context "nosuch" (in DOCKER_CONFIG)', 'docker context ls lists the contexts; docker context use <name> switches'],
		['a current context that does not exist', {}, {DOCKER_CONTEXT: 'gone'}, 'there is no docker context "gone" (in DOCKER_CONFIG)', 'docker context ls lists the contexts; docker context use <name> switches'],
		['a context name the CLI would not create', {context: '../colima'}, {}, '"../colima" is not a docker context name', 'docker context ls lists the contexts; docker context use <name> switches'],
		['a context whose endpoint is not an address', {context: 'broken'}, {}, '"gopher://nowhere" is not an engine address', 'use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host in docker context "broken" (docker context inspect broken)'],
		['both --host and --context', {host: 'tcp://x:2375', context: 'colima'}, {}, 'both --host and --context were given', 'pass one of them: --host names an address, --context a docker context'],
	])('refuses %s, naming it', (_name, choice, environment, message, hint) => {
		let error: EngineError | undefined;
		try {
			resolveEngineEndpoint(choice, {HOME: home, DOCKER_CONFIG: config, ...environment});
		} catch (error_) {
			error = error_ as EngineError;
		}

		expect(error).toBeInstanceOf(EngineError);
		expect([error?.message.replace(config, 'DOCKER_CONFIG'), error?.hint]).toEqual([message, hint]);
	});

	it('probes the sockets of Docker, Docker Desktop, Colima, Rancher Desktop and Podman, in that order', () => {
		expect(socketProbes({HOME: '/home/me', XDG_RUNTIME_DIR: '/run/user/1000'})).toEqual([
			'/var/run/docker.sock',
			'/home/me/.docker/run/docker.sock',
			'/home/me/.docker/desktop/docker.sock',
			'/home/me/.colima/default/docker.sock',
			'/home/me/.rd/docker.sock',
			'/run/user/1000/podman/podman.sock',
			'/run/podman/podman.sock',
		]);
	});

	it('with nothing chosen and no platform socket, finds the first socket where engines put theirs', () => {
		const endpoint = resolveEngineEndpoint({}, {HOME: path.join(home, 'probe')});
		const expected = path.join(home, 'probe', '.colima', 'default', 'docker.sock');
		// The platform socket comes first when it exists (as on a machine running dockerd).
		const platform = (() => {
			try {
				return resolveEngineEndpoint({}, {HOME: '/nonexistent'}).display === 'unix:///var/run/docker.sock';
			} catch {
				return false;
			}
		})();
		expect(endpoint.display).toBe(platform ? 'unix:///var/run/docker.sock' : `unix://${expected}`);
		expect(endpoint.source).toEqual(platform ? {kind: 'default'} : {kind: 'default', probed: true});
	});
});
