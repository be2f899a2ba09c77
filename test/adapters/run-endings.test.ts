/**
 * How a run ended, read from the engine's events. The sequences are those a real Docker 20.10
 * engine sent (docker events --format '{{json .}}'), with their times kept relative to the run.
 */
import {describe, expect, it} from 'vitest';
import type {ContainerSummary, EngineEvent, InspectAnswer} from '../../source/adapters/engine-answers.js';
import {endingBeforeRun, mayNeedRunEnding, runEnding} from '../../source/adapters/run-endings.js';

const id = 'c15603f1fc6c60e72f0c980e3214e8557d0dab23be19a06d3004ca470068522c';
const started = 1_796_612_957.122;

/** An event `at` seconds after the run started. */
function event(action: string, at: number, attributes: Record<string, string> = {}, container = id): EngineEvent {
	return {Type: 'container', Action: action, status: action, id: container, Actor: {ID: container, Attributes: {name: 'worker', image: 'app:1', ...attributes}}, time: Math.floor(started + at), timeNano: Math.round((started + at) * 1e9)};
}

function exited(exitCode: number, ranFor: number, extra: Partial<NonNullable<InspectAnswer['Config']>> = {}): InspectAnswer {
	return {
		Id: id,
		State: {Status: 'exited', ExitCode: exitCode, StartedAt: new Date(started * 1000).toISOString(), FinishedAt: new Date((started + ranFor) * 1000).toISOString()},
		Config: extra,
	};
}

describe('how a run ended', () => {
	it.each([
		['docker stop of a process that ignores SIGTERM: TERM, KILL after the wait, die, stop', exited(137, 2.174), [event('kill', 1.066, {signal: '15'}), event('kill', 2.116, {signal: '9'}), event('die', 2.174, {exitCode: '137'}), event('stop', 2.292)], {exitCode: 137, requested: 'stop'}],
		['docker stop of a process that ends on SIGTERM', exited(143, 1.2), [event('kill', 1.1, {signal: '15'}), event('die', 1.2, {exitCode: '143'}), event('stop', 1.3)], {exitCode: 143, requested: 'stop'}],
		['docker kill', exited(137, 3.5), [event('kill', 3.45, {signal: '9'}), event('die', 3.5, {exitCode: '137'})], {exitCode: 137, requested: 'kill'}],
		['docker kill --signal TERM, handled with exit 1', exited(1, 3.5), [event('kill', 3.4, {signal: 'SIGTERM'}), event('die', 3.5, {exitCode: '1'})], {exitCode: 1, requested: 'kill'}],
		['a crash', exited(1, 30), [event('die', 30, {exitCode: '1'})], {exitCode: 1}],
		['the OOM killer', exited(137, 8), [event('oom', 7.9), event('die', 8, {exitCode: '137'})], {exitCode: 137, oomKilled: true}],
		['the OOM killer taking a child first, then the main process', exited(137, 8), [event('oom', 6.2), event('oom', 7.9), event('die', 8, {exitCode: '137'})], {exitCode: 137, oomKilled: true}],
		['a reload signal long before a crash', exited(2, 600), [event('kill', 60, {signal: '1'}), event('die', 600, {exitCode: '2'})], {exitCode: 2}],
		['a TERM the process ignored, then a crash ten minutes later', exited(1, 700), [event('kill', 60, {signal: '15'}), event('die', 700, {exitCode: '1'})], {exitCode: 1}],
		['a stop that waited 30 s (stop_grace_period)', exited(137, 40), [event('kill', 10, {signal: '15'}), event('kill', 40, {signal: '9'}), event('die', 40, {exitCode: '137'})], {exitCode: 137, requested: 'kill'}],
	])('%s', (_name, inspect, events, expected) => {
		expect(runEnding(inspect, events)).toMatchObject(expected);
		expect(runEnding(inspect, events)?.requested).toBe((expected as {requested?: string}).requested);
		expect(runEnding(inspect, events)?.oomKilled).toBe((expected as {oomKilled?: true}).oomKilled);
	});

	it('holds an oom event of an earlier run against that run only', () => {
		expect(runEnding(exited(1, 30), [event('oom', -50), event('die', -49, {exitCode: '137'}), event('die', 30, {exitCode: '1'})])).toEqual({exitCode: 1, at: new Date(Math.round((started + 30) * 1000)).toISOString()});
	});

	it.each([
		['no events (the engine forgot them)', exited(137, 2), []],
		['events of another container', exited(137, 2), [event('kill', 1, {signal: '9'}, 'other'), event('die', 2, {exitCode: '137'}, 'other')]],
		['events of an earlier run', exited(1, 30), [event('kill', -100, {signal: '9'}), event('die', -99, {exitCode: '137'}), event('stop', -98)]],
	])('says nothing the state does not for %s', (_name, inspect, events) => {
		expect(runEnding(inspect, events)).toBeUndefined();
	});

	it('gives a restart loop caught running the exit code of the death before this run', () => {
		const running: InspectAnswer = {Id: id, RestartCount: 5, State: {Status: 'running', ExitCode: 0, StartedAt: new Date(started * 1000).toISOString(), FinishedAt: new Date((started - 6.4) * 1000).toISOString()}};
		expect(runEnding(running, [event('die', -20, {exitCode: '2'}), event('die', -6.4, {exitCode: '1'}), event('start', 0)])).toEqual({exitCode: 1, at: new Date(Math.round((started - 6.4) * 1000)).toISOString()});
		expect(runEnding(running, [event('die', -200, {exitCode: '1'})])).toBeUndefined();
	});

	it('says a restart loop caught running died for memory when the oom event came just before that death', () => {
		const running: InspectAnswer = {Id: id, RestartCount: 5, State: {Status: 'running', OOMKilled: false, ExitCode: 0, StartedAt: new Date(started * 1000).toISOString()}};
		expect(runEnding(running, [event('oom', -3.1), event('die', -3, {exitCode: '137'}), event('start', 0)])).toMatchObject({exitCode: 137, oomKilled: true});
		expect(runEnding(running, [event('oom', -40), event('die', -3, {exitCode: '1'}), event('start', 0)])?.oomKilled).toBeUndefined();
	});
});

describe('whose ending is worth asking the engine about', () => {
	it.each([
		[{Id: 'a', State: 'exited', Status: 'Exited (137) 5 seconds ago'}, true],
		[{Id: 'a', State: 'exited', Status: 'Exited (0) 5 seconds ago'}, false],
		[{Id: 'a', State: 'running', Status: 'Up 3 seconds'}, true],
		[{Id: 'a', State: 'running', Status: 'Up Less than a second'}, true],
		[{Id: 'a', State: 'running', Status: 'Up 2 hours (healthy)'}, false],
		[{Id: 'a', State: 'restarting', Status: 'Restarting (1) 2 seconds ago'}, true],
		[{Id: 'a', State: 'restarting', Status: 'Restarting (0) 2 seconds ago'}, false],
		[{Id: 'a', State: 'created', Status: 'Created'}, false],
	] as Array<[ContainerSummary, boolean]>)('%j -> %s', (summary, expected) => {
		expect(mayNeedRunEnding(summary)).toBe(expected);
	});
});

describe('how the run before ended, from the state a scan saw it stopped in', () => {
	const finishedAt = new Date((started - 30) * 1000).toISOString();
	const running = (startedAt: number, finished = finishedAt): InspectAnswer => ({Id: id, State: {Status: 'running', ExitCode: 0, OOMKilled: false, StartedAt: new Date(startedAt * 1000).toISOString(), FinishedAt: finished}});
	it.each([
		['restarted after the backoff: the exit code the restarting state showed', {FinishedAt: finishedAt, ExitCode: 1, OOMKilled: false}, running(started), {exitCode: 1, at: finishedAt}],
		['killed for memory: the flag the start reset', {FinishedAt: finishedAt, ExitCode: 137, OOMKilled: true}, running(started), {exitCode: 137, at: finishedAt, oomKilled: true}],
		['it died and started again since: another FinishedAt', {FinishedAt: finishedAt, ExitCode: 1}, running(started, new Date(started * 1000 - 500).toISOString()), undefined],
		['started long after it stopped: no death just before this run', {FinishedAt: finishedAt, ExitCode: 1}, running(started + 600), undefined],
		['not running: its own state says how it ended', {FinishedAt: finishedAt, ExitCode: 1}, {...running(started), State: {Status: 'exited', ExitCode: 1, StartedAt: new Date((started - 40) * 1000).toISOString(), FinishedAt: finishedAt}}, undefined],
		['never ran before (FinishedAt of the zero time)', {FinishedAt: '0001-01-01T00:00:00Z', ExitCode: 0}, running(started, '0001-01-01T00:00:00Z'), undefined],
	])('%s', (_name, stopped, inspect, expected) => {
		expect(endingBeforeRun(stopped, inspect)).toEqual(expected);
	});
});
