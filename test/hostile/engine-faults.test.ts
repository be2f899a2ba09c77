/**
 * The engine at its worst, against the built binary as a user runs it: no socket, a socket the
 * user may not open, an engine that accepts and never answers, one that dies mid-scan, a container
 * removed between list and inspect, an old API, thousands of containers, and an engine whose every
 * string carries escape sequences. Each gives a one-line explanation with a hint and exit code 2,
 * or a report that records what could not be read; search and playbooks never need the engine.
 */
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import {afterEach, describe, expect, test} from 'vitest';
import {cliPath} from '../support/run-cli.js';
import {runCliProcess, type CliRun} from './cli-process.js';
import {containerSummary, engineBasics, failedInspect, logFrames, sendJson, startFakeEngine, startSilentEngine, type FakeEngine} from './fake-engine.js';

// Any C0/C1 control character but tab and newline.
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const engines: FakeEngine[] = [];

afterEach(async () => {
	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

async function track(engine: Promise<FakeEngine>): Promise<FakeEngine> {
	const started = await engine;
	engines.push(started);
	return started;
}

async function diagnose(host: string, ...flags: string[]): Promise<CliRun> {
	return runCliProcess(['diagnose', ...flags], {env: {DOCKER_HOST: host}, timeout: 60_000});
}

describe('the engine cannot be reached', () => {
	test('no socket: one line with a hint, exit 2', async () => {
		const result = await diagnose('unix:///nonexistent/docker.sock');
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('unblock: Docker is not reachable at unix:///nonexistent/docker.sock: check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)\n');
	});

	test('no socket, --json: the reason and hint as JSON, exit 2', async () => {
		const result = await diagnose('unix:///nonexistent/docker.sock', '--json');
		expect(result.code).toBe(2);
		expect(JSON.parse(result.stdout)).toEqual({
			engine: {reachable: false, host: 'unix:///nonexistent/docker.sock'},
			error: 'Docker is not reachable at unix:///nonexistent/docker.sock',
			hint: 'check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)',
			containers: [],
			findings: [],
		});
	});

	test('a socket that accepts and never answers: exit 2 with a timeout, not a hang', async () => {
		const engine = await track(startSilentEngine());
		// The deadline here is the test's own guard; the assertion is on what the binary says.
		const result = await runCliProcess(['diagnose'], {env: {DOCKER_HOST: engine.host}, timeout: 30_000});
		expect(result.timedOut).toBe(false);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`unblock: Docker at ${engine.host} did not answer in time: check that the engine DOCKER_HOST points at is running and responsive (docker info)\n`);
	}, 40_000);

	test('permission denied on the socket (a user outside the docker group) explains the docker group', async () => {
		const socket = '/var/run/docker.sock';
		if (process.getuid?.() !== 0 || !existsSync('/usr/bin/setpriv') || !existsSync(socket)) {
			console.warn('[hostile] needs root, setpriv and /var/run/docker.sock to run as another user; skipped');
			return;
		}

		// As uid 65534 without supplementary groups, as a user who was never added to the docker group.
		const child = spawn('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cliPath, 'diagnose'], {
			env: {PATH: process.env.PATH, HOME: '/nonexistent', NO_COLOR: '1'},
			cwd: '/',
		});
		let stderr = '';
		child.stderr.setEncoding('utf8').on('data', (text: string) => {
			stderr += text;
		});
		const code = await new Promise<number | null>(resolve => {
			child.on('close', resolve);
		});
		expect(code).toBe(2);
		expect(stderr).toBe(`unblock: permission denied on unix://${socket}: add your user to the docker group (sudo usermod -aG docker $USER, then log in again), or run rootless Docker/Podman and set DOCKER_HOST\n`);
	});

	test('an engine that answers the list and then dies: exit 2, saying it stopped answering', async () => {
		const engine: FakeEngine = await track(startFakeEngine([
			...engineBasics(),
			[/^\/containers\/json$/, (_request, response) => {
				sendJson(response, 200, [containerSummary('a1', 'shop-db-1'), containerSummary('b2', 'shop-web-1')]);
				// The daemon goes away right after: every later request fails to connect.
				setImmediate(() => void engine.close());
			}],
		]));
		const result = await diagnose(engine.host);
		expect(result.code).toBe(2);
		expect(`${result.stdout}${result.stderr}`).toContain(engine.host);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
	});

	test('an engine that drops the connection of every inspect: the report does not say "No containers"', async () => {
		const engine = await track(startFakeEngine([
			...engineBasics(),
			[/^\/containers\/json$/, (_request, response) => {
				sendJson(response, 200, [containerSummary('a1', 'shop-db-1'), containerSummary('b2', 'shop-web-1')]);
			}],
			[/^\/containers\/[^/]+\/json$/, request => {
				request.socket.destroy();
			}],
		]));
		const result = await diagnose(engine.host);
		// Nothing could be read, so "nothing is broken" (exit 0) would be a lie.
		expect(result.code).not.toBe(0);
		expect(result.stdout).not.toContain('No containers.');
		expect(result.stdout).toContain('shop-db-1: inspect:');
		expect(result.stdout).toContain('shop-web-1: inspect:');
	});
});

describe('the engine answers, but not as expected', () => {
	test('API 1.24 and a container removed between list and inspect: the rest is reported, the removal recorded', async () => {
		const engine = await track(startFakeEngine([
			...engineBasics('1.24'),
			[/^\/containers\/json$/, (_request, response) => {
				sendJson(response, 200, [containerSummary('gone1', 'shop-gone-1'), containerSummary('web1', 'shop-web-1')]);
			}],
			[/^\/containers\/gone1\/json$/, (_request, response) => {
				sendJson(response, 404, {message: 'No such container: gone1'});
			}],
			[/^\/containers\/web1\/json$/, (_request, response) => {
				sendJson(response, 200, failedInspect('web1', 'shop-web-1'));
			}],
			[/^\/containers\/web1\/logs$/, (_request, response) => {
				response.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'});
				response.end(logFrames([{stream: 2, text: '2026-11-22T10:00:01.000000000Z Error: EACCES: permission denied, open \'/app/.next/trace\'\n'}]));
			}],
		]));
		const result = await diagnose(engine.host, '--json');
		expect(result.code).toBe(1);
		const report = JSON.parse(result.stdout) as {engine: {apiVersion: string}; containers: Array<{name: string}>; problems: unknown[]};
		expect(report.engine.apiVersion).toBe('1.24');
		expect(report.containers.map(container => container.name)).toEqual(['shop-web-1']);
		expect(report.problems).toEqual([{container: 'shop-gone-1', operation: 'inspect', message: 'the container was removed during the scan'}]);
	});

	test('3,000 containers are scanned with a bounded number of requests in flight', async () => {
		const count = 3000;
		const engine = await track(startFakeEngine([
			...engineBasics(),
			[/^\/containers\/json$/, (_request, response) => {
				sendJson(response, 200, Array.from({length: count}, (_, index) => containerSummary(`id${index}`, `load-${index}`)));
			}],
			[/^\/containers\/id\d+\/json$/, async (_request, response, url) => {
				const id = url.pathname.split('/').at(-2)!;
				await new Promise(resolve => {
					setTimeout(resolve, 2);
				});
				sendJson(response, 200, failedInspect(id, id.replace('id', 'load-')));
			}],
			[/^\/containers\/id\d+\/logs$/, (_request, response) => {
				response.writeHead(200);
				response.end(logFrames([{text: '2026-11-22T10:00:01Z Error: something failed\n'}]));
			}],
		]));
		const result = await runCliProcess(['diagnose', '--json'], {env: {DOCKER_HOST: engine.host}, timeout: 240_000});
		expect(result.code).toBe(1);
		expect((JSON.parse(result.stdout) as {containers: unknown[]}).containers).toHaveLength(count);
		expect(engine.requests.filter(request => request.endsWith('/json') && request.startsWith('/containers/id'))).toHaveLength(count);
		// A scan over a socket or TCP keeps at most 32 requests in flight (8 over ssh).
		expect(engine.maximumInFlight()).toBeLessThanOrEqual(32);
	}, 240_000);

	test('an engine whose every string carries escape sequences: nothing of them reaches the text or the JSON', async () => {
		const hostile = (text: string) => `\u001B]0;pwned\u0007${text}\u001B[2J\u0007\u009B31m`;
		const engine = await track(startFakeEngine([
			...engineBasics(),
			[/^\/containers\/json$/, (_request, response) => {
				sendJson(response, 200, [
					containerSummary('evil1', hostile('evil-web'), 'exited', {'com.docker.compose.project': hostile('shop')}),
					containerSummary('evil2', hostile('evil-gone')),
				]);
			}],
			[/^\/containers\/evil1\/json$/, (_request, response) => {
				const inspect = failedInspect('evil1', hostile('evil-web'), {Error: hostile('OCI runtime create failed'), Env: [hostile('MODE=x')]}) as {Config: Record<string, unknown>};
				inspect.Config.Image = hostile('busybox');
				inspect.Config.Labels = {'com.docker.compose.project': hostile('shop'), 'com.docker.compose.service': hostile('web')};
				sendJson(response, 200, inspect);
			}],
			[/^\/containers\/evil2\/json$/, (_request, response) => {
				sendJson(response, 500, {message: hostile('engine exploded')});
			}],
			[/^\/containers\/evil1\/logs$/, (_request, response) => {
				response.writeHead(200);
				response.end(logFrames([
					{text: `2026-11-22T10:00:01Z ${hostile('Error: EACCES: permission denied')}\n`},
					{stream: 2, text: Buffer.concat([Buffer.from('2026-11-22T10:00:02Z bytes '), Buffer.from([0xFF, 0x00, 0x07, 0x1B, 0x5B, 0x41, 0xC2, 0x9B, 0x0A])])},
				]));
			}],
		]));
		for (const flags of [[], ['--json']]) {
			const result = await diagnose(engine.host, ...flags);
			expect(result.code).toBe(1);
			expect(result.stdout).not.toMatch(controlCharacter);
			expect(result.stderr).not.toMatch(controlCharacter);
			expect(result.stdout).not.toMatch(/\\u001b|\\u0007|\\u0000|\\u009b/i);
			expect(result.stdout).toContain('Error: EACCES: permission denied');
		}
	});
});

describe('search and playbooks do not need the engine', () => {
	test.each([
		['a socket that does not exist', 'unix:///nonexistent/docker.sock'],
		['a host that cannot be parsed', 'gopher://nowhere'],
	])('with DOCKER_HOST at %s', async (_name, host) => {
		const searched = await runCliProcess(['search', '--json', 'exec: "curl": executable file not found in $PATH'], {env: {DOCKER_HOST: host}});
		expect(searched.code).toBe(0);
		expect(JSON.parse(searched.stdout).results[0].id).toBe('healthcheck-tool-missing');
		const listed = await runCliProcess(['playbooks', '--json'], {env: {DOCKER_HOST: host}});
		expect(listed.code).toBe(0);
		expect((JSON.parse(listed.stdout) as {playbooks: Array<{id: string}>}).playbooks.map(playbook => playbook.id)).toContain('healthcheck-tool-missing');
	});

	test('with a silent engine, search still answers at once', async () => {
		const engine = await track(startSilentEngine());
		const searched = await runCliProcess(['search', 'curl: not found'], {env: {DOCKER_HOST: engine.host}, timeout: 30_000});
		expect(searched.code).toBe(0);
		expect(engine.requests).toEqual([]);
	});
});
