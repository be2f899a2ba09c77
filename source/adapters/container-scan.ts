/**
 * One container's part of a scan: its inspect answer (or the one an earlier scan kept), its logs
 * when they can matter, what its processes listen on, who owns its bind mounts; a container that
 * cannot be read is a problem of the scan, never its end. docker-engine.ts runs these side by
 * side for every container listed.
 */
import {cleanUntrustedText} from '../core/clean-untrusted-text.js';
import {removedDuringScan, type ContainerSnapshot, type ListenerReading, type MountOwner, type ScanProblem} from '../core/snapshot.js';
import {containerFromInspect, looksHealthy} from './container-from-inspect.js';
import {listenersMatter, readContainerListeners} from './container-listeners.js';
import {calmLogLimits, readContainerLogs, type LogLimits, type RawLogs} from './container-logs.js';
import type {EngineConnection} from './docker-client.js';
import {jsonObject, type ContainerSummary, type InspectAnswer} from './engine-answers.js';
import type {EngineEndpoint} from './engine-endpoint.js';
import {engineErrorMessage, isConnectionFailure, statusCodeOf} from './engine-failure.js';
import {readMountOwner} from './mount-owner.js';
import {readJson} from './pooled-get.js';
import {lookUpProgram} from './program-lookup.js';
import {readScriptStart} from './script-start.js';
import {agreesWithList, type ScanSession} from './scan-session.js';

/** An exec that reads a container's sockets, and the events, get this long: they only add detail. */
export const detailTimeoutMs = 3000;

export type ContainerScanContext = {
	readonly endpoint: EngineEndpoint;
	readonly requestTimeoutMs: number;
	readonly logLimits: LogLimits;
	readonly liveness: LivenessCheck;
	readonly session: ScanSession | undefined;
};

/** One container's part of a scan: what it is, the inspect answer it was built from, what went wrong. */
export type ScannedContainer = {
	readonly container?: ContainerSnapshot;
	readonly inspect?: InspectAnswer;
	/** The inspect answer was kept from an earlier scan, not asked for in this one. */
	readonly kept?: boolean;
	readonly problems: readonly ScanProblem[];
	readonly secrets: readonly string[];
};

export type LivenessCheck = {
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
export function createLivenessCheck(connection: EngineConnection, timeoutMs: number): LivenessCheck {
	let stopped = false;
	let pending: Promise<void> | undefined;
	return {
		async confirm(error) {
			if (stopped || !isConnectionFailure(error)) {
				return;
			}

			pending ??= connection.ping(timeoutMs)
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

async function scanContainer(connection: EngineConnection, summary: ContainerSummary, context: ContainerScanContext): Promise<ScannedContainer> {
	const name = displayName(summary);
	const {session} = context;
	const problems: ScanProblem[] = [];
	const kept = session?.currentInspect(summary);
	let inspect: InspectAnswer;
	try {
		if (kept) {
			inspect = kept;
		} else {
			const askedAt = session?.time() ?? 0;
			inspect = jsonObject<InspectAnswer>(await connection.get(`/containers/${encodeURIComponent(summary.Id)}/json`, context.requestTimeoutMs, readJson), 'inspect');
			session?.rememberInspect(summary.Id, inspect, askedAt);
		}
	} catch (error) {
		problems.push(containerProblem(name, 'inspect', error));
		await context.liveness.confirm(error);
		return {problems, secrets: []};
	}

	const [{logs, scriptStart}, listeners, mountOwners, program] = await Promise.all([
		containerLogs(connection, summary, inspect, kept, name, context, problems)
			.then(async logs => ({logs, scriptStart: await readScriptStart(connection, inspect, logs, detailTimeoutMs)})),
		listenersMatter(inspect) ? containerListeners(connection, summary, inspect, context) : undefined,
		context.endpoint.local ? readMountOwners(inspect) : new Map<string, MountOwner>(),
		lookUpProgram(connection, inspect, detailTimeoutMs),
	]);

	const secrets: string[] = [];
	const collectSecrets = (values: readonly string[]) => {
		secrets.push(...values);
	};

	const container = session
		? session.build(summary.Id, inspect, {logs, mountOwners, listeners, program, scriptStart, collectSecrets})
		: containerFromInspect(inspect, {logs, mountOwners, ...(listeners ? {listeners} : {}), ...(program ? {program} : {}), ...(scriptStart ? {scriptStart} : {}), collectSecrets});
	return {container, inspect, kept: kept !== undefined, problems, secrets};
}

/**
 * An answer that is JSON but not of the shape the API describes (a list where an object should be)
 * makes reading it throw: that container is recorded as unreadable, and the scan goes on.
 */
export async function scanContainerOrProblem(connection: EngineConnection, summary: ContainerSummary, context: ContainerScanContext): Promise<ScannedContainer> {
	try {
		return await scanContainer(connection, summary, context);
	} catch (error) {
		return {problems: [{container: displayName(summary), operation: 'inspect', message: `the engine's answer has an unexpected shape: ${describeError(error)}`}], secrets: []};
	}
}

/**
 * The log tail a scan reads: every running container's (one that runs can fail without its state
 * showing it; for one that looks fine, a shorter tail) and every other's that is not plainly
 * fine. A session reuses what cannot have changed: the logs of a container that is not running,
 * as read with the same inspect answer, and for a few seconds those of a running container that
 * looks fine.
 */
async function containerLogs(connection: EngineConnection, summary: ContainerSummary, inspect: InspectAnswer, kept: InspectAnswer | undefined, name: string, context: ContainerScanContext, problems: ScanProblem[]): Promise<RawLogs | undefined> {
	const running = inspect.State?.Status === 'running';
	const calm = looksHealthy(inspect);
	if (calm && !running) {
		return undefined;
	}

	const {session} = context;
	// A container that is not running writes nothing: until an event says it started, its logs are as read last time.
	const reused = kept && !mayBeWriting(kept) ? session?.logsRead(summary.Id, kept) : calm ? session?.recentLogs(summary.Id) : undefined;
	if (reused) {
		return reused;
	}

	try {
		const readAt = session?.time() ?? 0;
		const limits = calm ? {maximumLines: Math.min(context.logLimits.maximumLines, calmLogLimits.maximumLines), maximumBytes: Math.min(context.logLimits.maximumBytes, calmLogLimits.maximumBytes)} : context.logLimits;
		const logs = await readContainerLogs(connection, summary.Id, inspect.Config?.Tty ?? false, limits, context.requestTimeoutMs);
		session?.rememberLogs(summary.Id, logs, readAt);
		return logs;
	} catch (error) {
		problems.push(containerProblem(name, 'logs', error));
		await context.liveness.confirm(error);
		return undefined;
	}
}

/** What the container listens on; a session reuses what it read a moment ago for the same answer. */
async function containerListeners(connection: EngineConnection, summary: ContainerSummary, inspect: InspectAnswer, context: ContainerScanContext): Promise<ListenerReading | undefined> {
	const {session} = context;
	const reused = session?.listenersRead(summary.Id, inspect);
	if (reused) {
		return reused.reading;
	}

	const readAt = session?.time() ?? 0;
	const reading = await readContainerListeners(connection, inspect, {local: context.endpoint.local, timeoutMs: Math.min(context.requestTimeoutMs, detailTimeoutMs)});
	session?.rememberListeners(summary.Id, inspect, reading, readAt);
	return reading;
}

async function readMountOwners(inspect: InspectAnswer): Promise<Map<string, MountOwner>> {
	const owners = new Map<string, MountOwner>();
	for (const mount of inspect.Mounts ?? []) {
		const owner = mount.Source ? await readMountOwner(mount.Source) : undefined;
		if (owner && mount.Source) {
			owners.set(mount.Source, owner);
		}
	}

	return owners;
}

/**
 * Whether what a rescan found before the new list came still stands: an answer kept from an
 * earlier scan only while no event since says otherwise; a fresh one while it matches the list.
 */
export function stillHolds(started: ScannedContainer, summary: ContainerSummary, session: ScanSession | undefined): boolean {
	if (!started.inspect) {
		return true;
	}

	return started.kept ? session?.currentInspect(summary) === started.inspect : agreesWithList(started.inspect, summary);
}

function mayBeWriting(inspect: InspectAnswer): boolean {
	return !['exited', 'dead', 'created', 'restarting'].includes(inspect.State?.Status ?? '');
}

/** The listed name, cleaned like every other string the engine sends: it is printed with the problem. */
function displayName(summary: ContainerSummary): string {
	return cleanUntrustedText((summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, ''), {maximumLineLength: 200});
}

function containerProblem(container: string, operation: string, error: unknown): ScanProblem {
	const gone = statusCodeOf(error) === 404;
	return {container, operation, message: gone ? removedDuringScan : describeError(error)};
}

export function describeError(error: unknown): string {
	return cleanUntrustedText(engineErrorMessage(error), {maximumLineLength: 300});
}
