/**
 * One answer of the engine goes wrong while the others are fine: cut off mid-answer, not JSON,
 * JSON of another shape, a 500, or never sent. `diagnose` (text and --json) and the wizard each
 * finish within the scan's own deadline, name the container and what could not be read of it, and
 * show every other container with its findings and evidence. A list of containers that cannot be
 * read leaves nothing to show: one line that says why, with a hint, and exit 2.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import type {IncomingMessage, ServerResponse} from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {runCliProcess, type CliRun} from './cli-process.js';
import {containerSummary, engineBasics, failedInspect, logFrames, sendJson, startFakeEngine, type FakeEngine, type Route} from './fake-engine.js';
import {renderRealWizard} from './real-wizard.js';
import {scanDeadlineMs} from './scan-deadline.js';

const containers = {
	db: {id: 'a1', name: 'shop-db-1', log: 'FATAL:  data directory "/var/lib/postgresql/data" has wrong ownership'},
	web: {id: 'b2', name: 'shop-web-1', log: 'Error: EACCES: permission denied, open \'/app/.next/trace\''},
};
const cache = {id: 'c3', name: 'shop-cache-1'};

function runningInspect(id: string, name: string): Record<string, unknown> {
	const inspect = failedInspect(id, name);
	return {...inspect, State: {Status: 'running', Running: true, Restarting: false, OOMKilled: false, Dead: false, ExitCode: 0, Error: '', StartedAt: '2026-11-22T10:00:01Z'}};
}

/** Two containers that exited with an error in their log, one running quietly. */
const healthyRoutes: Array<[RegExp, Route]> = [
	...engineBasics(),
	[/^\/containers\/json$/, (_request, response) => {
		sendJson(response, 200, [...Object.values(containers).map(({id, name}) => containerSummary(id, name)), containerSummary(cache.id, cache.name, 'running')]);
	}],
	[/^\/containers\/c3\/json$/, (_request, response) => {
		sendJson(response, 200, runningInspect(cache.id, cache.name));
	}],
	// A running container's log is read too (it can fail without its state showing it): this one is calm.
	[/^\/containers\/c3\/logs$/, (_request, response) => {
		response.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'});
		response.end(logFrames([{stream: 1, text: '2026-11-22T10:00:02.000000000Z Ready to accept connections\n'}]));
	}],
	...Object.values(containers).flatMap(({id, name, log}): Array<[RegExp, Route]> => [
		[new RegExp(`^/containers/${id}/json$`), (_request, response) => {
			sendJson(response, 200, failedInspect(id, name));
		}],
		[new RegExp(`^/containers/${id}/logs$`), (_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'});
			response.end(logFrames([{stream: 2, text: `2026-11-22T10:00:01.000000000Z ${log}\n`}]));
		}],
	]),
];

/** Sends the first half of `body`, then closes the connection: an engine that dies mid-answer. */
function cutShort(request: IncomingMessage, response: ServerResponse, body: Buffer, contentType = 'application/json'): void {
	response.writeHead(200, {'Content-Type': contentType, 'Content-Length': body.length});
	response.write(body.subarray(0, Math.floor(body.length / 2)), () => {
		request.socket.destroy();
	});
}

type ContainerFault = {
	readonly fault: string;
	/** Routes that answer in place of the healthy ones. */
	readonly routes: Array<[RegExp, Route]>;
	/** The report's line for what could not be read (the wizard's may be cut at its width). */
	readonly problem: {readonly operation: 'inspect' | 'logs'; readonly message: string | RegExp};
};

const inspectOfDb = /^\/containers\/a1\/json$/;
const logsOfDb = /^\/containers\/a1\/logs$/;

const containerFaults: ContainerFault[] = [
	{
		fault: 'the engine closes the connection in the middle of one container\'s inspect',
		routes: [[inspectOfDb, (request, response) => {
			cutShort(request, response, Buffer.from(JSON.stringify(failedInspect(containers.db.id, containers.db.name))));
		}]],
		problem: {operation: 'inspect', message: 'the engine closed the connection in the middle of its answer'},
	},
	{
		fault: 'the engine closes the connection in the middle of one container\'s logs',
		routes: [[logsOfDb, (request, response) => {
			cutShort(request, response, logFrames([{text: `2026-11-22T10:00:01Z ${'starting up '.repeat(200)}\n`}]), 'application/vnd.docker.multiplexed-stream');
		}]],
		problem: {operation: 'logs', message: 'the engine closed the connection in the middle of its answer'},
	},
	{
		fault: 'one container\'s inspect is not JSON',
		routes: [[inspectOfDb, (_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.end('{"Id": "a1", "State": {"Status": "exi');
		}]],
		problem: {operation: 'inspect', message: 'the engine\'s answer to inspect is not a JSON object'},
	},
	{
		fault: 'one container\'s inspect is JSON of another shape',
		routes: [[inspectOfDb, (_request, response) => {
			sendJson(response, 200, {Id: 'a1', Name: 7, State: 'exited', Config: {Env: 'PATH=/bin', Labels: [], Cmd: 3}, Mounts: {data: '/var/lib/data'}, NetworkSettings: {Ports: 'none'}});
		}]],
		problem: {operation: 'inspect', message: /^the engine's answer has an unexpected shape: .+/},
	},
	{
		fault: 'the engine answers 500 to one container\'s logs',
		routes: [[logsOfDb, (_request, response) => {
			sendJson(response, 500, {message: 'open /var/lib/docker/containers/a1/a1-json.log: too many open files'});
		}]],
		problem: {operation: 'logs', message: 'open /var/lib/docker/containers/a1/a1-json.log: too many open files'},
	},
	{
		fault: 'the engine never answers one container\'s inspect',
		routes: [[inspectOfDb, () => undefined]],
		problem: {operation: 'inspect', message: 'timed out after 8000 ms'},
	},
];

type ListFault = {
	readonly fault: string;
	readonly route: Route;
	/** What `diagnose` says, before ": <hint>". */
	readonly error: (host: string) => string;
	readonly hint: string;
	/** The wizard's hint where it differs: the engine went away, and r looks again. */
	readonly wizardHint?: string;
};

const listFaults: ListFault[] = [
	{
		fault: 'the engine closes the connection in the middle of the list of containers',
		route(request, response) {
			cutShort(request, response, Buffer.from(JSON.stringify([containerSummary('a1', 'shop-db-1'), containerSummary('b2', 'shop-web-1')])));
		},
		error: host => `Docker at ${host} closed the connection in the middle of its answer`,
		hint: 'check that the engine is still running and responsive (docker info), then run unblock diagnose again',
		wizardHint: 'check that the engine is still running and responsive (docker info), then press r to look again',
	},
	{
		fault: 'the list of containers is not JSON',
		route(_request, response) {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.end('[{"Id": "a1", "Names": ["/shop-db-1"]}, {"Id": "b2", ');
		},
		error: host => `the engine at ${host} does not answer as the Docker API does: the engine's list of containers is not a JSON array of containers`,
		hint: 'check that DOCKER_HOST names a Docker engine (docker info)',
	},
];

type JsonReport = {
	containers: Array<{name: string}>;
	findings: Array<{container: string; evidence: string[]}>;
	problems: Array<{container?: string; operation: string; message: string}>;
};

let scratch: string;
const engines: FakeEngine[] = [];

beforeAll(() => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-answer-faults-'));
});

afterEach(async () => {
	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

async function startEngine(routes: Array<[RegExp, Route]>): Promise<FakeEngine> {
	const engine = await startFakeEngine(routes);
	engines.push(engine);
	return engine;
}

/** `diagnose` and `diagnose --json` side by side, each stopped at the scan's deadline. */
async function diagnoseBoth(host: string): Promise<{text: CliRun; json: CliRun}> {
	const run = async (...flags: string[]) => runCliProcess(['diagnose', ...flags], {env: {DOCKER_HOST: host}, timeout: scanDeadlineMs});
	const [text, json] = await Promise.all([run(), run('--json')]);
	expect(text.timedOut, 'diagnose finished within the scan deadline').toBe(false);
	expect(json.timedOut, 'diagnose --json finished within the scan deadline').toBe(false);
	return {text, json};
}

/** The wizard's frame once its first scan is done; undefined when it was not within the scan deadline. */
async function wizardScan(host: string, done: string): Promise<string | undefined> {
	const wizard = renderRealWizard({cwd: scratch, env: {...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: undefined}});
	try {
		return await wizard.waitForFrame(frame => frame.includes(done), scanDeadlineMs);
	} finally {
		wizard.close();
	}
}

describe('one answer goes wrong: the rest of the report stands', () => {
	test.each(containerFaults)('$fault', async ({routes, problem}) => {
		const engine = await startEngine([...routes, ...healthyRoutes]);
		const {text, json} = await diagnoseBoth(engine.host);
		const {db, web} = containers;
		const logsFailed = problem.operation === 'logs';

		expect(text.code).toBe(1);
		expect(text.stderr).toBe('');
		const message = typeof problem.message === 'string' ? problem.message : expect.stringMatching(problem.message);
		const problemLine = text.stdout.split('\n').find(line => line.startsWith(`  ${db.name}: ${problem.operation}: `)) ?? '';
		expect(problemLine.slice(`  ${db.name}: ${problem.operation}: `.length)).toEqual(message);
		expect(text.stdout).toContain('\nCould not read everything:\n');
		expect(text.stdout).toContain(`    log: ${web.log}`);
		expect(text.stdout).toMatch(new RegExp(`✓ ${cache.name} +busybox +running`));
		// Its inspect answered, its logs did not: the container shows, without their evidence.
		expect(text.stdout.includes(`✗ ${db.name} `)).toBe(logsFailed);
		expect(text.stdout).not.toContain(db.log);

		expect(json.code).toBe(1);
		const report = JSON.parse(json.stdout) as JsonReport;
		expect(report.containers.map(container => container.name).sort()).toEqual([cache.name, ...logsFailed ? [db.name] : [], web.name].sort());
		expect(report.findings.find(finding => finding.container === web.name)?.evidence).toContain(`log: ${web.log}`);
		expect(report.problems).toEqual([{container: db.name, operation: problem.operation, message}]);

		const frame = await wizardScan(engine.host, 'Could not read everything:');
		expect(frame, 'the wizard finished its scan within the scan deadline').toBeDefined();
		const lines = frame!.split('\n');
		// The wizard draws 100 columns: a long message is cut at the edge.
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${db.name}: ${problem.operation}: \\S`)));
		expect(`${problemLine}\n`).toContain(lines.find(line => line.startsWith(`  ${db.name}: `))!.replace(/…$/, ''));
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ✗ ${web.name} `)));
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ✓ ${cache.name} `)));
		expect(frame).toContain(`✗ ${web.name}: exited with exit code 1`);
	}, 3 * scanDeadlineMs);
});

describe('the list of containers goes wrong: nothing to show but why', () => {
	test.each(listFaults)('$fault', async ({route, error, hint, wizardHint = hint}) => {
		const engine = await startEngine([[/^\/containers\/json$/, route], ...healthyRoutes]);
		const {text, json} = await diagnoseBoth(engine.host);

		expect(text.code).toBe(2);
		expect(text.stdout).toBe('');
		expect(text.stderr).toBe(`unblock: ${error(engine.host)}: ${hint}\n`);
		expect(json.code).toBe(2);
		expect(JSON.parse(json.stdout)).toMatchObject({error: error(engine.host), hint, containers: [], findings: []});

		const frame = await wizardScan(engine.host, 'No Docker engine:');
		expect(frame, 'the wizard finished its scan within the scan deadline').toBeDefined();
		// The message wraps at the wizard's width.
		expect(frame!.replaceAll(/\s+/g, ' ')).toContain(`No Docker engine: ${error(engine.host)}: ${wizardHint}`);
		expect(frame).toContain('Search and playbooks work without it');
	}, 3 * scanDeadlineMs);
});
