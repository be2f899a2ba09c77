/**
 * A scan orders containers (by project, then name) and networks as the collator would, without
 * asking it for plainly named ones: the first locale comparison in a process loads Unicode's
 * collation data, ~50 ms of every diagnose. Names the plain order does not cover still get the
 * collator's order.
 */
import {afterEach, expect, it, vi} from 'vitest';
import {scanEngine} from '../../source/adapters/docker-engine.js';
import {groupByProject} from '../../source/core/container-summary.js';
import {containerSummary, failedInspect, type FakeEngine, engineBasics, noEvents, sendJson, startFakeEngine} from '../hostile/fake-engine.js';

const engines: FakeEngine[] = [];

afterEach(async () => {
	vi.restoreAllMocks();
	await Promise.all(engines.splice(0).map(async engine => engine.close()));
});

async function engineWith(containers: ReadonlyArray<{name: string; project?: string}>, networks: readonly string[]): Promise<FakeEngine> {
	const engine = await startFakeEngine([
		...engineBasics(),
		noEvents(),
		[/^\/networks$/, (_request, response) => {
			sendJson(response, 200, networks.map((name, index) => ({Id: `n${index}`, Name: name, Driver: 'bridge', Labels: {}})));
		}],
		[/^\/containers\/json$/, (_request, response) => {
			sendJson(response, 200, containers.map(({name, project}, index) => containerSummary(`c${index}`, name, 'exited', project ? {'com.docker.compose.project': project} : {})));
		}],
		[/^\/containers\/c\d+\/json$/, (_request, response, url) => {
			const index = Number(url.pathname.split('/').at(-2)!.slice(1));
			const {name, project} = containers[index]!;
			const inspect = failedInspect(`c${index}`, name, {ExitCode: 0}) as {Config: {Labels: Record<string, string>}};
			inspect.Config.Labels = project ? {'com.docker.compose.project': project} : {};
			sendJson(response, 200, inspect);
		}],
	]);
	engines.push(engine);
	return engine;
}

const byCollator = (left: string, right: string) => new Intl.Collator('und').compare(left, right);

it('orders plainly named containers and networks without the collator', async () => {
	const containers = [{name: 'web_2', project: 'shop'}, {name: 'web-10', project: 'shop'}, {name: 'api.1', project: 'billing'}, {name: 'loose'}, {name: 'web-1', project: 'shop'}, {name: 'db', project: 'billing-2'}];
	const networks = ['shop_default', 'bridge', 'billing-2_default', 'host', 'billing_default'];
	const engine = await engineWith(containers, networks);
	const localeCompare = vi.spyOn(String.prototype, 'localeCompare');
	const collator = vi.spyOn(Intl, 'Collator');
	const snapshot = await scanEngine({environment: {}, host: engine.host});
	const groups = groupByProject(snapshot.containers).map(([project, members]) => [project, members.map(container => container.name)]);
	expect(localeCompare).not.toHaveBeenCalled();
	expect(collator).not.toHaveBeenCalled();
	vi.restoreAllMocks();

	expect(snapshot.containers.map(container => container.name)).toEqual(['loose', 'api.1', 'db', 'web_2', 'web-1', 'web-10']);
	expect(snapshot.networks?.map(network => network.name)).toEqual([...networks].sort(byCollator));
	expect(groups).toEqual([['billing', ['api.1']], ['billing-2', ['db']], ['shop', ['web_2', 'web-1', 'web-10']], [undefined, ['loose']]]);
});

it('orders names with capitals or other letters as the collator does', async () => {
	const containers = [{name: 'Zeta'}, {name: 'alpha'}, {name: 'Émile'}, {name: 'beta'}];
	const engine = await engineWith(containers, ['Bridge2', 'bridge']);
	const snapshot = await scanEngine({environment: {}, host: engine.host});
	expect(snapshot.containers.map(container => container.name)).toEqual(['alpha', 'beta', 'Émile', 'Zeta']);
	expect(snapshot.networks?.map(network => network.name)).toEqual(['bridge', 'Bridge2']);
});
