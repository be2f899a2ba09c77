/** Loads a recorded engine fixture (test/fixtures/engine/<id>.json) as the Snapshot a scan would give. */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {containerFromInspect} from '../../../source/adapters/container-from-inspect.js';
import {runEnding} from '../../../source/adapters/run-endings.js';
import type {Snapshot} from '../../../source/core/snapshot.js';
import type {EngineFixture} from '../../fixtures/engine/record-fixtures.js';

const directory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/engine');

export type LoadedFixture = {
	readonly snapshot: Snapshot;
	/** The container the scenario is about, by name. */
	readonly subject: string;
	/** Every other container in the fixture, by name. */
	readonly others: readonly string[];
};

export function loadEngineFixture(id: string): LoadedFixture {
	const fixture = JSON.parse(readFileSync(path.join(directory, `${id}.json`), 'utf8')) as EngineFixture;
	const containers = fixture.containers.map(container => {
		const lastRun = runEnding(container.inspect, fixture.events ?? []);
		return containerFromInspect(container.inspect, {
			logs: container.logs,
			mountOwners: new Map(Object.entries(container.mountOwners ?? {})),
			...(container.listeners ? {listeners: container.listeners} : {}),
			...(lastRun ? {lastRun} : {}),
		});
	});
	const snapshot: Snapshot = {
		engine: {reachable: true, host: 'unix:///var/run/docker.sock', version: '20.10.24', apiVersion: '1.41'},
		takenAt: fixture.takenAt,
		containers,
		hostListeners: fixture.hostListeners,
		problems: [],
	};
	return {snapshot, subject: fixture.subject, others: containers.map(container => container.name).filter(name => name !== fixture.subject)};
}

export const fixtureIds = [
	'celery-beat-schedule-permission',
	'nextjs-trace-permission',
	'healthcheck-curl-missing',
	'oom-killed',
	'command-not-found',
	'crlf-entrypoint',
	'port-taken-by-container',
	'port-taken-by-host-process',
	'mongodb-lock-file-loop',
	'dependency-unhealthy',
	'healthy-service',
	'one-shot-exited-zero',
	'noisy-but-running',
	'app-binds-loopback',
	'published-port-not-served',
	'healthcheck-probes-wrong-port',
	'healthcheck-greps-json',
	'localhost-instead-of-service',
	'service-name-unknown',
	'dependency-down',
	'kind-registry-off-network',
	'port-held-by-kubectl-port-forward',
	'port-held-by-ssh-tunnel',
	'replica-data-dir-uid',
	'recovered-client',
	'stopped-by-user',
] as const;
