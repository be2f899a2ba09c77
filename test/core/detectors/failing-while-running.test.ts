/** A running container that keeps failing to reach or log in to a service, and what its siblings say of the target. */
import {describe, expect, it} from 'vitest';
import {failingWhileRunningDetector} from '../../../source/core/detectors/failing-while-running.js';
import type {ContainerSnapshot, LogLine} from '../../../source/core/snapshot.js';
import {container, logEvery, secondsBefore, snapshot, takenAt} from './snapshot-builders.js';

const refused = 'Error: connect ECONNREFUSED 127.0.0.1:5432';
const times = (count: number, text: string) => Array.from({length: count}, () => text);

const client = (lines: {lines: LogLine[]; truncated: boolean}, overrides: Partial<ContainerSnapshot> = {}) => container({
	name: 'shop-api-1',
	project: 'shop',
	service: 'api',
	startedAt: secondsBefore(300),
	attachments: [{network: 'shop_default', aliases: ['api']}],
	networks: ['shop_default'],
	logs: lines,
	...overrides,
});

const sibling = (overrides: Partial<ContainerSnapshot> & {name: string}) => container({
	project: 'shop',
	attachments: [{network: 'shop_default', aliases: [overrides.service ?? overrides.name]}],
	networks: ['shop_default'],
	...overrides,
});

describe('failing-while-running: when it is a finding (the row says whether)', () => {
	it.each([
		['refused every second for 20 s', logEvery(times(20, refused), 1), true],
		['refused every 10 s for 5 minutes', logEvery(times(30, refused), 10), true],
		['refused 3 times in 4 s: still starting', logEvery(times(3, refused), 2), false],
		['refused for 20 s, then connected', logEvery([...times(20, refused), 'connected to postgres at db:5432'], 1), false],
		['refused for 20 s, then ready to accept work', logEvery([...times(20, refused), 'worker ready, consuming from queue'], 1), false],
		['refused for 20 s, ten minutes ago, quiet since', logEvery(times(20, refused), 1, 600), false],
		['a failure that names nothing', logEvery(times(20, 'ERROR: upstream connection refused, retrying in 1s'), 1), false],
		['login refused every 5 s', logEvery(times(12, 'FATAL:  password authentication failed for user "app"'), 5), true],
		['a "connected" that is itself an error line', logEvery([...times(20, refused), 'Error: connected but the handshake failed'], 1), true],
		['a readiness that is not there yet', logEvery([...times(20, refused), 'database not ready yet, retrying in 1s'], 1), true],
		['a server that is listening, but still not connected', logEvery([...times(20, refused), 'HTTP server listening on :8080, still waiting for postgres'], 1), true],
	])('%s', (_name, lines, reported) => {
		expect(failingWhileRunningDetector.detect(snapshot([client(lines)])).length === 1).toBe(reported);
	});

	it('counts only what this run wrote, not the run before a restart', () => {
		const lines = logEvery(times(20, refused), 1, 120);
		expect(failingWhileRunningDetector.detect(snapshot([client(lines, {startedAt: secondsBefore(60)})]))).toEqual([]);
	});

	it('judges the same log again by the later scan\'s time, and by the start of the run it is given with', () => {
		// A rescan hands back the container it did not rebuild, with the very same lines.
		const lines = logEvery(times(20, refused), 1);
		const api = client(lines);
		expect(failingWhileRunningDetector.detect(snapshot([api]))).toHaveLength(1);
		expect(failingWhileRunningDetector.detect({...snapshot([api]), takenAt: new Date(Date.parse(takenAt) + 600_000).toISOString()})).toEqual([]);
		expect(failingWhileRunningDetector.detect(snapshot([{...api, startedAt: secondsBefore(5)}]))).toEqual([]);
		expect(failingWhileRunningDetector.detect(snapshot([api]))).toHaveLength(1);
	});

	it('is about running containers only', () => {
		expect(failingWhileRunningDetector.detect(snapshot([client(logEvery(times(20, refused), 1), {state: 'exited', exitCode: 1})]))).toEqual([]);
	});

	it('says what failed, how often, and since when nothing says it recovered', () => {
		const [finding] = failingWhileRunningDetector.detect(snapshot([client(logEvery(times(20, refused), 1))]));
		expect(finding?.summary).toBe('keeps failing while running: connection to 127.0.0.1:5432 refused, 20 times in 19 s, and nothing since says it recovered');
		expect(finding?.evidence[0]?.text).toBe(`log (20 times, last at ${secondsBefore(1)}): ${refused}`);
		expect(finding?.conditions).toEqual(['running']);
		expect(finding?.exitCode).toBeUndefined();
	});
});

describe('failing-while-running: what the other containers say of the target', () => {
	const failing = (line: string) => client(logEvery(times(20, line), 1));
	const listeningDb = sibling({name: 'shop-db-1', service: 'db', listeners: {listeners: [{address: '0.0.0.0', port: 5432}], via: 'proc'}});

	it.each([
		['localhost, with the sibling that listens on the port', failing(refused), [listeningDb], 'dials 127.0.0.1:5432, where nothing in the container listens; service db listens on 5432: use db:5432 instead of 127.0.0.1:5432'],
		['localhost, with a sibling that only exposes the port', failing('Error 111 connecting to localhost:6379. Connection refused.'), [sibling({name: 'shop-cache-1', service: 'cache', exposedPorts: [6379]})], 'dials localhost:6379, where nothing in the container listens; service cache listens on 6379: use cache:6379 instead of localhost:6379'],
		['localhost, with no sibling on that port', failing(refused), [sibling({name: 'shop-cache-1', service: 'cache', exposedPorts: [6379]})], 'dials 127.0.0.1:5432, where nothing in the container listens'],
		['a name nobody has', failing('Error: getaddrinfo ENOTFOUND db2'), [listeningDb], 'dials db2, but no service, alias or container on its networks is called db2'],
		['a name whose container exited', failing('Error -2 connecting to db:5432. Name or service not known.'), [sibling({name: 'shop-db-1', service: 'db', state: 'exited', exitCode: 1})], 'dials db:5432, but container shop-db-1 behind db is exited (exit code 1 (the application reported an error))'],
		['a name whose container someone stopped', failing('Error: getaddrinfo EAI_AGAIN db'), [sibling({name: 'shop-db-1', service: 'db', state: 'exited', exitCode: 137, lastRun: {exitCode: 137, requested: 'stop'}})], 'dials db, but container shop-db-1 behind db is stopped (exit code 137 (killed (SIGKILL)))'],
		['a name whose container never started', failing('Error: getaddrinfo ENOTFOUND cache'), [sibling({name: 'shop-cache-1', service: 'cache', state: 'created'})], 'dials cache, but container shop-cache-1 behind cache is created, never started'],
		['a name whose container runs on another network', failing('could not translate host name "etcd2" to address: Name or service not known'), [container({name: 'etcd2', project: 'shop', service: 'etcd2', attachments: [{network: 'infra', aliases: ['etcd2']}], networks: ['infra']})], 'dials etcd2, but container etcd2 behind etcd2 is on network infra, not on this container\'s networks (shop_default)'],
		['a name whose container runs beside it on the default bridge (docker run without --network)', client(logEvery(times(20, 'Error: getaddrinfo ENOTFOUND db'), 1), {project: undefined, service: undefined, networks: ['bridge'], attachments: [{network: 'bridge', aliases: []}]}), [container({name: 'db', networks: ['bridge'], attachments: [{network: 'bridge', aliases: []}]})], 'dials db, but container db and this one share only the default bridge network, where container names do not resolve'],
		['an address that is a sibling\'s', failing('Error: connect ECONNREFUSED 172.18.0.9:5432'), [sibling({name: 'shop-db-1', service: 'db', state: 'exited', exitCode: 1, attachments: [{network: 'shop_default', aliases: ['db'], ipAddress: '172.18.0.9'}]})], 'dials db:5432, but container shop-db-1 behind db is exited (exit code 1 (the application reported an error))'],
	])('%s', (_name, subject, others, fact) => {
		const [finding] = failingWhileRunningDetector.detect(snapshot([subject, ...others]));
		expect(finding?.evidence.map(item => item.text)).toContain(fact);
		expect(finding?.sourcedText?.facts?.split('\n')).toContain(fact);
	});

	it.each([
		['a name that resolves to a running sibling on a shared network', failing('Error: connect ECONNREFUSED 172.18.0.9:5432'), [sibling({name: 'shop-db-1', service: 'db', attachments: [{network: 'shop_default', aliases: ['db'], ipAddress: '172.18.0.9'}]})]],
		['a name with a dot (outside this engine)', failing('Error: getaddrinfo ENOTFOUND api.github.com'), []],
		['a login refused', failing('FATAL:  password authentication failed for user "app"'), [listeningDb]],
		['localhost in a container on the host network', client(logEvery(times(20, refused), 1), {networkMode: 'host'}), [listeningDb]],
	])('states no fact for %s', (_name, subject, others) => {
		const [finding] = failingWhileRunningDetector.detect(snapshot([subject, ...others]));
		expect(finding).toBeDefined();
		expect(finding?.sourcedText?.facts).toBe('');
	});

	it('prefers the container that answers to the name on a shared network over a namesake elsewhere', () => {
		const namesake = container({name: 'other-cache-1', project: 'other', service: 'cache', networks: ['bridge'], attachments: [{network: 'bridge', aliases: []}]});
		const down = sibling({name: 'shop-cache-1', service: 'cache', state: 'exited', exitCode: 1});
		const [finding] = failingWhileRunningDetector.detect(snapshot([failing('Error -2 connecting to cache:6379. Name or service not known.'), namesake, down]));
		expect(finding?.sourcedText?.facts).toBe('dials cache:6379, but container shop-cache-1 behind cache is exited (exit code 1 (the application reported an error))');
		expect(finding?.facts).toMatchObject({hostname: 'cache', 'dependency-container': 'shop-cache-1'});
	});
});
