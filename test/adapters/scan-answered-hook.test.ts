/**
 * What diagnose starts once the engine has answered (reading the playbooks) it starts as soon as
 * the engine answers its ping, while the engine lists the containers, and never for an engine
 * that does not answer.
 */
import {afterEach, expect, it} from 'vitest';
import {scanEngine, scanEngineOrError} from '../../source/adapters/docker-engine.js';
import {EngineError} from '../../source/adapters/engine-failure.js';
import {containerSummary, failedInspect, type FakeEngine, emptyLogs, engineBasics, noEvents, sendJson, startFakeEngine} from '../hostile/fake-engine.js';

const engines: FakeEngine[] = [];

afterEach(async () => {
	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

it('tells once the engine answers, while the list is still to come', async () => {
	const order: string[] = [];
	let tell: () => void = () => undefined;
	const told = new Promise<void>(resolve => {
		tell = resolve;
	});
	const engine = await startFakeEngine([
		...engineBasics(),
		noEvents(),
		[/^\/containers\/json$/, async (_request, response) => {
			// The list is answered only once the scan has told (or after 2 s, when the order below fails).
			await Promise.race([told, new Promise(resolve => setTimeout(resolve, 2000))]);
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
	const snapshot = await scanEngine({environment: {}, host: engine.host, onAnswered() {
		order.push('told');
		tell();
	}});
	expect(order).toEqual(['told', 'listed', 'inspected']);
	expect(snapshot.containers.map(container => container.name)).toEqual(['shop-job-1']);
});

it('does not tell when the engine cannot be reached', async () => {
	let told = false;
	const result = await scanEngineOrError({environment: {}, host: 'unix:///nonexistent/docker.sock', onAnswered() {
		told = true;
	}});
	expect(result).toBeInstanceOf(EngineError);
	expect(told).toBe(false);
});
