/**
 * Rescans in a session against a fake engine whose events the test sends by hand: what is asked
 * again, what is trusted from the last scan, and what makes the session trust nothing.
 */
import type {ServerResponse} from 'node:http';
import {afterEach, describe, expect, it} from 'vitest';
import {ContainerChangeWatch} from '../../source/adapters/container-change-watch.js';
import {connectToEngine} from '../../source/adapters/docker-client.js';
import {scanEngine} from '../../source/adapters/docker-engine.js';
import {ScanSession} from '../../source/adapters/scan-session.js';
import type {Snapshot} from '../../source/core/snapshot.js';
import {containerSummary, engineBasics, failedInspect, logFrames, sendJson, startFakeEngine, type FakeEngine} from '../hostile/fake-engine.js';

type FakeContainer = {
	state: 'running' | 'exited';
	health?: 'healthy' | 'unhealthy';
	exitCode: number;
	restartCount: number;
	logs: string[];
};

type World = {
	readonly engine: FakeEngine;
	readonly containers: Record<string, FakeContainer>;
	/** Sends one event on every open event stream. */
	send(event: Record<string, unknown>): void;
	/** Writes text as it is on every open event stream. */
	sendRaw(text: string): void;
	/** Ends every open event stream, as an engine that restarts does. */
	endEvents(): void;
	/** Requests since the last call, without the basics. */
	take(): string[];
	/** How often an event stream was asked for to be followed (not for past events). */
	readonly watchOpens: () => number;
};

const engines: FakeEngine[] = [];
const sessions: ScanSession[] = [];

afterEach(async () => {
	for (const session of sessions.splice(0)) {
		session.close();
	}

	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

function listStatus(container: FakeContainer): string {
	if (container.state === 'exited') {
		return `Exited (${container.exitCode}) 5 seconds ago`;
	}

	return `Up 5 minutes${container.health ? ` (${container.health})` : ''}`;
}

async function world(options: {events: boolean}): Promise<World> {
	const containers: Record<string, FakeContainer> = {
		web: {state: 'running', health: 'healthy', exitCode: 0, restartCount: 0, logs: []},
		worker: {state: 'running', health: 'unhealthy', exitCode: 0, restartCount: 0, logs: ['2026-11-22T10:00:01Z waiting for db']},
		job: {state: 'exited', exitCode: 1, restartCount: 0, logs: ['2026-11-22T10:00:02Z Error: migration failed']},
	};
	const streams: ServerResponse[] = [];
	let seen = 0;
	let watchOpens = 0;
	const engine = await startFakeEngine([
		...engineBasics(),
		[/^\/events$/, (_request, response, url) => {
			if (!url.searchParams.has('until')) {
				watchOpens++;
			}

			if (!options.events) {
				sendJson(response, 404, {message: 'page not found'});
				return;
			}

			if (url.searchParams.has('until')) {
				// Past events only: this engine remembers none.
				response.writeHead(200, {'Content-Type': 'application/json'});
				response.end();
				return;
			}

			response.writeHead(200, {'Content-Type': 'application/json'});
			response.write('');
			streams.push(response);
		}],
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, Object.entries(containers).map(([id, container]) => ({...containerSummary(id, `shop-${id}-1`, container.state), Status: listStatus(container)})));
		}],
		[/^\/containers\/\w+\/json$/, (_request, response, url) => {
			const id = url.pathname.split('/').at(-2)!;
			const container = containers[id];
			if (!container) {
				sendJson(response, 404, {message: `No such container: ${id}`});
				return;
			}

			const inspect = failedInspect(id, `shop-${id}-1`, {ExitCode: container.exitCode}) as {State: Record<string, unknown>; RestartCount: number};
			inspect.State.Status = container.state;
			inspect.State.Running = container.state === 'running';
			inspect.RestartCount = container.restartCount;
			if (container.health) {
				inspect.State.Health = {Status: container.health, FailingStreak: container.health === 'unhealthy' ? 3 : 0, Log: []};
			}

			sendJson(response, 200, inspect);
		}],
		[/^\/containers\/\w+\/logs$/, (_request, response, url) => {
			const id = url.pathname.split('/').at(-2)!;
			response.writeHead(200);
			response.end(logFrames(containers[id]!.logs.map(text => ({text: `${text}\n`}))));
		}],
	]);
	engines.push(engine);
	return {
		engine,
		containers,
		send(event) {
			for (const stream of streams) {
				stream.write(`${JSON.stringify(event)}\n`);
			}
		},
		sendRaw(text) {
			for (const stream of streams) {
				stream.write(text);
			}
		},
		endEvents() {
			for (const stream of streams.splice(0)) {
				stream.end();
			}
		},
		watchOpens: () => watchOpens,
		take() {
			const taken = engine.requests.slice(seen).filter(request => request.startsWith('/containers/') && request !== '/containers/json');
			seen = engine.requests.length;
			return taken.sort();
		},
	};
}

function session(world: World, clock: {now: number}): ScanSession {
	const created = new ScanSession(connectToEngine({host: world.engine.host}, {}), () => clock.now);
	sessions.push(created);
	return created;
}

async function rescan(scanSession: ScanSession): Promise<Snapshot> {
	return scanEngine({environment: {}, session: scanSession});
}

function container(snapshot: Snapshot, id: string) {
	return snapshot.containers.find(candidate => candidate.id === id)!;
}

/** Lets the fake engine's writes reach the watch. */
async function settle(): Promise<void> {
	await new Promise(resolve => {
		setTimeout(resolve, 50);
	});
}

/** A session over an engine with events that has scanned once, and the requests of that scan forgotten. */
async function scannedOnce(): Promise<{fake: World; clock: {now: number}; scans: ScanSession}> {
	const fake = await world({events: true});
	const clock = {now: 0};
	const scans = session(fake, clock);
	await rescan(scans);
	fake.take();
	return {fake, clock, scans};
}

const everything = ['/containers/job/json', '/containers/job/logs', '/containers/web/json', '/containers/web/logs', '/containers/worker/json', '/containers/worker/logs'];

describe('a rescan in a session', () => {
	it('asks only for the logs a running container may have added to, and sees the new lines', async () => {
		const fake = await world({events: true});
		const clock = {now: 0};
		const scans = session(fake, clock);
		await rescan(scans);
		expect(fake.take()).toEqual(everything);

		clock.now = 10_000;
		fake.containers.worker!.logs.push('2026-11-22T10:00:09Z still waiting for db');
		const snapshot = await rescan(scans);
		expect(fake.take()).toEqual(['/containers/web/logs', '/containers/worker/logs']);
		expect(container(snapshot, 'worker').logs?.lines.map(line => line.text)).toEqual(['waiting for db', 'still waiting for db']);
		expect(container(snapshot, 'job').logs?.lines.map(line => line.text)).toEqual(['Error: migration failed']);
	});

	it('asks again about a container an event names, until an answer comes well after the event', async () => {
		const {fake, clock, scans} = await scannedOnce();

		clock.now = 10_000;
		fake.containers.job!.restartCount = 1;
		fake.containers.job!.logs.push('2026-11-22T10:00:10Z Error: migration failed again');
		fake.send({Type: 'container', Action: 'start', Actor: {ID: 'job', Attributes: {name: 'shop-job-1'}}});
		await settle();
		let snapshot = await rescan(scans);
		expect(fake.take()).toEqual(['/containers/job/json', '/containers/job/logs', '/containers/web/logs', '/containers/worker/logs']);
		expect(container(snapshot, 'job').restartCount).toBe(1);
		expect(container(snapshot, 'job').logs?.lines.map(line => line.text)).toEqual(['Error: migration failed', 'Error: migration failed again']);

		// Asked at 10 s, just after the event: the answer may predate what the event reports.
		clock.now = 11_000;
		await rescan(scans);
		expect(fake.take()).toEqual(['/containers/job/json', '/containers/job/logs', '/containers/worker/logs']);

		// Asked at 11 s and again at 14 s; only the answer from 14 s, long after the event, is trusted.
		clock.now = 14_000;
		await rescan(scans);
		fake.take();
		clock.now = 20_000;
		snapshot = await rescan(scans);
		expect(fake.take()).toEqual(['/containers/web/logs', '/containers/worker/logs']);
		expect(container(snapshot, 'job').restartCount).toBe(1);
	});

	it('a container removed since the last scan is left out, and its removal is no problem', async () => {
		const {fake, clock, scans} = await scannedOnce();
		clock.now = 10_000;
		delete fake.containers.job;
		fake.send({Type: 'container', Action: 'destroy', Actor: {ID: 'job'}});
		await settle();
		const snapshot = await rescan(scans);
		expect(snapshot.containers.map(candidate => candidate.id).sort()).toEqual(['web', 'worker']);
		expect(snapshot.problems).toEqual([]);
	});

	it('a network event names the container that joined', async () => {
		const {fake, clock, scans} = await scannedOnce();
		clock.now = 10_000;
		fake.send({Type: 'network', Action: 'connect', Actor: {ID: 'net1', Attributes: {container: 'web', name: 'shop_default'}}});
		await settle();
		clock.now = 10_500;
		await rescan(scans);
		expect(fake.take()).toEqual(['/containers/web/json', '/containers/web/logs', '/containers/worker/logs']);
	});

	it('asks again when the list disagrees with the answer it kept, event or not', async () => {
		const {fake, clock, scans} = await scannedOnce();
		clock.now = 10_000;
		fake.containers.web!.health = 'unhealthy';
		const snapshot = await rescan(scans);
		// Its logs were read once with the answer kept (while the list was on its way), once with the new one.
		expect(fake.take()).toEqual(['/containers/web/json', '/containers/web/logs', '/containers/web/logs', '/containers/worker/logs']);
		expect(container(snapshot, 'web').health?.status).toBe('unhealthy');
	});

	it('reuses for a few seconds the logs of a running container that looks fine, not of one that does not', async () => {
		const {fake, clock, scans} = await scannedOnce();
		clock.now = 4000;
		fake.containers.web!.logs.push('2026-11-22T10:00:04Z Error: connect ECONNREFUSED 127.0.0.1:5432');
		let snapshot = await rescan(scans);
		expect(fake.take()).toEqual(['/containers/worker/logs']);
		expect(container(snapshot, 'web').logs?.lines).toEqual([]);

		clock.now = 10_000;
		snapshot = await rescan(scans);
		expect(fake.take()).toEqual(['/containers/web/logs', '/containers/worker/logs']);
		expect(container(snapshot, 'web').logs?.lines.map(line => line.text)).toEqual(['Error: connect ECONNREFUSED 127.0.0.1:5432']);
	});

	it('trusts nothing it kept once the event stream ends, and follows again', async () => {
		const {fake, clock, scans} = await scannedOnce();
		fake.endEvents();
		await settle();
		clock.now = 10_000;
		await rescan(scans);
		expect(fake.take()).toEqual(everything);
		expect(fake.watchOpens()).toBe(2);
		expect(fake.engine.requests.filter(request => request === '/version')).toHaveLength(2);
	});

	it('an engine without events: every rescan asks for everything, and for the events only once', async () => {
		const fake = await world({events: false});
		const clock = {now: 0};
		const scans = session(fake, clock);
		for (let run = 0; run < 3; run++) {
			clock.now += 10_000;
			await rescan(scans);
			expect(fake.take()).toEqual(everything);
		}

		expect(fake.watchOpens()).toBe(1);
	});
});

describe('the change watch', () => {
	it('trusts an answer asked for after it opened and long enough after the container\'s last event', async () => {
		const fake = await world({events: true});
		const clock = {now: 5000};
		const connection = connectToEngine({host: fake.engine.host}, {});
		const watch = await ContainerChangeWatch.start(connection, 1000, () => clock.now);
		try {
			expect(watch.changedSince('job', 4999)).toBe(true);
			expect(watch.changedSince('job', 5000)).toBe(false);
			clock.now = 9000;
			fake.send({Type: 'container', Action: 'die', Actor: {ID: 'job'}});
			fake.send({Type: 'container', Action: 'exec_die', Actor: {ID: 'worker'}});
			await settle();
			expect([watch.changedSince('job', 5000), watch.changedSince('job', 10_999), watch.changedSince('job', 11_001), watch.changedSince('web', 5000)]).toEqual([true, true, false, false]);
			fake.endEvents();
			await settle();
			expect([watch.following, watch.changedSince('web', 20_000)]).toEqual([false, true]);
		} finally {
			watch.stop();
			connection.close();
		}
	});

	it('stops trusting a stream that is not the engine\'s events', async () => {
		const fake = await world({events: true});
		const connection = connectToEngine({host: fake.engine.host}, {});
		const watch = await ContainerChangeWatch.start(connection, 1000, () => 0);
		try {
			fake.send({Type: 'container', Action: 'start', Actor: {ID: 'job'}});
			await settle();
			expect(watch.following).toBe(true);
			fake.sendRaw('not json\n');

			await settle();
			expect(watch.following).toBe(false);
		} finally {
			watch.stop();
			connection.close();
		}
	});
});
