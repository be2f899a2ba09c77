/**
 * The only code that talks to the Docker engine. One scan takes one Snapshot: the engine's
 * version, every container (or one compose project's) inspected, the logs of every container that
 * is not plainly healthy, mount owners and the host processes holding published ports. Requests
 * run concurrently with a bound and each has a timeout; one failing request or a container that
 * vanishes mid-scan is recorded in `problems`, never fatal. Only reaching the engine at all is.
 */
import Docker from 'dockerode';
import {SecretValues} from '../core/secret-values.js';
import {cleanUntrustedText} from '../core/clean-untrusted-text.js';
import type {ContainerSnapshot, EngineInfo, HostListener, MountOwner, ScanProblem, Snapshot} from '../core/snapshot.js';
import {createLimiter, withTimeout} from './concurrency-limiter.js';
import {containerFromInspect, looksHealthy, type InspectAnswer} from './container-from-inspect.js';
import {defaultLogLimits, readContainerLogs, type LogLimits, type RawLogs} from './container-logs.js';
import {removedDuringScan} from '../core/diagnose-report.js';
import {classifyEngineFailure, isConnectionFailure, resolveEngineAddress, stoppedAnsweringError, type EngineAddress} from './docker-connection.js';
import {readHostListeners} from './host-listeners.js';
import {readMountOwner} from './mount-owner.js';

import {EngineError} from './docker-connection.js';

export {EngineError};

export type ScanOptions = {
	/** --host; else DOCKER_HOST from `environment`; else the local socket. */
	readonly host?: string;
	readonly environment: Readonly<Record<string, string | undefined>>;
	/** Only this compose project's containers (com.docker.compose.project label). */
	readonly project?: string;
	/** The first request (version): how long to wait before saying the engine does not answer. */
	readonly connectTimeoutMs?: number;
	/** Every later request. */
	readonly requestTimeoutMs?: number;
	readonly concurrency?: number;
	readonly logLimits?: LogLimits;
};

const defaults = {connectTimeoutMs: 5000, requestTimeoutMs: 8000, concurrency: 6};

export type EngineConnection = {
	readonly address: EngineAddress;
	readonly docker: Docker;
};

/** Builds a client for the engine; throws EngineError for an address that cannot be used. */
export function connectToEngine(host: string | undefined, environment: ScanOptions['environment'], requestTimeoutMs = defaults.requestTimeoutMs): EngineConnection {
	const address = resolveEngineAddress(host, environment, requestTimeoutMs);
	try {
		return {address, docker: new Docker(address.options)};
	} catch (error) {
		throw classifyEngineFailure(error, address.display);
	}
}

/** Scans the engine. Throws EngineError when the engine cannot be reached at all. */
/**
 * A scan whose only expected failure, an engine that cannot be used, comes back as a value: every
 * caller goes on without the engine (search and playbooks still work), so none should have to catch.
 */
export async function scanEngineOrError(options: ScanOptions): Promise<Snapshot | EngineError> {
	try {
		return await scanEngine(options);
	} catch (error) {
		if (error instanceof EngineError) {
			return error;
		}

		throw error;
	}
}

export async function scanEngine(options: ScanOptions): Promise<Snapshot> {
	const connectTimeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs;
	const requestTimeoutMs = options.requestTimeoutMs ?? defaults.requestTimeoutMs;
	const {address, docker} = connectToEngine(options.host, options.environment, requestTimeoutMs);
	const host = address.display;
	const problems: ScanProblem[] = [];

	const engine = await readEngineInfo(docker, host, connectTimeoutMs, problems);

	let summaries: Docker.ContainerInfo[];
	try {
		summaries = await withTimeout(requestTimeoutMs, async signal => docker.listContainers({
			all: true,
			abortSignal: signal,
			...(options.project ? {filters: {label: [`com.docker.compose.project=${options.project}`]}} : {}),
		}));
	} catch (error) {
		throw classifyEngineFailure(error, host);
	}

	const limit = createLimiter(options.concurrency ?? defaults.concurrency);
	const logLimits = options.logLimits ?? defaultLogLimits;
	const liveness = createLivenessCheck(docker, connectTimeoutMs);
	const secrets: string[] = [];
	const collectSecrets = (values: readonly string[]) => {
		secrets.push(...values);
	};

	const scanned = await Promise.all(summaries.map(async summary => limit(async () =>
		liveness.stopped() ? undefined : scanContainer(docker, summary, {address, requestTimeoutMs, logLimits, problems, liveness, collectSecrets}))));
	if (liveness.stopped()) {
		throw stoppedAnsweringError(host);
	}

	const containers = scanned.filter((container): container is ContainerSnapshot => container !== undefined)
		.sort((left, right) => (left.project ?? '').localeCompare(right.project ?? '') || left.name.localeCompare(right.name));

	const hostListeners = address.local && process.platform === 'linux'
		? await readListeners(containers, problems)
		: [];

	return {engine, takenAt: new Date().toISOString(), containers, hostListeners, problems, secrets: new SecretValues(secrets)};
}

async function readEngineInfo(docker: Docker, host: string, timeoutMs: number, problems: ScanProblem[]): Promise<EngineInfo> {
	const [version, info] = await Promise.allSettled([
		withTimeout(timeoutMs, async signal => withSignal<Docker.DockerVersion>(docker.version, docker, signal)),
		withTimeout(timeoutMs, async signal => withSignal<{SecurityOptions?: string[]}>(docker.info, docker, signal)),
	]);

	if (version.status === 'rejected') {
		throw classifyEngineFailure(version.reason, host);
	}

	if (info.status === 'rejected') {
		problems.push({operation: 'info', message: describeError(info.reason)});
	}

	const components = (version.value as {Components?: Array<{Name?: string}>}).Components ?? [];
	const podman = components.some(component => /podman/i.test(component.Name ?? ''));
	const security = info.status === 'fulfilled' ? info.value.SecurityOptions ?? [] : [];
	return {
		reachable: true,
		host,
		version: version.value.Version,
		apiVersion: version.value.ApiVersion,
		os: version.value.Os,
		product: podman ? 'podman' : 'docker',
		rootless: security.some(option => option.includes('rootless')),
	};
}

/** dockerode's version() and info() take an options object with abortSignal; its types omit it. */
async function withSignal<T>(method: (...parameters: never[]) => unknown, docker: Docker, signal: AbortSignal): Promise<T> {
	return (method as unknown as (options: {abortSignal: AbortSignal}) => Promise<T>).call(docker, {abortSignal: signal});
}

type ContainerScanContext = {
	readonly address: EngineAddress;
	readonly requestTimeoutMs: number;
	readonly logLimits: LogLimits;
	readonly problems: ScanProblem[];
	readonly liveness: LivenessCheck;
	readonly collectSecrets: (values: readonly string[]) => void;
};

type LivenessCheck = {
	/** After a request failed to connect or timed out: asks the engine whether it is still there. */
	confirm(error: unknown): Promise<void>;
	/** The engine stopped answering mid-scan: the rest of the scan is not worth waiting for. */
	stopped(): boolean;
};

/**
 * An engine that dies after listing the containers makes every later request fail; reporting each
 * as a container that could not be read would bury the one thing to say. A connection failure
 * leads to a ping (shared by the requests failing at the same time); if that fails too, the
 * engine has stopped answering and the scan ends with that.
 */
function createLivenessCheck(docker: Docker, timeoutMs: number): LivenessCheck {
	let stopped = false;
	let pending: Promise<void> | undefined;
	return {
		async confirm(error) {
			if (stopped || !isConnectionFailure(error)) {
				return;
			}

			pending ??= withTimeout(timeoutMs, async signal => withSignal<unknown>(docker.ping, docker, signal))
				.then(() => undefined, () => {
					stopped = true;
				})
				.finally(() => {
					pending = undefined;
				});
			await pending;
		},
		stopped: () => stopped,
	};
}

async function scanContainer(docker: Docker, summary: Docker.ContainerInfo, context: ContainerScanContext): Promise<ContainerSnapshot | undefined> {
	const name = displayName(summary);
	const container = docker.getContainer(summary.Id);
	let inspect: InspectAnswer;
	try {
		inspect = await withTimeout(context.requestTimeoutMs, async signal => container.inspect({abortSignal: signal}) as Promise<InspectAnswer>);
	} catch (error) {
		context.problems.push(containerProblem(name, 'inspect', error));
		await context.liveness.confirm(error);
		return undefined;
	}

	let logs: RawLogs | undefined;
	if (!looksHealthy(inspect)) {
		try {
			logs = await withTimeout(context.requestTimeoutMs, async signal =>
				readContainerLogs(container, inspect.Config?.Tty ?? false, context.logLimits, signal));
		} catch (error) {
			context.problems.push(containerProblem(name, 'logs', error));
			await context.liveness.confirm(error);
		}
	}

	const mountOwners = new Map<string, MountOwner>();
	if (context.address.local) {
		for (const mount of inspect.Mounts ?? []) {
			const owner = mount.Source ? await readMountOwner(mount.Source) : undefined;
			if (owner && mount.Source) {
				mountOwners.set(mount.Source, owner);
			}
		}
	}

	return containerFromInspect(inspect, {logs, mountOwners, collectSecrets: context.collectSecrets});
}

/** Host ports the scanned containers publish and are not serving: who holds them is worth naming. */
async function readListeners(containers: readonly ContainerSnapshot[], problems: ScanProblem[]): Promise<HostListener[]> {
	const ports = new Set<number>();
	for (const container of containers) {
		const error = container.error ?? '';
		if (/port is already allocated|address already in use|bind: /i.test(error)) {
			for (const match of error.matchAll(/:(\d{1,5})\b/g)) {
				ports.add(Number(match[1]));
			}
		}

		if (container.state !== 'running') {
			for (const binding of container.ports) {
				if (binding.hostPort) {
					ports.add(binding.hostPort);
				}
			}
		}
	}

	try {
		const listeners = await readHostListeners(ports);
		return listeners.map(listener => listener.process
			? {...listener, process: cleanUntrustedText(listener.process, {maximumLineLength: 200})}
			: listener);
	} catch (error) {
		problems.push({operation: 'host listeners', message: describeError(error)});
		return [];
	}
}

/** The listed name, cleaned like every other string the engine sends: it is printed with the problem. */
function displayName(summary: Docker.ContainerInfo): string {
	return cleanUntrustedText((summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, ''), {maximumLineLength: 200});
}

function containerProblem(container: string, operation: string, error: unknown): ScanProblem {
	const gone = (error as {statusCode?: number} | undefined)?.statusCode === 404;
	return {container, operation, message: gone ? removedDuringScan : describeError(error)};
}

function describeError(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return cleanUntrustedText(text.replace(/^\(HTTP code \d+\) [\w ]+ - /, '').trim(), {maximumLineLength: 300});
}
