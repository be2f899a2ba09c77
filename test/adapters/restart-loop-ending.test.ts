/**
 * A restart loop caught running, on an engine whose events no longer reach back: the scan looks
 * once more a moment later, and the state it then finds (dead again) gives the exit code of the
 * run that ended, never the 0 of the running moment.
 */
import {afterEach, expect, it} from 'vitest';
import {scanEngine} from '../../source/adapters/docker-engine.js';
import {detectFindings} from '../../source/core/detectors/registry.js';
import {containerSummary, engineBasics, failedInspect, logFrames, sendJson, startFakeEngine, type FakeEngine} from '../hostile/fake-engine.js';

const engines: FakeEngine[] = [];

afterEach(async () => {
	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

async function loopingEngine(diesAgain: boolean): Promise<{engine: FakeEngine; inspections: () => number}> {
	let inspections = 0;
	const engine = await startFakeEngine([
		...engineBasics(),
		// Past events only: this engine has forgotten them.
		[/^\/events$/, (_request, response) => {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.end();
		}],
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, [{...containerSummary('beat', 'shop-beat-1', 'running'), Status: 'Up Less than a second'}]);
		}],
		[/^\/containers\/beat\/json$/, (_request, response) => {
			inspections++;
			const inspect = failedInspect('beat', 'shop-beat-1', {ExitCode: 0}) as {State: Record<string, unknown>; RestartCount: number; HostConfig: Record<string, unknown>};
			const dead = diesAgain && inspections > 1;
			inspect.RestartCount = dead ? 6 : 5;
			inspect.HostConfig.RestartPolicy = {Name: 'always'};
			inspect.State = {...inspect.State, Status: dead ? 'restarting' : 'running', Running: !dead, Restarting: dead, ExitCode: dead ? 1 : 0, StartedAt: new Date(Date.now() - 300).toISOString(), FinishedAt: new Date(Date.now() - 2000).toISOString()};
			sendJson(response, 200, inspect);
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
