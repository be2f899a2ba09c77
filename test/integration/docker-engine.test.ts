import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {EngineError, scanEngine} from '../../source/adapters/docker-engine.js';
import type {ContainerSnapshot, Snapshot} from '../../source/core/snapshot.js';
import {describeWithEngine, docker, labelArgs, removeTestResources, rootOwnedDirectory, testImage, uniqueName, waitFor, inspectState} from '../support/engine.js';

const project = uniqueName('adapter');
const projectLabels = (service: string) => labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service});

function find(snapshot: Snapshot, name: string): ContainerSnapshot {
	const container = snapshot.containers.find(candidate => candidate.name === name);
	if (!container) {
		throw new Error(`${name} is not in the snapshot: ${snapshot.containers.map(candidate => candidate.name).join(', ')}`);
	}

	return container;
}

/** An HTTP server on a unix socket in front of the real engine, to shape what the adapter sees. */
async function engineProxy(onRequest: (request: http.IncomingMessage) => 'forward' | 'hang'): Promise<{socket: string; close: () => Promise<void>}> {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-proxy-'));
	const socket = path.join(directory, 'engine.sock');
	const server = http.createServer((request, response) => {
		if (onRequest(request) === 'hang') {
			return;
		}

		const upstream = http.request({socketPath: '/var/run/docker.sock', path: request.url, method: request.method, headers: request.headers}, answer => {
			response.writeHead(answer.statusCode ?? 500, answer.headers);
			answer.pipe(response);
		});
		upstream.on('error', () => response.destroy());
		request.pipe(upstream);
	});
	await new Promise<void>(resolve => server.listen(socket, resolve));
	return {
		socket,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>(resolve => server.close(() => resolve()));
			rmSync(directory, {recursive: true, force: true});
		},
	};
}

describeWithEngine('docker engine adapter', () => {
	const names = {
		web: uniqueName('web'),
		crashing: uniqueName('crash'),
		noisy: uniqueName('noisy'),
		tty: uniqueName('tty'),
		created: uniqueName('created'),
	};
	const mountDirectory = rootOwnedDirectory('adapter-mount');
	let snapshot: Snapshot;

	beforeAll(async () => {
		docker(['run', '-d', '--name', names.web, ...projectLabels('web'),
			'--label', 'com.docker.compose.depends_on=db:service_healthy:false,cache:service_started:false',
			'-e', 'POSTGRES_PASSWORD=hunter2-secret', '-e', 'DATABASE_URL=postgres://app:pw-in-url@db/app', '-e', 'PLAIN=value',
			'-p', '127.0.0.1::80', '-v', `${mountDirectory}:/data:ro`, '--memory', '64m', '--user', '1000',
			'--health-cmd', 'true', '--health-interval', '1s',
			testImage, 'sh', '-c', 'echo started; sleep 600']);
		docker(['run', '-d', '--name', names.crashing, ...projectLabels('worker'), '-e', 'API_TOKEN=tok-abcdef-123',
			testImage, 'sh', '-c', 'printf "\\033[31mred\\033[0m ok\\n"; echo "using tok-abcdef-123 now" >&2; echo "fatal: boom" >&2; exit 3']);
		docker(['run', '-d', '--name', names.noisy, ...projectLabels('noisy'), testImage, 'sh', '-c',
			'i=0; while [ $i -lt 300 ]; do echo "line $i"; i=$((i+1)); done; exit 1']);
		docker(['run', '-d', '-t', '--name', names.tty, ...projectLabels('tty'), testImage, 'sh', '-c', 'echo tty-one; echo tty-two; exit 2']);
		docker(['create', '--name', names.created, ...projectLabels('created'), testImage, 'true']);
		expect(await waitFor(() => inspectState(names.web).Health?.Status === 'healthy')).toBe(true);
		expect(await waitFor(() => ['crashing', 'noisy', 'tty'].every(key => inspectState(names[key as 'crashing']).Status === 'exited'))).toBe(true);
		snapshot = await scanEngine({environment: {}, project});
	});

	afterAll(() => {
		removeTestResources();
		rmSync(mountDirectory, {recursive: true, force: true});
	});

	it('reports the engine and only the project’s containers', () => {
		expect(snapshot.engine.reachable).toBe(true);
		expect(snapshot.engine.host).toBe('unix:///var/run/docker.sock');
		expect(snapshot.engine.apiVersion).toBe(docker(['version', '--format', '{{.Server.APIVersion}}']));
		expect(snapshot.engine.version).toBe(docker(['version', '--format', '{{.Server.Version}}']));
		expect(snapshot.containers.map(container => container.name).sort()).toEqual(Object.values(names).sort());
		expect(snapshot.problems).toEqual([]);
	});

	it('reads a healthy service’s facts and redacts its secrets', () => {
		const web = find(snapshot, names.web);
		expect(web).toMatchObject({
			image: testImage,
			project,
			service: 'web',
			dependsOn: ['db', 'cache'],
			state: 'running',
			restartCount: 0,
			exitCode: 0,
			oomKilled: false,
			user: '1000',
			command: ['sh', '-c', 'echo started; sleep 600'],
			memoryLimit: 64 * 1024 * 1024,
			networks: ['bridge'],
		});
		expect(web.health?.status).toBe('healthy');
		expect(web.health?.test).toEqual(['CMD-SHELL', 'true']);
		expect(web.health?.log.at(-1)?.exitCode).toBe(0);
		expect(web.ports).toHaveLength(1);
		expect(web.ports[0]).toMatchObject({containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1'});
		expect(web.ports[0]?.hostPort).toBeGreaterThan(0);
		expect(web.mounts).toEqual([{type: 'bind', source: mountDirectory, destination: '/data', readWrite: false, mode: 'ro', owner: {uid: 0, gid: 0, mode: '755'}}]);
		expect(web.env).toContain('POSTGRES_PASSWORD=[redacted]');
		expect(web.env).toContain('DATABASE_URL=postgres://app:[redacted]@db/app');
		expect(web.env).toContain('PLAIN=value');
		// A running container that looks fine can still fail without its state showing it: its recent lines are read.
		expect(web.logs?.lines.map(line => line.text)).toEqual(['started']);
	});

	it('reads the networks, what a container with ports listens on, and how a run ended', () => {
		expect(snapshot.networks?.map(network => network.name)).toEqual(expect.arrayContaining(['bridge', 'host', 'none']));
		const web = find(snapshot, names.web);
		expect(web.attachments).toEqual([{network: 'bridge', aliases: [], ipAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) as unknown}]);
		expect(web.networkMode).toBe('default');
		// It publishes port 80 and listens nowhere (sleep): read from its network namespace.
		expect(web.listeners).toEqual({listeners: [], via: 'proc'});
		// A crash, seen in the engine's events: no one asked for it.
		const crashed = find(snapshot, names.crashing);
		expect(crashed.lastRun).toMatchObject({exitCode: 3});
		expect(crashed.lastRun?.requested).toBeUndefined();
	});

	it('reads a crashed container’s logs demultiplexed, neutralised and redacted', () => {
		const crashing = find(snapshot, names.crashing);
		expect(crashing.state).toBe('exited');
		expect(crashing.exitCode).toBe(3);
		// The engine copies stdout and stderr separately, so their order relative to each other may vary.
		const lines = crashing.logs?.lines ?? [];
		expect(lines.filter(line => line.stream === 'stdout').map(line => line.text)).toEqual(['red ok']);
		expect(lines.filter(line => line.stream === 'stderr').map(line => line.text)).toEqual(['using [redacted] now', 'fatal: boom']);
		expect(crashing.logs?.lines[0]?.timestamp).toMatch(/^\d{4}-\d\d-\d\dT/);
	});

	it('reads a TTY container’s raw log', () => {
		expect(find(snapshot, names.tty).logs?.lines.map(line => line.text)).toEqual(['tty-one', 'tty-two']);
	});

	it('bounds the log tail in lines and says so', () => {
		const noisy = find(snapshot, names.noisy);
		expect(noisy.logs?.lines).toHaveLength(200);
		expect(noisy.logs?.lines.at(-1)?.text).toBe('line 299');
		expect(noisy.logs?.truncated).toBe(true);
	});

	it('bounds the log tail in bytes, keeping the newest lines', async () => {
		const bounded = await scanEngine({environment: {}, project, logLimits: {maximumLines: 200, maximumBytes: 2048}});
		const noisy = find(bounded, names.noisy);
		expect(noisy.logs?.truncated).toBe(true);
		expect(noisy.logs?.lines.length).toBeLessThan(200);
		expect(noisy.logs?.lines.at(-1)?.text).toBe('line 299');
	});

	it('records a never-started container without an error', () => {
		const created = find(snapshot, names.created);
		expect(created).toMatchObject({state: 'created', exitCode: 0});
		expect(created.startedAt).toBeUndefined();
		expect(created.error).toBeUndefined();
	});

	it('records a container that vanishes mid-scan and goes on', async () => {
		const victim = uniqueName('vanish');
		const victimId = docker(['run', '-d', '--name', victim, ...projectLabels('vanish'), testImage, 'sleep', '600']);
		const proxy = await engineProxy(request => {
			if (request.url?.includes(`/containers/${victimId}/json`)) {
				execFileSync('docker', ['rm', '-f', victimId]);
			}

			return 'forward';
		});
		try {
			const scanned = await scanEngine({environment: {}, host: `unix://${proxy.socket}`, project});
			expect(scanned.engine.host).toBe(`unix://${proxy.socket}`);
			expect(scanned.containers.map(container => container.name)).not.toContain(victim);
			expect(scanned.containers.map(container => container.name)).toContain(names.web);
			expect(scanned.problems).toEqual([{container: victim, operation: 'inspect', message: 'the container was removed during the scan'}]);
		} finally {
			await proxy.close();
		}
	});

	it('gives up on an engine that accepts but never answers, with a typed timeout', async () => {
		const proxy = await engineProxy(() => 'hang');
		try {
			const error = await scanEngine({environment: {}, host: `unix://${proxy.socket}`, connectTimeoutMs: 1500}).catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(EngineError);
			expect((error as EngineError).kind).toBe('timeout');
			expect((error as EngineError).message).toBe(`Docker at unix://${proxy.socket} did not answer in time`);
		} finally {
			await proxy.close();
		}
	});

	it('says the engine is unreachable when nothing listens, honouring DOCKER_HOST', async () => {
		const error = await scanEngine({environment: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'}}).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(EngineError);
		expect((error as EngineError).kind).toBe('unreachable');
		expect((error as EngineError).message).toBe('Docker is not reachable at unix:///nonexistent/docker.sock');
		expect((error as EngineError).hint).toBe('check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)');
	});

	it('says the engine is unreachable on a closed tcp port', async () => {
		const server = net.createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as net.AddressInfo;
		await new Promise<void>(resolve => server.close(() => resolve()));
		const error = await scanEngine({environment: {}, host: `tcp://127.0.0.1:${port}`}).catch((error_: unknown) => error_);
		expect((error as EngineError).kind).toBe('unreachable');
		expect((error as EngineError).message).toBe(`Docker is not reachable at tcp://127.0.0.1:${port}`);
	});
});
