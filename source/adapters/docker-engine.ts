/**
 * The engine adapter: where dockerode's answers become the core's Snapshot, once per scan. One
 * scan takes the engine's version, its networks, every container (or one compose project's)
 * inspected, the logs of every running container and of every other that is not plainly fine,
 * what the processes of each container with ports listen on, mount owners, the host processes
 * holding published ports, and the events that say how recent runs ended. Requests run
 * concurrently with a bound and each has a timeout; one failing request or a container that
 * vanishes mid-scan is recorded in `problems`, never fatal. Only reaching the engine at all is.
 * A new fact joins here: asked for alongside the others, turned into snapshot types by a pure
 * function (as containerFromInspect does for inspect answers).
 */
import {SecretValues} from '../core/secret-values.js';
import {cleanUntrustedText} from '../core/clean-untrusted-text.js';
import type {ContainerSnapshot, EngineInfo, HostListener, ListenerReading, MountOwner, NetworkSnapshot, RunEnding, ScanProblem, Snapshot} from '../core/snapshot.js';
import {createLimiter} from './concurrency-limiter.js';
import {containerFromInspect, looksHealthy} from './container-from-inspect.js';
import {listenersMatter, readContainerListeners} from './container-listeners.js';
import {calmLogLimits, defaultLogLimits, readContainerLogs, type LogLimits, type RawLogs} from './container-logs.js';
import {removedDuringScan} from '../core/diagnose-report.js';
import {isRestartLoop} from '../core/detectors/container-evidence.js';
import {connectToEngine, type EngineConnection} from './docker-client.js';
import {containerList, jsonObject, type ContainerSummary, type EngineEvent, type EngineInfoAnswer, type EngineVersion, type InspectAnswer, type NetworkSummary} from './engine-answers.js';
import type {EngineChoice, EngineEndpoint} from './engine-endpoint.js';
import {classifyEngineFailure, EngineError, engineErrorMessage, isConnectionFailure, statusCodeOf, stoppedAnsweringError} from './engine-failure.js';
import {readHostListeners} from './host-listeners.js';
import {readMountOwner} from './mount-owner.js';
import {mayNeedRunEnding, readRunEvents, runEnding} from './run-endings.js';
import {agreesWithList, type ScanSession} from './scan-session.js';

export {EngineError};

export type ScanOptions = EngineChoice & {
	/** Read for DOCKER_HOST, DOCKER_CONTEXT, DOCKER_CONFIG and the TLS variables when no flag chose the engine. */
	readonly environment: Readonly<Record<string, string | undefined>>;
	/** Only this compose project's containers (com.docker.compose.project label). */
	readonly project?: string;
	/** The first request (version): how long to wait before saying the engine does not answer. */
	readonly connectTimeoutMs?: number;
	/** Every later request. */
	readonly requestTimeoutMs?: number;
	readonly concurrency?: number;
	readonly logLimits?: LogLimits;
	/**
	 * What the wizard keeps between rescans: its connection (`host`, `context` and `environment`
	 * are then not read) and the answers still current. Without it the scan opens a connection
	 * and closes it.
	 */
	readonly session?: ScanSession;
};

const defaults = {connectTimeoutMs: 5000, requestTimeoutMs: 8000, concurrency: 8};
/** An exec that reads a container's sockets, and the events, get this long: they only add detail. */
const detailTimeoutMs = 3000;

/** What a scan waits for and how many requests it keeps open, unless told otherwise. */
export {defaults as scanDefaults};

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

/** Scans the engine. Throws EngineError when the engine cannot be reached at all. */
export async function scanEngine(options: ScanOptions): Promise<Snapshot> {
	if (options.session) {
		return scanWith(options.session.connection, options, options.session);
	}

	const connection = connectToEngine(options, options.environment, {concurrency: options.concurrency ?? defaults.concurrency});
	try {
		return await scanWith(connection, options, undefined);
	} finally {
		connection.close();
	}
}

async function scanWith(connection: EngineConnection, options: ScanOptions, session: ScanSession | undefined): Promise<Snapshot> {
	const connectTimeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs;
	const requestTimeoutMs = options.requestTimeoutMs ?? defaults.requestTimeoutMs;
	const {endpoint} = connection;
	const problems: ScanProblem[] = [];
	const labels = options.project ? [`com.docker.compose.project=${options.project}`] : [];

	// Version, info and the list go out together, the version first: its timeout bounds the
	// ping for the API version, which all three wait for, so an engine that does not answer is
	// given up on in time. The containers wait only for the list; the version and info (the
	// engine execs runc to answer them) only feed the report.
	session?.prepare(connectTimeoutMs);
	const engineSource = session?.engine() ?? askEngine(connection, connectTimeoutMs);
	const listing = connection.request({timeoutMs: requestTimeoutMs}, async (docker, abortSignal) =>
		containerList(await docker.listContainers({all: true, ...(labels.length > 0 ? {filters: {label: labels}} : {}), abortSignal})));
	listing.catch(() => undefined);
	const networks = listNetworks(connection, requestTimeoutMs);
	// The events about how runs ended are asked for as soon as the list says whose: they arrive
	// while the containers are inspected.
	const runEvents = listing.then(async summaries => readRunEvents(connection, summaries.filter(summary => mayNeedRunEnding(summary)).map(summary => summary.Id), Math.min(requestTimeoutMs, detailTimeoutMs)), () => []);

	const limit = createLimiter(options.concurrency ?? defaults.concurrency);
	const liveness = createLivenessCheck(connection, connectTimeoutMs);
	const context: ContainerScanContext = {endpoint, requestTimeoutMs, logLimits: options.logLimits ?? defaultLogLimits, liveness, session};
	const scan = async (summary: ContainerSummary) => limit(async () => liveness.stopped() ? undefined : scanContainerOrProblem(connection, summary, context));

	// A rescan does not wait for the list: the containers the last one listed are scanned while the
	// engine lists them again, and the new list then decides which of those results stand.
	const early = new Map<string, Promise<ScannedContainer | undefined>>();
	for (const summary of session?.listedBefore(labels) ?? []) {
		const scanned = scan(summary);
		scanned.catch(() => undefined);
		early.set(summary.Id, scanned);
	}

	let summaries: ContainerSummary[];
	try {
		summaries = await listing;
	} catch (error) {
		throw classifyEngineFailure(error, endpoint);
	}

	if (session) {
		// Events the engine sent before it answered the list may still wait unread on their socket:
		// one turn of the event loop reads them, so a change made just before this rescan is seen.
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	const scanned = await Promise.all(summaries.map(async summary => {
		const started = await early.get(summary.Id);
		return started && stillHolds(started, summary, session) ? started : scan(summary);
	}));
	if (liveness.stopped()) {
		throw stoppedAnsweringError(endpoint);
	}

	let engine: EngineInfo;
	try {
		engine = 'reachable' in engineSource ? engineSource : await engineInfo(endpoint, engineSource, problems);
	} catch (error) {
		throw classifyEngineFailure(error, endpoint);
	}

	const endings = await runEndings(connection, scanned, await runEvents, session, requestTimeoutMs);
	const secrets: string[] = [];
	const containers: ContainerSnapshot[] = [];
	for (const result of scanned) {
		problems.push(...result?.problems ?? []);
		secrets.push(...result?.secrets ?? []);
		if (result?.container) {
			const lastRun = result.inspect?.Id ? endings.get(result.inspect.Id) : undefined;
			containers.push(lastRun ? {...result.container, lastRun} : result.container);
		}
	}

	containers.sort((left, right) => (left.project ?? '').localeCompare(right.project ?? '') || left.name.localeCompare(right.name));
	session?.rememberListing(labels, summaries);
	if (problems.every(problem => problem.operation !== 'info')) {
		session?.rememberEngine(engine);
	}

	const hostListeners = endpoint.local && process.platform === 'linux'
		? await readListeners(containers, problems)
		: [];

	const networkList = await networks;
	return {
		engine,
		takenAt: new Date().toISOString(),
		containers,
		hostListeners,
		...(networkList ? {networks: networkList} : {}),
		problems,
		secrets: new SecretValues(secrets),
	};
}

/** The engine's networks, or undefined when it would not list them (a scan does not fail for that). */
async function listNetworks(connection: EngineConnection, timeoutMs: number): Promise<NetworkSnapshot[] | undefined> {
	try {
		const answer = await connection.request({timeoutMs}, async (docker, abortSignal) => docker.listNetworks({abortSignal} as Parameters<typeof docker.listNetworks>[0]) as Promise<unknown>);
		if (!Array.isArray(answer)) {
			return undefined;
		}

		const clean = (text: string) => cleanUntrustedText(text, {maximumLineLength: 200});
		return (answer as NetworkSummary[]).filter(network => typeof network?.Name === 'string').map(network => ({
			id: clean(network.Id ?? ''),
			name: clean(network.Name ?? ''),
			...(network.Driver ? {driver: clean(network.Driver)} : {}),
			labels: Object.fromEntries(Object.entries(network.Labels ?? {}).map(([key, value]) => [clean(key), clean(String(value))])),
		})).sort((left, right) => left.name.localeCompare(right.name));
	} catch {
		return undefined;
	}
}

/**
 * A restart loop's process often dies within moments of its start: one caught in its first two
 * seconds is worth waiting this long for, once, to see how it ended.
 */
const crashWaitMs = 500;

/**
 * How the containers' last runs ended, where the events tell, or what the session worked out for
 * the same run (the engine forgets its events long before the wizard closes). A restart loop
 * caught in the first moments of a run, whose last death the engine no longer has, is looked at
 * once more a moment later: if it has died again by then, that state has the exit code of the run
 * that ended.
 */
async function runEndings(connection: EngineConnection, scanned: ReadonlyArray<ScannedContainer | undefined>, events: readonly EngineEvent[], session: ScanSession | undefined, timeoutMs: number): Promise<Map<string, RunEnding>> {
	const endings = new Map<string, RunEnding>();
	const unknown: InspectAnswer[] = [];
	const now = new Date().toISOString();
	for (const {inspect, container} of scanned.flatMap(result => result?.inspect && result.container ? [{inspect: result.inspect, container: result.container}] : [])) {
		const ending = runEnding(inspect, events) ?? session?.runEnding(inspect);
		if (ending) {
			endings.set(inspect.Id ?? '', ending);
			session?.rememberRunEnding(inspect, ending);
		} else if (container.state === 'running' && isRestartLoop(container, now) && Date.parse(now) - Date.parse(container.startedAt ?? '') < crashWaitMs * 4) {
			unknown.push(inspect);
		}
	}

	if (unknown.length > 0) {
		await new Promise(resolve => {
			setTimeout(resolve, crashWaitMs);
		});
		await Promise.all(unknown.map(async inspect => {
			const again = await connection.request({timeoutMs}, async (docker, abortSignal) =>
				jsonObject<InspectAnswer>(await docker.getContainer(inspect.Id ?? '').inspect({abortSignal}), 'inspect')).catch(() => undefined);
			const state = again?.State;
			if (state && state.Status !== 'running' && (again.RestartCount ?? 0) >= (inspect.RestartCount ?? 0) && typeof state.ExitCode === 'number') {
				const ending: RunEnding = {exitCode: state.ExitCode, ...(state.FinishedAt && !state.FinishedAt.startsWith('0001-') ? {at: state.FinishedAt} : {})};
				endings.set(inspect.Id ?? '', ending);
				session?.rememberRunEnding(inspect, ending);
			}
		}));
	}

	return endings;
}

/** The engine's version and info, asked for and not yet answered. */
type EngineAnswers = {
	readonly version: Promise<EngineVersion>;
	readonly info: Promise<EngineInfoAnswer>;
};

function askEngine(connection: EngineConnection, timeoutMs: number): EngineAnswers {
	const answers = {
		version: connection.request({timeoutMs}, async (docker, abortSignal) => jsonObject<EngineVersion>(await docker.version({abortSignal}), 'version')),
		info: connection.request({timeoutMs}, async (docker, abortSignal) => jsonObject<EngineInfoAnswer>(await docker.info({abortSignal}), 'info')),
	};
	answers.info.catch(() => undefined);
	answers.version.catch(() => undefined);
	return answers;
}

/** What the report says of the engine; a failed info request is a problem, not a failed scan. */
async function engineInfo(endpoint: EngineEndpoint, answers: EngineAnswers, problems: ScanProblem[]): Promise<EngineInfo> {
	const version = await answers.version;
	const [info] = await Promise.allSettled([answers.info]);
	if (info.status === 'rejected') {
		problems.push({operation: 'info', message: describeError(info.reason)});
	}

	const components = version.Components ?? [];
	const podman = components.some(component => /podman/i.test(component.Name ?? ''));
	const security = info.status === 'fulfilled' ? info.value.SecurityOptions ?? [] : [];
	return {
		reachable: true,
		host: endpoint.display,
		...(endpoint.source.kind === 'context' ? {context: endpoint.source.name} : {}),
		version: version.Version,
		apiVersion: version.ApiVersion,
		os: version.Os,
		product: podman ? 'podman' : 'docker',
		rootless: security.some(option => option.includes('rootless')),
	};
}

type ContainerScanContext = {
	readonly endpoint: EngineEndpoint;
	readonly requestTimeoutMs: number;
	readonly logLimits: LogLimits;
	readonly liveness: LivenessCheck;
	readonly session: ScanSession | undefined;
};

/** One container's part of a scan: what it is, the inspect answer it was built from, what went wrong. */
type ScannedContainer = {
	readonly container?: ContainerSnapshot;
	readonly inspect?: InspectAnswer;
	/** The inspect answer was kept from an earlier scan, not asked for in this one. */
	readonly kept?: boolean;
	readonly problems: readonly ScanProblem[];
	readonly secrets: readonly string[];
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
function createLivenessCheck(connection: EngineConnection, timeoutMs: number): LivenessCheck {
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
			inspect = await connection.request({timeoutMs: context.requestTimeoutMs}, async (docker, abortSignal) =>
				jsonObject<InspectAnswer>(await docker.getContainer(summary.Id).inspect({abortSignal}), 'inspect'));
			session?.rememberInspect(summary.Id, inspect, askedAt);
		}
	} catch (error) {
		problems.push(containerProblem(name, 'inspect', error));
		await context.liveness.confirm(error);
		return {problems, secrets: []};
	}

	const [logs, listeners, mountOwners] = await Promise.all([
		containerLogs(connection, summary, inspect, kept, name, context, problems),
		listenersMatter(inspect) ? containerListeners(connection, summary, inspect, context) : undefined,
		context.endpoint.local ? readMountOwners(inspect) : new Map<string, MountOwner>(),
	]);

	const secrets: string[] = [];
	const collectSecrets = (values: readonly string[]) => {
		secrets.push(...values);
	};

	const container = session
		? session.build(summary.Id, inspect, {logs, mountOwners, listeners, collectSecrets})
		: containerFromInspect(inspect, {logs, mountOwners, ...(listeners ? {listeners} : {}), collectSecrets});
	return {container, inspect, kept: kept !== undefined, problems, secrets};
}

/**
 * An answer that is JSON but not of the shape the API describes (a list where an object should be)
 * makes reading it throw: that container is recorded as unreadable, and the scan goes on.
 */
async function scanContainerOrProblem(connection: EngineConnection, summary: ContainerSummary, context: ContainerScanContext): Promise<ScannedContainer> {
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
function stillHolds(started: ScannedContainer, summary: ContainerSummary, session: ScanSession | undefined): boolean {
	if (!started.inspect) {
		return true;
	}

	return started.kept ? session?.currentInspect(summary) === started.inspect : agreesWithList(started.inspect, summary);
}

function mayBeWriting(inspect: InspectAnswer): boolean {
	return !['exited', 'dead', 'created', 'restarting'].includes(inspect.State?.Status ?? '');
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

	if (ports.size === 0) {
		return [];
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
function displayName(summary: ContainerSummary): string {
	return cleanUntrustedText((summary.Names?.[0] ?? summary.Id.slice(0, 12)).replace(/^\//, ''), {maximumLineLength: 200});
}

function containerProblem(container: string, operation: string, error: unknown): ScanProblem {
	const gone = statusCodeOf(error) === 404;
	return {container, operation, message: gone ? removedDuringScan : describeError(error)};
}

function describeError(error: unknown): string {
	return cleanUntrustedText(engineErrorMessage(error), {maximumLineLength: 300});
}
