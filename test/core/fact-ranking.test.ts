/**
 * Facts decide between causes that text alone cannot tell apart, over the shipped playbooks: who
 * holds a port, what a server listens on, what a dialled name is, who owns a mount, a ${VAR}
 * nothing expanded, the command of a silent health probe. And plain search never sees them.
 */
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadKnowledgeBase, type KnowledgeBase} from '../../source/adapters/knowledge-base.js';
import {buildDiagnoseResult} from '../../source/core/diagnose-report.js';
import {search} from '../../source/core/search/search.js';
import type {ContainerSnapshot, HostListener} from '../../source/core/snapshot.js';
import {loadEngineFixture} from './detectors/engine-fixtures.js';
import {blockedOnPort8080, container, logEvery, secondsBefore, snapshot} from './detectors/snapshot-builders.js';

const root = path.join(import.meta.dirname, '..', '..');
let base: KnowledgeBase;

beforeAll(async () => {
	base = await loadKnowledgeBase({cwd: root});
});

function causes(containers: ContainerSnapshot[], subject: string, hostListeners: HostListener[] = []): string[] {
	const finding = buildDiagnoseResult(snapshot(containers, hostListeners), base.index).findings.find(candidate => candidate.container === subject);
	return finding?.matches.map(match => match.cause) ?? [];
}

const restartLoop = (lines: string[], overrides: Partial<ContainerSnapshot> = {}) => container({
	name: 'replica',
	state: 'restarting',
	restartCount: 6,
	exitCode: 1,
	restartPolicy: 'always',
	logs: logEvery(lines, 2),
	...overrides,
});

const blocked = blockedOnPort8080();

describe('facts decide the first cause', () => {
	it.each([
		['kubectl port-forward', 'kubectl port-forward svc/web 8080:80', 'port-forward-orphan'],
		['ssh -L', 'ssh -N -L 8080:web.internal:80 bastion', 'port-forward-orphan'],
		['a host service', '/usr/sbin/nginx -g daemon off;', 'host-port-conflict'],
	])('a port held by %s', (_name, process, cause) => {
		expect(causes([blocked], 'web', [{port: 8080, protocol: 'tcp', address: '127.0.0.1', pid: 4242, process}])[0]).toBe(cause);
	});

	it('a PAWS360-style replica as 999:999 that cannot create its data directory in a root-owned mount', () => {
		const lines = ['pg_basebackup: error: could not create directory "/var/lib/postgresql/data/pgroot": Permission denied'];
		const mount = {type: 'bind' as const, source: '/srv/replica', destination: '/var/lib/postgresql/data', readWrite: true, mode: ''};
		// Without the owner, the text reads like PostgreSQL refusing its data directory.
		expect(causes([restartLoop(lines, {user: '999:999', mounts: [mount]})], 'replica')[0]).toBe('db-data-dir-permissions');
		expect(causes([restartLoop(lines, {user: '999:999', mounts: [{...mount, owner: {uid: 0, gid: 0, mode: '755'}}]})], 'replica')[0]).toBe('volume-permission-uid-mismatch');
		// A mount the user may write through its group is no mismatch.
		expect(causes([restartLoop(lines, {user: '999:999', mounts: [{...mount, owner: {uid: 0, gid: 999, mode: '775'}}]})], 'replica')[0]).toBe('db-data-dir-permissions');
	});

	it.each([
		'FATAL: could not connect to ${POSTGRES_HOST}:5432',
		'ERROR: Failed to connect to etcd at ${ETCD_HOST}: connection refused',
	])('a ${VAR} nothing expanded: %s', line => {
		expect(causes([restartLoop([line, line, line])], 'replica')[0]).toBe('env-not-expanded-in-config');
	});

	it('the command of a health probe that prints nothing', () => {
		const subject = container({
			name: 'patroni1',
			startedAt: secondsBefore(120),
			health: {status: 'unhealthy', failingStreak: 5, test: ['CMD-SHELL', 'curl -s http://localhost:8008/patroni | grep -q \'"state":"running"\''], log: [{start: '', end: '', exitCode: 1, output: ''}]},
		});
		expect(causes([subject], 'patroni1')[0]).toBe('healthcheck-output-parsing');
	});

	it('a server on loopback behind its published port', () => {
		const web = container({name: 'web', startedAt: secondsBefore(120), ports: [{containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 38081}], listeners: {listeners: [{address: '127.0.0.1', port: 8080}], via: 'proc'}});
		expect(causes([web], 'web')[0]).toBe('app-binds-loopback-in-container');
	});

	it('a kind registry off the cluster network', () => {
		const node = container({name: 'dev-control-plane', labels: {'io.x-k8s.kind.cluster': 'dev'}, networks: ['kind'], attachments: [{network: 'kind', aliases: []}]});
		const registry = container({name: 'kind-registry', image: 'registry:2', networks: ['bridge'], attachments: [{network: 'bridge', aliases: []}]});
		expect(causes([node, registry], 'kind-registry')[0]).toBe('registry-not-on-cluster-network');
	});

	it.each([
		['a name nobody has', 'Error: getaddrinfo ENOTFOUND db2', [], 'service-hostname-unresolvable'],
		['a name whose container exited', 'Error: getaddrinfo ENOTFOUND db', [container({name: 'shop-db-1', project: 'shop', service: 'db', state: 'exited', exitCode: 1, networks: ['shop_default'], attachments: [{network: 'shop_default', aliases: ['db']}]})], 'dependency-container-not-running'],
	])('a client that dials %s', (_name, line, others, cause) => {
		const client = container({name: 'shop-api-1', project: 'shop', service: 'api', startedAt: secondsBefore(300), networks: ['shop_default'], attachments: [{network: 'shop_default', aliases: ['api']}], logs: logEvery(Array.from({length: 20}, () => line), 1)});
		expect(causes([client, ...others], 'shop-api-1')[0]).toBe(cause);
	});
});

describe('recorded from the real engine, the right cause comes first', () => {
	it.each([
		['app-binds-loopback', 'app-binds-loopback-in-container'],
		['published-port-not-served', 'service-port-not-published'],
		['healthcheck-probes-wrong-port', 'healthcheck-wrong-port'],
		['healthcheck-greps-json', 'healthcheck-output-parsing'],
		['localhost-instead-of-service', 'localhost-inside-container'],
		['service-name-unknown', 'service-hostname-unresolvable'],
		['dependency-down', 'dependency-container-not-running'],
		['kind-registry-off-network', 'registry-not-on-cluster-network'],
		['port-held-by-kubectl-port-forward', 'port-forward-orphan'],
		['port-held-by-ssh-tunnel', 'port-forward-orphan'],
		['port-taken-by-host-process', 'host-port-conflict'],
		['port-taken-by-container', 'host-port-conflict'],
		['replica-data-dir-uid', 'volume-permission-uid-mismatch'],
	])('%s: %s', (fixture, cause) => {
		const {snapshot: recorded, subject} = loadEngineFixture(fixture);
		const finding = buildDiagnoseResult(recorded, base.index).findings.find(candidate => candidate.container === subject);
		expect(finding?.matches[0]?.cause, JSON.stringify(finding?.matches)).toBe(cause);
		expect(finding?.matches[0]?.signatureMatched).toBe(true);
	});
});

describe('plain search', () => {
	it('never matches a fact signature, even on the very words of a fact', () => {
		for (const text of ['host port 8080 is held by kubectl port-forward (pid 4242)', 'publishes 38081->8080, but the process listens on 127.0.0.1:8080 only', 'a writable mount is owned by uid 0 (mode 755), not by the container\'s uid 999']) {
			expect(search(base.index, text).flatMap(result => result.why).filter(reason => reason.includes('what the engine showed'))).toEqual([]);
		}
	});
});
