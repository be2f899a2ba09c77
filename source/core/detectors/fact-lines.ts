/**
 * What diagnose observed on the engine, one fact a line, in unblock's own fixed wording: the
 * text a finding carries as its `facts` source, which playbook signatures with `source: facts`
 * match. The wording is the contract between detectors and playbooks: change a line here and the
 * signatures that read it (and their examples, which lint checks) change with it. Names in a line
 * are the engine's, already cleaned; everything else is fixed.
 */
import type {ContainerListener, PortBinding} from '../snapshot.js';

/** "127.0.0.1:8080", "[::1]:8080". */
export function listenerAddress(listener: ContainerListener): string {
	return listener.address.includes(':') && !listener.address.startsWith('::ffff:') ? `[${listener.address}]:${listener.port}` : `${listener.address.replace(/^::ffff:/, '')}:${listener.port}`;
}

function addresses(listeners: readonly ContainerListener[]): string {
	return listeners.map(listener => listenerAddress(listener)).join(', ');
}

/** "publishes 38081->8080" for a binding, "exposes 8080" for a port only declared. */
export function servedPort(binding: Pick<PortBinding, 'hostPort' | 'containerPort'>): string {
	return binding.hostPort === undefined ? `exposes ${binding.containerPort} to other containers` : `publishes ${binding.hostPort}->${binding.containerPort}`;
}

/** "publishes 38081->8080, but the process listens on 127.0.0.1:8080 only" (app-binds-loopback-in-container). */
export function loopbackOnlyFact(binding: Pick<PortBinding, 'hostPort' | 'containerPort'>, listeners: readonly ContainerListener[]): string {
	return `${servedPort(binding)}, but the process listens on ${addresses(listeners)} only`;
}

/**
 * "publishes 38081->8080, but nothing in the container listens on port 8080; it listens on
 * 0.0.0.0:3000, which is not published" (service-port-not-published).
 */
export function portNotServedFact(binding: Pick<PortBinding, 'hostPort' | 'containerPort'>, elsewhere: readonly ContainerListener[]): string {
	const which = elsewhere.length === 1 ? 'which is' : 'which are';
	return `${servedPort(binding)}, but nothing in the container listens on port ${binding.containerPort}; it listens on ${addresses(elsewhere)}, ${which} not published`;
}

/** "the health check probes port 8080, where nothing in the container listens; it listens on 0.0.0.0:3000" (healthcheck-wrong-port). */
export function probeMissesListenerFact(port: number, listeners: readonly ContainerListener[]): string {
	return `the health check probes port ${port}, where nothing in the container listens; it listens on ${listeners.length > 0 ? addresses(listeners) : 'no TCP port at all'}`;
}

/**
 * "dials localhost:5432, where nothing in the container listens; service db listens on 5432: use
 * db:5432 instead of localhost:5432" (localhost-inside-container).
 */
export function loopbackDialFact(target: string, port: number, sibling: string | undefined): string {
	const base = `dials ${target}:${port}, where nothing in the container listens`;
	return sibling ? `${base}; service ${sibling} listens on ${port}: use ${sibling}:${port} instead of ${target}:${port}` : base;
}

/** "dials db2:5432, but no service, alias or container on its networks is called db2" (service-hostname-unresolvable). */
export function unknownNameFact(name: string, port: number | undefined): string {
	return `dials ${name}${port === undefined ? '' : `:${port}`}, but no service, alias or container on its networks is called ${name}`;
}

/** "dials db:5432, but container shop-db-1 behind db is exited (exit code 1)" (dependency-container-not-running). */
export function dependencyDownFact(name: string, port: number | undefined, container: string, state: string): string {
	return `dials ${name}${port === undefined ? '' : `:${port}`}, but container ${container} behind ${name} is ${state}`;
}

/**
 * "dials db:5432, but container db and this one share only the default bridge network, where
 * container names do not resolve" (service-hostname-unresolvable).
 */
export function defaultBridgeFact(name: string, port: number | undefined, container: string): string {
	return `dials ${name}${port === undefined ? '' : `:${port}`}, but container ${container} and this one share only the default bridge network, where container names do not resolve`;
}

/**
 * "dials db:5432, but container shop-db-1 behind db is on network other_default, not on this
 * container's networks (shop_default)" (service-hostname-unresolvable).
 */
export function dependencyElsewhereFact(name: string, port: number | undefined, container: string, theirs: readonly string[], ours: readonly string[]): string {
	return `dials ${name}${port === undefined ? '' : `:${port}`}, but container ${container} behind ${name} is on network ${theirs.join(', ') || 'none'}, not on this container's networks (${ours.join(', ') || 'none'})`;
}

export type PortHolderKind = 'port-forward' | 'tunnel' | 'container' | 'proxy' | 'process';

/**
 * "host port 5432 is held by kubectl port-forward (pid 4242)", "... by an ssh tunnel (pid 4242)"
 * (port-forward-orphan); "... by container shop-db-1", "... by another container's docker-proxy
 * (pid 77)", "... by host process postgres (pid 900)" (host-port-conflict).
 */
export function portHolderFact(port: number, holder: string): string {
	return `host port ${port} is held by ${holder}`;
}

/**
 * "registry container kind-registry is not on network kind of kind cluster dev (it is on
 * bridge)" (registry-not-on-cluster-network).
 */
export function registryOffClusterFact(registry: string, network: string, cluster: string, networks: readonly string[]): string {
	return `registry container ${registry} is not on network ${network} of kind cluster ${cluster} (it is on ${networks.join(', ') || 'no network'})`;
}

/** "a writable mount is owned by uid 0 (mode 755), not by the container's uid 999" (volume-permission-uid-mismatch). */
export function mountOwnerFact(ownerUid: number, mode: string, containerUid: number): string {
	return `a writable mount is owned by uid ${ownerUid} (mode ${mode}), not by the container's uid ${containerUid}`;
}

/** "a log line holds ${PATRONI_NAME}, which nothing expanded" (env-not-expanded-in-config). */
export function literalVariableFact(variable: string): string {
	return `a log line holds ${variable}, which nothing expanded`;
}

/** "start.sh is at /usr/local/bin/start.sh in the container (mode 644), but not executable" (entrypoint-not-executable). */
export function programNotExecutableFact(name: string, path: string, mode: string): string {
	return `${name} is at ${path} in the container (mode ${mode}), but not executable`;
}

/** "celery is in none of the container's PATH folders (/usr/local/bin:/usr/bin:/bin)" (command-not-found). */
export function programAbsentFact(name: string, folders: readonly string[]): string {
	return `${name} is in none of the container's PATH folders (${folders.join(':')})`;
}

/** "the script /app/start.sh has Windows (CRLF) line endings" (crlf-line-endings). */
export function crlfScriptFact(path: string): string {
	return `the script ${path} has Windows (CRLF) line endings`;
}

/** "the script /app/start.sh starts with #!/bin/bash, and /bin/bash is not in the container" (shell-missing-in-image). */
export function interpreterMissingFact(path: string, interpreter: string): string {
	return `the script ${path} starts with #!${interpreter}, and ${interpreter} is not in the container`;
}

/** "unhealthy after only 8s up, and nothing in the container listens on a TCP port yet" (healthcheck-start-period-too-short). */
export function unhealthyWhileStartingFact(uptimeSeconds: number): string {
	return `unhealthy after only ${Math.max(0, Math.floor(uptimeSeconds))}s up, and nothing in the container listens on a TCP port yet`;
}

/** "its last run ended by itself with exit code 0, and the restart policy started it again (7 restarts)" (no-foreground-process). */
export function cleanExitLoopFact(restarts: number): string {
	return `its last run ended by itself with exit code 0, and the restart policy started it again (${restarts} restarts)`;
}
