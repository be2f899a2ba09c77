/**
 * What diagnose starts once the engine has answered (reading the playbooks) it starts when the
 * list comes, before the containers are read, and never for an engine that does not answer.
 */
import {afterEach, expect, it} from 'vitest';
import {scanEngine, scanEngineOrError} from '../../source/adapters/docker-engine.js';
import {EngineError} from '../../source/adapters/engine-failure.js';
import {containerSummary, failedInspect, type FakeEngine, emptyLogs, engineBasics, noEvents, sendJson, startFakeEngine} from '../hostile/fake-engine.js';

const engines: FakeEngine[] = [];

afterEach(async () => {
	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

it('tells of the list before any container is read', async () => {
	const order: string[] = [];
	const engine = await startFakeEngine([
		...engineBasics(),
		noEvents(),
		[/^\/containers\/json$/, (_request, response) => {
			order.push('listed');
			sendJson(response, 200, [containerSummary('job', 'shop-job-1')]);
		}],
		[/^\/containers\/job\/json$/, (_request, response) => {
			order.push('inspected');
			sendJson(response, 200, failedInspect('job', 'shop-job-1'));
		}],
		emptyLogs('job'),
	]);
	engines.push(engine);
	const snapshot = await scanEngine({environment: {}, host: engine.host, onListed() {
		order.push('told');
	}});
	expect(order).toEqual(['listed', 'told', 'inspected']);
	expect(snapshot.containers.map(container => container.name)).toEqual(['shop-job-1']);
});

it('does not tell when the engine cannot be reached', async () => {
	let told = false;
	const result = await scanEngineOrError({environment: {}, host: 'unix:///nonexistent/docker.sock', onListed() {
		told = true;
	}});
	expect(result).toBeInstanceOf(EngineError);
	expect(told).toBe(false);
});
