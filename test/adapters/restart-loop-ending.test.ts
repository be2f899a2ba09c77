/**
 * A restart loop caught running, on an engine whose events no longer reach back: the scan looks
 * once more a moment later, and the state it then finds (dead again) gives the exit code of the
 * run that ended, never the 0 of the running moment. A session that saw the loop between two runs
 * knows that exit code already.
 */
import type {ServerResponse} from 'node:http';
import {afterEach, expect, it, vi} from 'vitest';
import {connectToEngine} from '../../source/adapters/docker-client.js';
import {scanEngine} from '../../source/adapters/docker-engine.js';
import {ScanSession} from '../../source/adapters/scan-session.js';
import {detectFindings} from '../../source/core/detectors/registry.js';
import {containerSummary, failedInspect, type FakeEngine, logFrames, emptyLogs, engineBasics, noEvents, type Route, sendJson, startFakeEngine} from '../hostile/fake-engine.js';

const engines: FakeEngine[] = [];
const sessions: ScanSession[] = [];

afterEach(async () => {
	for (const session of sessions.splice(0)) {
		session.close();
	}

	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

/** The loop's inspect answer: restarts under `always`, in the state given (over a failed container's). */
function loopInspect(state: Record<string, unknown>, restarts = 5): Record<string, unknown> {
	const inspect = failedInspect('beat', 'shop-beat-1', {ExitCode: 0}) as {State: Record<string, unknown>; RestartCount: number; HostConfig: Record<string, unknown>};
	inspect.RestartCount = restarts;
	inspect.HostConfig.RestartPolicy = {Name: 'always'};
	inspect.State = {...inspect.State, ...state};
	return inspect;
}

/** The events of an engine that has forgotten its past; the stream a session follows stays open, handed to `onFollow`. */
function followedEvents(onFollow: (stream: ServerResponse) => void = () => undefined): [RegExp, Route] {
	return [/^\/events$/, (_request, response, url) => {
		response.writeHead(200, {'Content-Type': 'application/json'});
		if (url.searchParams.has('until')) {
			response.end();
		} else {
			onFollow(response);
			response.write('');
		}
	}];
}

async function loopingEngine(diesAgain: boolean): Promise<{engine: FakeEngine; inspections: () => number}> {
	let inspections = 0;
	const engine = await startFakeEngine([
		...engineBasics(),
		// Past events only: this engine has forgotten them.
		noEvents(),
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [{...containerSummary('beat', 'shop-beat-1', 'running'), Status: 'Up Less than a second'}]);
		}],
		[/^\/containers\/beat\/json$/, (_request, response) => {
			inspections++;
			const dead = diesAgain && inspections > 1;
			sendJson(response, 200, loopInspect({Status: dead ? 'restarting' : 'running', Running: !dead, Restarting: dead, ExitCode: dead ? 1 : 0, StartedAt: new Date(Date.now() - 300).toISOString(), FinishedAt: new Date(Date.now() - 2000).toISOString()}, dead ? 6 : 5));
		}],
		[/^\/containers\/beat\/logs$/, (_request, response) => {
			response.writeHead(200);
			response.end(logFrames([{stream: 2, text: `${new Date().toISOString()} PermissionError: [Errno 13] Permission denied: 'celerybeat-schedule'\n`}]));
		}],
	]);
	engines.push(engine);
	return {engine, inspections: () => inspections};
}

it('reports the exit code the loop died with a moment later, not the running state\'s 0', async () => {
	const {engine, inspections} = await loopingEngine(true);
	const snapshot = await scanEngine({environment: {}, host: engine.host});
	expect(inspections()).toBe(2);
	expect(snapshot.containers[0]?.lastRun).toMatchObject({exitCode: 1});
	expect(detectFindings(snapshot)[0]?.summary).toBe('keeps restarting: 5 restarts, last exit code 1 (the application reported an error)');
});

it('says no exit code rather than a wrong one when it is still running then', async () => {
	const {engine} = await loopingEngine(false);
	const snapshot = await scanEngine({environment: {}, host: engine.host});
	expect(snapshot.containers[0]?.lastRun).toBeUndefined();
	expect(detectFindings(snapshot)[0]?.summary).toBe('keeps restarting: 5 restarts');
});

it('looks again while the other containers are still being read, not after them', async () => {
	let lookedAgain: () => void = () => undefined;
	const secondLook = new Promise<void>(resolve => {
		lookedAgain = resolve;
	});
	let inspections = 0;
	const order: string[] = [];
	const engine = await startFakeEngine([
		...engineBasics(),
		noEvents(),
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [{...containerSummary('beat', 'shop-beat-1', 'running'), Status: 'Up Less than a second'}, containerSummary('slow', 'shop-slow-1')]);
		}],
		[/^\/containers\/beat\/json$/, (_request, response) => {
			inspections++;
			if (inspections > 1) {
				order.push('beat looked at again');
				lookedAgain();
			}

			sendJson(response, 200, loopInspect({Status: 'running', Running: true, StartedAt: new Date(Date.now() - 300).toISOString()}));
		}],
		[/^\/containers\/beat\/logs$/, (_request, response) => {
			response.writeHead(200);
			response.end(logFrames([{stream: 2, text: `${new Date().toISOString()} PermissionError: [Errno 13] Permission denied: 'celerybeat-schedule'\n`}]));
		}],
		// Answers once the loop has been looked at again, or after 3 s when it is not.
		[/^\/containers\/slow\/json$/, async (_request, response) => {
			await Promise.race([secondLook, new Promise(resolve => {
				setTimeout(resolve, 3000);
			})]);
			order.push('slow answered');
			sendJson(response, 200, failedInspect('slow', 'shop-slow-1'));
		}],
		emptyLogs('slow'),
	]);
	engines.push(engine);
	const snapshot = await scanEngine({environment: {}, host: engine.host});
	expect(order).toEqual(['beat looked at again', 'slow answered']);
	expect(snapshot.containers.map(container => container.name)).toEqual(['shop-beat-1', 'shop-slow-1']);
});

it('in a session, takes the exit code of the run before from the state an earlier scan saw it restarting in', async () => {
	const finishedAt = new Date(Date.now() - 1000).toISOString();
	let restarting = true;
	let inspections = 0;
	const engine = await startFakeEngine([
		...engineBasics(),
		followedEvents(),
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [{...containerSummary('beat', 'shop-beat-1', restarting ? 'restarting' : 'running'), Status: restarting ? 'Restarting (1) 1 second ago' : 'Up Less than a second'}]);
		}],
		[/^\/containers\/beat\/json$/, (_request, response) => {
			inspections++;
			sendJson(response, 200, loopInspect({Status: restarting ? 'restarting' : 'running', Running: !restarting, Restarting: restarting, ExitCode: restarting ? 1 : 0, StartedAt: restarting ? new Date(Date.now() - 3000).toISOString() : new Date(Date.now() - 300).toISOString(), FinishedAt: finishedAt}));
		}],
		[/^\/containers\/beat\/logs$/, (_request, response) => {
			response.writeHead(200);
			response.end(logFrames([{stream: 2, text: `${new Date().toISOString()} PermissionError: [Errno 13] Permission denied: 'celerybeat-schedule'\n`}]));
		}],
	]);
	engines.push(engine);
	const session = new ScanSession(connectToEngine({host: engine.host}, {}));
	sessions.push(session);
	await scanEngine({environment: {}, session});
	restarting = false;
	inspections = 0;
	const snapshot = await scanEngine({environment: {}, session});
	expect(inspections).toBe(1);
	expect(snapshot.containers[0]?.lastRun).toEqual({exitCode: 1, at: finishedAt});
	expect(detectFindings(snapshot)[0]?.summary).toBe('keeps restarting: 5 restarts, last exit code 1 (the application reported an error)');
});

it('reads the containers the list shows started a moment ago first, so their second look starts early; then those restarting', async () => {
	const inspected: string[] = [];
	const engine = await startFakeEngine([
		...engineBasics(),
		noEvents(),
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [
				containerSummary('old', 'shop-old-1'),
				{...containerSummary('settled', 'shop-settled-1', 'running'), Status: 'Up 5 minutes'},
				{...containerSummary('young', 'shop-young-1', 'running'), Status: 'Up 1 second'},
				{...containerSummary('looping', 'shop-looping-1', 'restarting'), Status: 'Restarting (1) 2 seconds ago'},
			]);
		}],
		[/^\/containers\/\w+\/json$/, (_request, response, url) => {
			const id = url.pathname.split('/').at(-2)!;
			inspected.push(id);
			sendJson(response, 200, failedInspect(id, `shop-${id}-1`));
		}],
		[/^\/containers\/\w+\/logs$/, (_request, response) => {
			response.writeHead(200);
			response.end();
		}],
	]);
	engines.push(engine);
	const snapshot = await scanEngine({environment: {}, host: engine.host, concurrency: 1});
	expect(inspected).toEqual(['young', 'looping', 'old', 'settled']);
	expect(snapshot.problems).toEqual([]);
});

it('in a session, takes the exit code of the run before from the death it saw come, without looking again', async () => {
	let young = false;
	let startedAt = new Date(Date.now() - 300_000).toISOString();
	let inspections = 0;
	let live: ServerResponse | undefined;
	const engine = await startFakeEngine([
		...engineBasics(),
		followedEvents(stream => {
			live = stream;
		}),
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [{...containerSummary('beat', 'shop-beat-1', 'running'), Status: young ? 'Up Less than a second' : 'Up 5 minutes'}]);
		}],
		[/^\/containers\/beat\/json$/, (_request, response) => {
			inspections++;
			sendJson(response, 200, loopInspect({Status: 'running', Running: true, StartedAt: startedAt}));
		}],
		emptyLogs('beat'),
	]);
	engines.push(engine);
	const session = new ScanSession(connectToEngine({host: engine.host}, {}));
	sessions.push(session);
	await scanEngine({environment: {}, session});
	await vi.waitFor(() => {
		expect(live).toBeDefined();
	});
	// The loop dies with 3 while the session follows, and the engine starts it again at once.
	const diedAt = Date.now() - 200;
	live!.write(`${JSON.stringify({Type: 'container', Action: 'die', Actor: {ID: 'beat', Attributes: {exitCode: '3', name: 'shop-beat-1'}}, time: Math.floor(diedAt / 1000), timeNano: diedAt * 1e6})}\n`);
	await vi.waitFor(() => {
		expect(session.runEventsSeen('beat')).toHaveLength(1);
	});
	young = true;
	startedAt = new Date(Date.now() - 100).toISOString();
	inspections = 0;
	const snapshot = await scanEngine({environment: {}, session});
	expect(inspections).toBe(1);
	expect(snapshot.containers[0]?.lastRun).toMatchObject({exitCode: 3});
	expect(detectFindings(snapshot)[0]?.summary).toBe('keeps restarting: 5 restarts, last exit code 3');
});
