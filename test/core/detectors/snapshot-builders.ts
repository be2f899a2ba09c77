/** Small hand-made snapshots for the detectors' rule tables: a container with only what a row sets. */
import type {ContainerSnapshot, HostListener, LogLine, Snapshot} from '../../../source/core/snapshot.js';

export const takenAt = '2025-01-15T10:00:00.000Z';

export const secondsBefore = (seconds: number) => new Date(Date.parse(takenAt) - seconds * 1000).toISOString();

export function container(overrides: Partial<ContainerSnapshot> & {name: string}): ContainerSnapshot {
	return {
		id: overrides.name,
		image: 'app:1',
		labels: {},
		dependsOn: [],
		state: 'running',
		restartCount: 0,
		exitCode: 0,
		oomKilled: false,
		mounts: [],
		ports: [],
		networks: ['bridge'],
		entrypoint: [],
		command: [],
		memoryLimit: 0,
		env: [],
		...overrides,
	};
}

export function snapshot(containers: ContainerSnapshot[], hostListeners: HostListener[] = []): Snapshot {
	return {engine: {reachable: true, host: 'unix:///var/run/docker.sock'}, takenAt, containers, hostListeners, problems: []};
}

/** Log lines stamped `every` seconds apart, the last `endsAgo` seconds before the snapshot. */
export function logEvery(texts: readonly string[], every: number, endsAgo = 1): {lines: LogLine[]; truncated: boolean} {
	return {
		lines: texts.map((text, index) => ({stream: 'stderr', text, timestamp: secondsBefore(endsAgo + (texts.length - 1 - index) * every)})),
		truncated: false,
	};
}

/** A container the engine could not start: host port 8080 was taken when it tried to publish it. */
export function blockedOnPort8080(): ContainerSnapshot {
	return container({
		name: 'web',
		state: 'created',
		exitCode: 128,
		error: 'driver failed programming external connectivity on endpoint web (abc): Error starting userland proxy: listen tcp4 0.0.0.0:8080: bind: address already in use',
		ports: [{containerPort: 80, protocol: 'tcp', hostIp: '', hostPort: 8080}],
	});
}
