/**
 * unblock on a real Podman service (`podman system service`, its Docker-compatible API): the
 * scan lists, inspects and reads the logs of containers the podman CLI created and ran, the
 * report names Podman, the event stream that drives rescans follows Podman's events, and a
 * check's exec runs through it.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {ContainerChangeWatch} from '../../source/adapters/container-change-watch.js';
import {connectToEngine} from '../../source/adapters/docker-client.js';
import {scanEngine} from '../../source/adapters/docker-engine.js';
import {runCheck} from '../../source/adapters/checks/run-check.js';
import {ScanSession} from '../../source/adapters/scan-session.js';
import {ensureBusyboxImage} from '../../bench/busybox-image.js';
import {checkSchema} from '../../source/core/playbook-schema.js';
import type {Snapshot} from '../../source/core/snapshot.js';
import {labelArgs, testImage, uniqueName, waitFor} from '../support/docker-cli.js';
import {describeWithPodman, podman, podmanLimits, removePodmanTestResources} from '../support/podman.js';
import {runCli} from '../support/run-cli.js';

describeWithPodman('unblock on Podman', host => {
	const project = uniqueName('podman');
	const names = {crashed: uniqueName('podman-crashed'), running: uniqueName('podman-running'), created: uniqueName('podman-created')};
	const secret = 'podman-s3cret-value';
	let mountSource = '';
	let snapshot: Snapshot;
	const state = (name: string) => podman(host, ['inspect', '--format', '{{.State.Status}}', name]);
	const id = (name: string) => podman(host, ['inspect', '--format', '{{.Id}}', name]);

	beforeAll(async () => {
		ensureBusyboxImage(['podman', '--url', host]);
		mountSource = mkdtempSync(path.join(os.tmpdir(), 'unblock-podman-data-'));
		const labels = (service: string) => labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service});
		podman(host, ['run', '-d', '--name', names.crashed, ...labels('worker'), ...podmanLimits, '-e', `DB_PASSWORD=${secret}`, testImage, 'sh', '-c', `echo "connecting with $DB_PASSWORD"; echo "FATAL: password authentication failed for user app" >&2; exit 2`]);
		podman(host, ['run', '-d', '--name', names.running, ...labels('web'), ...podmanLimits, testImage, 'sleep', '600']);
		podman(host, ['create', '--name', names.created, ...labels('db'), ...podmanLimits, '-v', `${mountSource}:/data`, testImage, 'sleep', '600']);
		expect(await waitFor(() => state(names.crashed) === 'exited')).toBe(true);
		snapshot = await scanEngine({host, environment: {}, project});
	}, 180_000);

	afterAll(() => {
		removePodmanTestResources(host);
		rmSync(mountSource, {recursive: true, force: true});
	});

	it('names Podman, its version and the API it speaks', () => {
		expect(snapshot.engine).toMatchObject({
			reachable: true,
			host,
			product: 'podman',
			version: podman(host, ['version', '--format', '{{.Server.Version}}']),
			apiVersion: expect.stringMatching(/^1\.\d+$/) as string,
		});
		expect(snapshot.problems).toEqual([]);
	});

	it('lists the project\'s containers and inspects each', () => {
		expect(snapshot.containers.map(container => container.name).sort()).toEqual(Object.values(names).sort());
		const byName = new Map(snapshot.containers.map(container => [container.name, container]));
		expect(byName.get(names.crashed)).toMatchObject({state: 'exited', exitCode: 2, project, service: 'worker'});
		expect(byName.get(names.running)).toMatchObject({state: 'running', project, service: 'web'});
		expect(byName.get(names.created)).toMatchObject({state: 'created', project, service: 'db'});
		expect(byName.get(names.created)?.mounts).toContainEqual(expect.objectContaining({type: 'bind', source: mountSource, destination: '/data'}));
	});

	it('reads the logs of the container that failed, redacted where text enters', () => {
		const crashed = snapshot.containers.find(container => container.name === names.crashed);
		expect(crashed?.logs?.lines.map(line => [line.stream, line.text]).sort()).toEqual([
			['stderr', 'FATAL: password authentication failed for user app'],
			['stdout', 'connecting with [redacted]'],
		]);
		expect(crashed?.env).toContain('DB_PASSWORD=[redacted]');
		expect(JSON.stringify(snapshot.containers)).not.toContain(secret);
	});

	it('diagnose reports it as Podman, with the finding', () => {
		const result = runCli(['diagnose', '--host', host, '--project', project]);
		expect(result.code).toBe(1);
		expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^Podman \\S+ \\(API 1\\.\\d+\\) at ${host.replaceAll('/', '\\/').replaceAll('.', '\\.')}$`));
		expect(result.stdout).toContain(`✗ ${names.crashed}`);
		expect(result.stdout).toContain('FATAL: password authentication failed for user app');
		expect(result.stdout).not.toContain(secret);
	});

	it('runs a check\'s command in a container through the same API', async () => {
		const connection = connectToEngine({host}, {});
		try {
			const check = checkSchema.parse({type: 'container-command', container: names.running, command: ['sh', '-c', 'echo on podman; exit 4'], exitCode: 4, outputMatches: 'on podman'});
			expect(await runCheck(check, {engine: () => connection})).toEqual({status: 'pass', detail: 'sh -c \'echo on podman; exit 4\' exited 4 and printed: on podman'});
		} finally {
			connection.close();
		}
	});
	it('follows Podman\'s events, so a rescan sees what changed', async () => {
		const connection = connectToEngine({host}, {});
		const watch = await ContainerChangeWatch.start(connection, 5000, () => performance.now());
		const session = new ScanSession(connectToEngine({host}, {}));
		try {
			expect((await scanEngine({environment: {}, project, session})).containers.find(container => container.name === names.created)?.state).toBe('created');
			const askedAt = performance.now();
			podman(host, ['start', names.created]);
			expect(await waitFor(() => watch.changedSince(id(names.created), askedAt), 15_000)).toBe(true);
			// Podman's own events ("sync", "init", "cleanup") are read as changes, never as an end of the stream.
			expect(watch.following).toBe(true);
			const rescanned = await scanEngine({environment: {}, project, session});
			expect(rescanned.containers.find(container => container.name === names.created)?.state).toBe('running');
		} finally {
			watch.stop();
			connection.close();
			session.close();
		}
	});
});
