/**
 * Docker contexts on the real engine: contexts made by the docker CLI itself in a config
 * directory of the test's own, one reaching the engine through another path (a symlink to its
 * socket), one whose socket nobody listens on. With DOCKER_HOST unset, unblock goes where the
 * docker CLI goes, and says which context it used.
 */
import {mkdtempSync, rmSync, symlinkSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';
import {runCli} from '../support/run-cli.js';

const engineSocket = '/var/run/docker.sock';

describeWithEngine('docker contexts', () => {
	const project = uniqueName('contexts');
	const crashed = uniqueName('contexts-crashed');
	let directory = '';
	let config = '';
	let viaContext = '';
	let deadSocket = '';
	/** What the child gets: no DOCKER_HOST or DOCKER_CONTEXT of the machine's, this test's config. */
	let environment: Record<string, string | undefined> = {};
	const cli = (args: readonly string[], extra: Record<string, string | undefined> = {}) => runCli(args, {env: {...environment, ...extra}});
	const dockerWithConfig = (args: readonly string[]) => docker(['--config', config, ...args]);

	beforeAll(async () => {
		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-contexts-'));
		config = path.join(directory, 'docker-config');
		viaContext = path.join(directory, 'engine.sock');
		deadSocket = path.join(directory, 'nobody-listens.sock');
		symlinkSync(engineSocket, viaContext);
		environment = {DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined, DOCKER_CONFIG: config, HOME: directory};
		// Made and chosen by the docker CLI, so the files are exactly those it writes.
		dockerWithConfig(['context', 'create', 'unblock-linked', '--docker', `host=unix://${viaContext}`]);
		dockerWithConfig(['context', 'create', 'unblock-dead', '--docker', `host=unix://${deadSocket}`]);
		dockerWithConfig(['context', 'use', 'unblock-linked']);
		docker(['run', '-d', '--name', crashed, ...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': 'worker'}), testImage, 'sh', '-c', 'echo "fatal: could not connect" >&2; exit 3']);
		expect(await waitFor(() => inspectState(crashed).Status === 'exited')).toBe(true);
	});

	afterAll(() => {
		removeTestResources();
		rmSync(directory, {recursive: true, force: true});
	});

	it('the docker CLI itself reaches the engine through the current context', () => {
		expect(dockerWithConfig(['context', 'show'])).toBe('unblock-linked');
		expect(dockerWithConfig(['ps', '-a', '--filter', `name=${crashed}`, '--format', '{{.Names}}'])).toBe(crashed);
	});

	it('diagnose uses the current context and names it', () => {
		const result = cli(['diagnose', '--project', project]);
		expect(result.code).toBe(1);
		const apiVersion = docker(['version', '--format', '{{.Server.APIVersion}}']);
		expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^Docker \\S+ \\(API ${apiVersion.replace('.', '\\.')}\\) at unix://${viaContext.replaceAll(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(context unblock-linked\\)$`));
		expect(result.stdout).toContain(crashed);
		expect(result.stdout).toContain('fatal: could not connect');
	});

	it('--json says which context and endpoint', () => {
		const result = cli(['diagnose', '--json', '--project', project]);
		const report = JSON.parse(result.stdout) as {engine: {host: string; context?: string; reachable: boolean}; containers: Array<{name: string}>};
		expect(report.engine).toMatchObject({reachable: true, host: `unix://${viaContext}`, context: 'unblock-linked'});
		expect(report.containers.map(container => container.name)).toEqual([crashed]);
	});

	it('a context whose engine does not answer is named, with the hint to use another', () => {
		const result = cli(['diagnose', '--project', project], {DOCKER_CONTEXT: 'unblock-dead'});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`unblock: Docker is not reachable at unix://${deadSocket} (context "unblock-dead"): start the engine of docker context "unblock-dead", or set DOCKER_CONTEXT to another one (docker context ls lists them)\n`);
	});

	it('the current context, when it is the one that does not answer, points at docker context use', () => {
		const dead = mkdtempSync(path.join(os.tmpdir(), 'unblock-contexts-dead-'));
		try {
			docker(['--config', dead, 'context', 'create', 'unblock-dead', '--docker', `host=unix://${deadSocket}`]);
			docker(['--config', dead, 'context', 'use', 'unblock-dead']);
			const result = cli(['diagnose', '--json'], {DOCKER_CONFIG: dead});
			expect(result.code).toBe(2);
			expect(JSON.parse(result.stdout)).toEqual({
				engine: {reachable: false, host: `unix://${deadSocket}`, context: 'unblock-dead'},
				error: `Docker is not reachable at unix://${deadSocket} (context "unblock-dead")`,
				hint: 'start the engine of docker context "unblock-dead", or switch with docker context use <name> (docker context ls lists them)',
				containers: [],
				findings: [],
			});
		} finally {
			rmSync(dead, {recursive: true, force: true});
		}
	});

	it('--context picks another context than the current one', () => {
		const result = cli(['diagnose', '--project', project, '--context', 'unblock-dead']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('(context "unblock-dead"): start the engine of docker context "unblock-dead", or pass another --context');
	});

	it('DOCKER_HOST wins over the current context, as for the docker CLI', () => {
		const result = cli(['diagnose', '--project', project], {DOCKER_HOST: `unix://${engineSocket}`});
		expect(result.code).toBe(1);
		expect(result.stdout.split('\n')[0]).toMatch(/ at unix:\/\/\/var\/run\/docker\.sock$/);
	});

	it('a context that does not exist is refused, naming it', () => {
		const result = cli(['diagnose'], {DOCKER_CONTEXT: 'unblock-nosuch'});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`unblock: there is no docker context "unblock-nosuch" (in ${config}): docker context ls lists the contexts; docker context use <name> switches\n`);
	});
});
