/**
 * What a container's processes listen on, read on the real engine both ways: from the host's /proc
 * for its main process (a local engine), and by a read-only exec in the container (any engine).
 */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {connectToEngine, type EngineConnection} from '../../source/adapters/docker-client.js';
import {listenersMatter, readContainerListeners} from '../../source/adapters/container-listeners.js';
import type {InspectAnswer} from '../../source/adapters/engine-answers.js';
import {describeWithEngine, docker, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

describeWithEngine('container listeners', () => {
	const web = uniqueName('listening');
	const network = uniqueName('listening-net');
	let connection: EngineConnection;
	const inspect = (name: string) => (JSON.parse(docker(['inspect', name])) as InspectAnswer[])[0]!;

	beforeAll(async () => {
		docker(['network', 'create', ...labelArgs(), network]);
		// On a user-defined network the engine's own DNS server listens in the container too: not the container's.
		docker(['run', '-d', '--name', web, ...labelArgs(), '--network', network, '-p', '127.0.0.1::8080', testImage, 'sh', '-c', 'httpd -p 127.0.0.1:8080 && httpd -f -p 0.0.0.0:3000']);
		expect(await waitFor(() => docker(['exec', web, 'cat', '/proc/net/tcp', '/proc/net/tcp6']).includes(':0BB8'), 30_000)).toBe(true);
		connection = connectToEngine({}, {});
	});

	afterAll(() => {
		connection?.close();
		removeTestResources();
	});

	const expected = [{address: '0.0.0.0', port: 3000}, {address: '127.0.0.1', port: 8080}];

	it('reads them from /proc on a local engine, and by exec otherwise, alike', async () => {
		const answer = inspect(web);
		expect(listenersMatter(answer)).toBe(true);
		expect(await readContainerListeners(connection, answer, {local: true, timeoutMs: 3000})).toEqual({listeners: expected, via: 'proc'});
		expect(await readContainerListeners(connection, answer, {local: false, timeoutMs: 3000})).toEqual({listeners: expected, via: 'exec'});
	});

	it('gives nothing rather than a guess when the image has no cat, and the pid is not the container\'s', async () => {
		docker(['exec', web, 'rm', '/bin/cat']);
		const answer = inspect(web);
		expect(await readContainerListeners(connection, answer, {local: false, timeoutMs: 3000})).toBeUndefined();
		// A pid that is some other process (an engine in a VM): its cgroup does not name the container.
		expect(await readContainerListeners(connection, {...answer, State: {...answer.State, Pid: process.pid}}, {local: true, timeoutMs: 3000})).toBeUndefined();
	});
});
