import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runCheck} from '../../source/adapters/checks/run-check.js';
import {checkSchema, type Check} from '../../source/core/playbook-schema.js';
import {
	describeWithEngine,
	docker,
	inspectState,
	labelArgs,
	removeTestResources,
	testImage,
	uniqueName,
	waitFor,
} from '../support/engine.js';

/** A check as a playbook would give it, defaults filled in by the schema. */
function check(input: Record<string, unknown>): Check {
	return checkSchema.parse(input);
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const {port} = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

function run(name: string, args: readonly string[]): void {
	docker(['run', '-d', '--name', name, ...labelArgs(), ...args]);
}

describeWithEngine('checks on the real engine', () => {
	const names = {
		running: uniqueName('running'),
		restarting: uniqueName('restarting'),
		exited: uniqueName('exited'),
		healthy: uniqueName('healthy'),
		unhealthy: uniqueName('unhealthy'),
		web: uniqueName('web'),
		logger: uniqueName('logger'),
		files: uniqueName('files'),
	};
	let webPort = 0;
	let hostDirectory = '';
	let afterOldLogLine = 0;

	beforeAll(async () => {
		webPort = await freePort();
		run(names.running, [testImage, 'sleep', '3600']);
		run(names.restarting, ['--restart', 'always', testImage, 'sh', '-c', 'exit 1']);
		run(names.exited, [testImage, 'sh', '-c', 'exit 3']);
		run(names.healthy, ['--health-cmd', 'exit 0', '--health-interval', '1s', testImage, 'sleep', '3600']);
		run(names.unhealthy, ['--health-cmd', 'echo probe says no; exit 1', '--health-interval', '1s', '--health-retries', '1', testImage, 'sleep', '3600']);
		run(names.web, ['-p', `127.0.0.1:${webPort}:80`, testImage, 'sh', '-c', 'mkdir -p /www && echo ok > /www/index.html && exec httpd -f -p 80 -h /www']);
		run(names.logger, [testImage, 'sh', '-c', 'echo "FATAL: data directory has wrong ownership"; exec sleep 3600']);
		run(names.files, [testImage, 'sh', '-c', 'mkdir -p /srv/data && chown 1000:1000 /srv/data && chmod 700 /srv/data && touch /srv/note && exec sleep 3600']);

		hostDirectory = mkdtempSync(path.join(os.tmpdir(), 'unblock-path-check-'));
		chmodSync(hostDirectory, 0o700);

		await waitFor(() => inspectState(names.exited).Status === 'exited');
		await waitFor(() => inspectState(names.unhealthy).Health?.Status === 'unhealthy');
		await waitFor(() => docker(['logs', names.logger]).includes('FATAL'));
		await waitFor(() => docker(['exec', names.files, 'ls', '/srv/note'], {allowFailure: true}) === '/srv/note');
		// The log line is older than this moment, so a check since now must not see it.
		await new Promise(resolve => setTimeout(resolve, 1100));
		afterOldLogLine = Date.now();
	});

	afterAll(() => {
		removeTestResources();
		rmSync(hostDirectory, {recursive: true, force: true});
	});

	describe('container-running', () => {
		test('passes for a container that stays up', async () => {
			const result = await runCheck(check({type: 'container-running', container: names.running, stableSeconds: 1, timeoutSeconds: 10}));
			expect(result.status).toBe('pass');
			expect(result.detail).toMatch(/^running for \d+s, no restart$/);
		});

		test('fails for a container in a restart loop', async () => {
			const result = await runCheck(check({type: 'container-running', container: names.restarting, stableSeconds: 3, timeoutSeconds: 5}));
			expect(result.status).toBe('fail');
			expect(result.detail).toMatch(/restart/);
		});

		test('fails for an exited container with its exit code, without waiting for what nothing will start', async () => {
			// A minute to wait, yet no restart policy will start it: the check answers from one look.
			const result = await runCheck(check({type: 'container-running', container: names.exited, stableSeconds: 1, timeoutSeconds: 60}));
			expect(result).toEqual({status: 'fail', detail: `container ${names.exited} is exited (exit code 3)`});
		});

		test('fails for a container that does not exist', async () => {
			const result = await runCheck(check({type: 'container-running', container: 'unblock-test-no-such-container', timeoutSeconds: 1}));
			// Gone for now is "not yet" until the deadline (a recreate), then a failure that says so.
			expect(result).toEqual({status: 'fail', detail: 'there is no container named unblock-test-no-such-container (yet)'});
		});

		test('waits for a container that is not there yet, as during a recreate, and passes once it stays up', async () => {
			const later = uniqueName('recreated');
			const checking = runCheck(check({type: 'container-running', container: later, stableSeconds: 2, timeoutSeconds: 30}));
			await new Promise(resolve => {
				setTimeout(resolve, 2000);
			});
			run(later, [testImage, 'sleep', '3600']);
			const result = await checking;
			expect(result.status).toBe('pass');
			expect(result.detail).toMatch(/^running for \d+s, no restart$/);
		});

		test('refuses a hostile container name before it reaches the engine', async () => {
			const result = await runCheck(check({type: 'container-running', container: 'x; rm -rf ~', timeoutSeconds: 1}));
			expect(result).toEqual({status: 'fail', detail: '"x; rm -rf ~" is not a container name'});
		});
	});

	describe('container-healthy', () => {
		test('passes once the health check reports healthy', async () => {
			const result = await runCheck(check({type: 'container-healthy', container: names.healthy, timeoutSeconds: 20}));
			expect(result).toEqual({status: 'pass', detail: 'healthy'});
		});

		test('fails for an unhealthy container with what the probe said', async () => {
			const result = await runCheck(check({type: 'container-healthy', container: names.unhealthy, timeoutSeconds: 3}));
			expect(result.status).toBe('fail');
			expect(result.detail).toMatch(/^unhealthy, \d+ failed probes in a row; the last probe exited 1: probe says no$/);
		});

		test('fails at once for a container without a health check', async () => {
			const result = await runCheck(check({type: 'container-healthy', container: names.running, timeoutSeconds: 20}));
			expect(result).toEqual({status: 'fail', detail: `container ${names.running} has no health check`});
		});
	});

	describe('port-free and port-listening', () => {
		let server: net.Server;
		let takenPort = 0;

		beforeAll(async () => {
			server = net.createServer(socket => socket.end());
			await new Promise<void>(resolve => {
				server.listen(0, '127.0.0.1', resolve);
			});
			takenPort = (server.address() as net.AddressInfo).port;
		});

		afterAll(async () => {
			await new Promise(resolve => {
				server.close(resolve);
			});
		});

		test('port-free passes for a port nothing holds', async () => {
			const port = await freePort();
			const result = await runCheck(check({type: 'port-free', port: String(port), timeoutSeconds: 2}));
			expect(result).toEqual({status: 'pass', detail: `port ${port} is free`});
		});

		test('port-free fails for a port a process listens on', async () => {
			const result = await runCheck(check({type: 'port-free', port: String(takenPort), timeoutSeconds: 1}));
			expect(result).toEqual({status: 'fail', detail: `port ${takenPort} is in use on this host`});
		});

		test('port-free fails for a port a container publishes', async () => {
			const result = await runCheck(check({type: 'port-free', port: String(webPort), timeoutSeconds: 1}));
			expect(result).toEqual({status: 'fail', detail: `port ${webPort} is in use on this host`});
		});

		test('port-free refuses what is not a port', async () => {
			const result = await runCheck(check({type: 'port-free', port: '80; reboot'}));
			expect(result).toEqual({status: 'fail', detail: '"80; reboot" is not a port number (1 to 65535)'});
		});

		test('port-listening passes where something accepts connections', async () => {
			const result = await runCheck(check({type: 'port-listening', port: String(takenPort), timeoutSeconds: 2}));
			expect(result).toEqual({status: 'pass', detail: `127.0.0.1:${takenPort} accepts connections`});
		});

		test('port-listening fails where nothing listens', async () => {
			const port = await freePort();
			const result = await runCheck(check({type: 'port-listening', port: String(port), timeoutSeconds: 1}));
			expect(result).toEqual({status: 'fail', detail: `nothing accepts connections on 127.0.0.1:${port} (connection refused)`});
		});
	});

	describe('http', () => {
		test('passes when the endpoint answers the expected status', async () => {
			const result = await runCheck(check({type: 'http', url: `http://127.0.0.1:${webPort}/index.html`, timeoutSeconds: 15}));
			expect(result).toEqual({status: 'pass', detail: `GET http://127.0.0.1:${webPort}/index.html answered 200`});
		});

		test('fails with the status it got instead', async () => {
			const result = await runCheck(check({type: 'http', url: `http://127.0.0.1:${webPort}/missing`, timeoutSeconds: 2}));
			expect(result).toEqual({status: 'fail', detail: `GET http://127.0.0.1:${webPort}/missing answered 404, expected 200`});
		});

		test('passes when a 404 is what is expected', async () => {
			const result = await runCheck(check({type: 'http', url: `http://127.0.0.1:${webPort}/missing`, status: 404, timeoutSeconds: 5}));
			expect(result).toEqual({status: 'pass', detail: `GET http://127.0.0.1:${webPort}/missing answered 404`});
		});

		test('fails when nothing answers', async () => {
			const port = await freePort();
			const result = await runCheck(check({type: 'http', url: `http://127.0.0.1:${port}/`, timeoutSeconds: 1}));
			expect(result).toEqual({status: 'fail', detail: `GET http://127.0.0.1:${port}/ failed: connection refused`});
		});
	});

	describe('container-command', () => {
		test('passes when the command exits 0 and its output matches', async () => {
			const result = await runCheck(check({type: 'container-command', container: names.running, command: ['id', '-u', 'app'], outputMatches: '^1000$'}));
			expect(result).toEqual({status: 'pass', detail: 'id -u app exited 0 and printed: 1000'});
		});

		test('fails with the exit code and the last line it printed', async () => {
			const result = await runCheck(check({type: 'container-command', container: names.running, command: ['cat', '/no/such/file'], timeoutSeconds: 3}));
			expect(result).toEqual({status: 'fail', detail: 'cat /no/such/file exited 1, expected 0: cat: can\'t open \'/no/such/file\': No such file or directory'});
		});

		test('fails when the output does not match', async () => {
			const result = await runCheck(check({type: 'container-command', container: names.running, command: ['id', '-u', 'app'], outputMatches: '^0$', timeoutSeconds: 3}));
			expect(result).toEqual({status: 'fail', detail: 'id -u app exited 0 but printed nothing matching /^0$/: 1000'});
		});

		test('passes a hostile value as one literal argument', async () => {
			const result = await runCheck(check({type: 'container-command', container: names.running, command: ['echo', 'x; rm -rf / $(reboot)'], outputMatches: 'rm -rf'}));
			expect(result).toEqual({status: 'pass', detail: 'echo \'x; rm -rf / $(reboot)\' exited 0 and printed: x; rm -rf / $(reboot)'});
		});

		test('fails when the container is not running', async () => {
			const result = await runCheck(check({type: 'container-command', container: names.exited, command: ['true'], timeoutSeconds: 3}));
			expect(result).toEqual({status: 'fail', detail: `true could not run in ${names.exited}: container ${names.exited} is not running`});
		});
	});

	describe('host-command', () => {
		test('passes when the command exits 0 and its output matches', async () => {
			const result = await runCheck(check({type: 'host-command', command: ['docker', 'inspect', '--format', '{{.State.Status}}', names.running], outputMatches: '^running$'}));
			expect(result).toEqual({status: 'pass', detail: `docker inspect --format '{{.State.Status}}' ${names.running} exited 0 and printed: running`});
		});

		test('fails with the exit code', async () => {
			const result = await runCheck(check({type: 'host-command', command: ['sh', '-c', 'echo nope >&2; exit 4'], timeoutSeconds: 3}));
			expect(result).toEqual({status: 'fail', detail: 'sh -c \'echo nope >&2; exit 4\' exited 4, expected 0: nope'});
		});

		test('passes when the expected exit code is not 0', async () => {
			const result = await runCheck(check({type: 'host-command', command: ['docker', 'inspect', 'unblock-test-no-such-container'], exitCode: 1}));
			expect(result.status).toBe('pass');
		});

		test('fails when the command is not installed', async () => {
			const result = await runCheck(check({type: 'host-command', command: ['unblock-no-such-tool'], oneShot: true}));
			expect(result).toEqual({status: 'fail', detail: 'unblock-no-such-tool could not start: unblock-no-such-tool was not found; is it installed and on the PATH?'});
		});

		test('looks again until what it checks has settled (a process that dies a moment after kill)', async () => {
			const marker = path.join(hostDirectory, 'settled');
			const checking = runCheck(check({type: 'host-command', command: ['test', '-e', marker], timeoutSeconds: 20}));
			setTimeout(() => {
				writeFileSync(marker, '');
			}, 2000);
			const result = await checking;
			expect(result).toEqual({status: 'pass', detail: `test -e ${marker} exited 0`});
		});

		test('a one-shot check looks once', async () => {
			const result = await runCheck(check({type: 'host-command', command: ['test', '-e', path.join(hostDirectory, 'never')], timeoutSeconds: 20, oneShot: true}));
			expect(result.status).toBe('fail');
		});

		test('fails when the command outlives the timeout', async () => {
			const result = await runCheck(check({type: 'host-command', command: ['sleep', '30'], timeoutSeconds: 1}));
			expect(result.status).toBe('fail');
			expect(result.detail).toMatch(/^sleep 30 did not finish within \ds$/);
		});
	});

	describe('log-absent', () => {
		test('passes when the line was logged only before the step started', async () => {
			const result = await runCheck(check({type: 'log-absent', container: names.logger, pattern: 'FATAL: data directory'}), {since: afterOldLogLine});
			expect(result.status).toBe('pass');
			expect(result.detail).toMatch(/^no line matches \/FATAL: data directory\/ in the \d+s since \d\d:\d\d:\d\d UTC \(0 lines read\)$/);
		});

		test('fails with the line when it was logged since the step started', async () => {
			const result = await runCheck(check({type: 'log-absent', container: names.logger, pattern: 'FATAL: data directory'}), {since: afterOldLogLine - 60_000});
			expect(result.status).toBe('fail');
			expect(result.detail).toMatch(/^logged since \d\d:\d\d:\d\d UTC: FATAL: data directory has wrong ownership$/);
		});
	});

	describe('path', () => {
		test('passes on the host with the right kind, owner and mode', async () => {
			const uid = process.getuid?.() ?? 0;
			const result = await runCheck(check({type: 'path', path: hostDirectory, kind: 'directory', owner: String(uid), mode: '0700'}));
			expect(result.status).toBe('pass');
			expect(result.detail).toBe(`${hostDirectory} is a directory owned by ${uid}:${process.getgid?.() ?? 0} with mode 0700`);
		});

		test('fails on the host with what differs', async () => {
			const uid = process.getuid?.() ?? 0;
			const result = await runCheck(check({type: 'path', path: hostDirectory, kind: 'file', owner: String(uid + 1), mode: '0755', timeoutSeconds: 3}));
			expect(result).toEqual({
				status: 'fail',
				detail: `${hostDirectory} is a directory owned by ${uid}:${process.getgid?.() ?? 0} with mode 0700; expected a file, owner ${uid + 1}, mode 0755`,
			});
		});

		test('passes on the host when a path that must be gone is gone', async () => {
			const result = await runCheck(check({type: 'path', path: path.join(hostDirectory, 'gone'), exists: false}));
			expect(result).toEqual({status: 'pass', detail: `${path.join(hostDirectory, 'gone')} does not exist`});
		});

		test('passes inside a container with the right owner and mode', async () => {
			const result = await runCheck(check({type: 'path', container: names.files, path: '/srv/data', kind: 'directory', owner: '1000:1000', mode: '700'}));
			expect(result).toEqual({status: 'pass', detail: `/srv/data in ${names.files} is a directory owned by 1000:1000 with mode 0700`});
		});

		test('fails inside a container with the wrong owner', async () => {
			const result = await runCheck(check({type: 'path', container: names.files, path: '/srv/data', owner: '0', timeoutSeconds: 3}));
			expect(result).toEqual({status: 'fail', detail: `/srv/data in ${names.files} is a directory owned by 1000:1000 with mode 0700; expected owner 0`});
		});

		test('fails inside a container when the path is missing', async () => {
			const result = await runCheck(check({type: 'path', container: names.files, path: '/srv/missing', timeoutSeconds: 3}));
			expect(result).toEqual({status: 'fail', detail: `/srv/missing in ${names.files} does not exist`});
		});

		test('a path starting with a dash stays a path', async () => {
			const result = await runCheck(check({type: 'path', container: names.files, path: '-L', exists: false}));
			expect(result).toEqual({status: 'pass', detail: `-L in ${names.files} does not exist`});
		});
	});
});
