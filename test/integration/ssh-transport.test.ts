/**
 * DOCKER_HOST=ssh://... on the real engine. A fake `ssh` first on PATH ignores where it is sent
 * and relays its stdin and stdout to /var/run/docker.sock, as `docker system dial-stdio` does on
 * the remote end, so the scan, its logs and a check's exec all travel the way they would over ssh.
 */
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {connectToEngine} from '../../source/adapters/docker-client.js';
import {EngineError, scanEngine} from '../../source/adapters/docker-engine.js';
import {runCheck} from '../../source/adapters/checks/run-check.js';
import {checkSchema} from '../../source/core/playbook-schema.js';
import type {Snapshot} from '../../source/core/snapshot.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';
import {installFakeSsh, type FakeSsh} from '../support/fake-ssh.js';

const engineSocket = '/var/run/docker.sock';
const host = 'ssh://deploy@engine.example:2222';

describeWithEngine('the engine over ssh', () => {
	const project = uniqueName('ssh');
	const names = {crashed: uniqueName('ssh-crashed'), running: uniqueName('ssh-running')};
	let fake: FakeSsh;
	let snapshot: Snapshot;

	beforeAll(async () => {
		if (!existsSync(engineSocket)) {
			throw new Error(`the ssh relay needs the engine at ${engineSocket}`);
		}

		const labels = (service: string) => labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service});
		docker(['run', '-d', '--name', names.crashed, ...labels('worker'), testImage, 'sh', '-c', 'echo "connecting to db"; echo "fatal: password authentication failed" >&2; exit 2']);
		docker(['run', '-d', '--name', names.running, ...labels('web'), testImage, 'sleep', '600']);
		expect(await waitFor(() => inspectState(names.crashed).Status === 'exited')).toBe(true);
		fake = installFakeSsh({socketPath: engineSocket});
		snapshot = await scanEngine({environment: {DOCKER_HOST: host}, project});
	});

	afterAll(() => {
		fake?.remove();
		removeTestResources();
	});

	it('starts ssh with an argv naming user, port and host, and no shell', () => {
		expect(fake.calls().length).toBeGreaterThan(0);
		expect(new Set(fake.calls().map(call => call.join(' ')))).toEqual(new Set([
			'-o ConnectTimeout=30 -o BatchMode=yes -T -l deploy -p 2222 -- engine.example docker system dial-stdio',
		]));
	});

	it('scans the remote engine: version, containers and logs', () => {
		expect(snapshot.engine).toMatchObject({reachable: true, host, apiVersion: docker(['version', '--format', '{{.Server.APIVersion}}'])});
		expect(snapshot.containers.map(container => container.name).sort()).toEqual(Object.values(names).sort());
		expect(snapshot.problems).toEqual([]);
		const crashed = snapshot.containers.find(container => container.name === names.crashed);
		expect(crashed).toMatchObject({state: 'exited', exitCode: 2});
		expect(crashed?.logs?.lines.map(line => line.text).sort()).toEqual(['connecting to db', 'fatal: password authentication failed']);
		// A remote engine's bind mounts and ports are not this machine's: nothing is read from here.
		expect(snapshot.hostListeners).toEqual([]);
	});

	it('runs a check\'s command inside a container over the same connection', async () => {
		const connection = connectToEngine({host}, {});
		try {
			const result = await runCheck(checkSchema.parse({type: 'container-command', container: names.running, command: ['sh', '-c', 'echo over ssh; echo and stderr >&2; exit 3'], exitCode: 3, outputMatches: 'over ssh'}), {engine: () => connection});
			expect(result).toEqual({status: 'pass', detail: 'sh -c \'echo over ssh; echo and stderr >&2; exit 3\' exited 3 and printed: over ssh'});
		} finally {
			connection.close();
		}
	});

	it('says what ssh said when it cannot connect', async () => {
		const refusing = installFakeSsh({socketPath: engineSocket, refuseWith: 'deploy@engine.example: Permission denied (publickey).'});
		try {
			const error = await scanEngine({environment: {DOCKER_HOST: host}, project}).catch((error_: unknown) => error_);
			expect(error).toBeInstanceOf(EngineError);
			expect([(error as EngineError).kind, (error as EngineError).message]).toEqual(['unreachable', `Docker is not reachable at ${host}: ssh exited with 255: deploy@engine.example: Permission denied (publickey).`]);
		} finally {
			refusing.remove();
		}
	});

	it('refuses a host that ssh would read as an option, before starting anything', async () => {
		const before = fake.calls().length;
		const error = await scanEngine({environment: {DOCKER_HOST: 'ssh://-oProxyCommand=touch%20pwned'}}).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(EngineError);
		expect([(error as EngineError).kind, (error as EngineError).message]).toEqual(['bad-host', '"ssh://-oProxyCommand=touch%20pwned" is not an engine address']);
		expect(fake.calls()).toHaveLength(before);
	});
});
