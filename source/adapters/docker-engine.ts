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
import {compareIds} from '../core/search/compare-ids.js';
import type {ContainerSnapshot, EngineInfo, HostListener, NetworkSnapshot, RunEnding, ScanProblem, Snapshot} from '../core/snapshot.js';
import {createLimiter} from './concurrency-limiter.js';
import {defaultLogLimits, type LogLimits} from './container-logs.js';
import {isRestartLoop} from '../core/detectors/container-evidence.js';
import {createLivenessCheck, describeError, detailTimeoutMs, scanContainerOrProblem, stillHolds, type ContainerScanContext, type ScannedContainer} from './container-scan.js';
import {withRunEnding} from './container-from-inspect.js';
import {connectToEngine, type EngineConnection} from './docker-client.js';
import {containerList, jsonObject, type ContainerSummary, type EngineEvent, type EngineInfoAnswer, type EngineVersion, type InspectAnswer, type NetworkSummary} from './engine-answers.js';
import type {EngineChoice, EngineEndpoint} from './engine-endpoint.js';
import {classifyEngineFailure, EngineError, stoppedAnsweringError} from './engine-failure.js';
import {readHostListeners} from './host-listeners.js';
import {mayNeedRunEnding, readRunEvents, runEnding} from './run-endings.js';
import type {ScanSession} from './scan-session.js';

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
	/**
	 * Called once the engine has answered (the ping that learns its API version): work worth doing
	 * only with an engine can start then, while the engine lists the containers (at 200 that takes
	 * it a tenth of a second, in which unblock would otherwise wait).
	 */
	readonly onAnswered?: () => void;
};

const defaults = {connectTimeoutMs: 5000, requestTimeoutMs: 8000};

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

	const connection = connectToEngine(options, options.environment, options.concurrency === undefined ? {} : {concurrency: options.concurrency});
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
	const {onAnswered} = options;
	if (onAnswered) {
		connection.answered(connectTimeoutMs).then(onAnswered, () => undefined);
	}
	const listing = connection.request({timeoutMs: requestTimeoutMs}, async (docker, abortSignal) =>
		containerList(await docker.listContainers({all: true, ...(labels.length > 0 ? {filters: {label: labels}} : {}), abortSignal})));
	listing.catch(() => undefined);
	const networks = listNetworks(connection, requestTimeoutMs);
	// The events about how runs ended are asked for as soon as the list says whose: they arrive
	// while the containers are inspected.
	const runEvents = listing.then(async summaries => readRunEvents(connection, summaries.filter(summary => mayNeedRunEnding(summary)).map(summary => summary.Id), Math.min(requestTimeoutMs, detailTimeoutMs)), () => []);

	const limit = createLimiter(options.concurrency ?? connection.concurrency);
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

	// Containers that started a moment ago first: a restart loop among them is looked at again a
	// moment after it is read (lastRunEnding), and that wait then passes while the rest are read.
	// Then those the engine is restarting: it may answer for one only once it has started it
	// (up to ~0.5 s at 200 containers, where others took ~0.1 s at most).
	const scanning = new Map<string, Promise<{result: ScannedContainer | undefined; lastRun: Promise<RunEnding | undefined>}>>();
	for (const summary of [...summaries].sort((left, right) => scanPriority(right) - scanPriority(left))) {
		scanning.set(summary.Id, (async () => {
			const started = await early.get(summary.Id);
			const result = started && stillHolds(started, summary, session) ? started : await scan(summary);
			return {result, lastRun: lastRunEnding(connection, result, runEvents, session, requestTimeoutMs)};
		})());
	}

	const scanned = await Promise.all(summaries.map(async summary => scanning.get(summary.Id)!));
	if (liveness.stopped()) {
		throw stoppedAnsweringError(endpoint);
	}

	let engine: EngineInfo;
	try {
		engine = 'reachable' in engineSource ? engineSource : await engineInfo(endpoint, engineSource, problems);
	} catch (error) {
		throw classifyEngineFailure(error, endpoint);
	}

	const lastRuns = await Promise.all(scanned.map(async ({lastRun}) => lastRun));
	const secrets: string[] = [];
	const containers: ContainerSnapshot[] = [];
	for (const [index, {result}] of scanned.entries()) {
		problems.push(...result?.problems ?? []);
		secrets.push(...result?.secrets ?? []);
		if (result?.container) {
			const lastRun = lastRuns[index];
			containers.push(lastRun ? withRunEnding(result.container, lastRun) : result.container);
		}
	}

	containers.sort((left, right) => compareIds(left.project ?? '', right.project ?? '') || compareIds(left.name, right.name));
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
		})).sort((left, right) => compareIds(left.name, right.name));
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
 * How the container's last run ended, where the events tell (those the scan read, and those a
 * session saw come as it followed the engine), or what the session worked out for it (the engine
 * forgets its events long before the wizard closes). A restart loop caught in the first moments
 * of a run, whose last death neither the engine nor the session has, is looked at once more a
 * moment after it was inspected, while the rest of the scan goes on: if it has died again by
 * then, that state has the exit code of the run that ended. Never throws.
 */
async function lastRunEnding(connection: EngineConnection, result: ScannedContainer | undefined, events: Promise<readonly EngineEvent[]>, session: ScanSession | undefined, timeoutMs: number): Promise<RunEnding | undefined> {
	const {inspect, container} = result ?? {};
	if (!inspect || !container) {
		return undefined;
	}

	const seenAt = Date.now();
	const young = container.state === 'running' && isRestartLoop(container, new Date(seenAt).toISOString()) && seenAt - Date.parse(container.startedAt ?? '') < crashWaitMs * 4;
	const known = runEnding(inspect, await events, session?.runEventsSeen(inspect.Id ?? '')) ?? session?.runEnding(inspect);
	session?.rememberStop(inspect);
	if (known) {
		session?.rememberRunEnding(inspect, known);
	}

	if (known || !young) {
		return known;
	}

	await new Promise(resolve => {
		setTimeout(resolve, seenAt + crashWaitMs - Date.now());
	});
	const again = await connection.request({timeoutMs}, async (docker, abortSignal) =>
		jsonObject<InspectAnswer>(await docker.getContainer(inspect.Id ?? '').inspect({abortSignal}), 'inspect')).catch(() => undefined);
	const state = again?.State;
	if (!state || state.Status === 'running' || (again.RestartCount ?? 0) < (inspect.RestartCount ?? 0) || typeof state.ExitCode !== 'number') {
		return undefined;
	}

	const ending: RunEnding = {exitCode: state.ExitCode, ...(state.FinishedAt && !state.FinishedAt.startsWith('0001-') ? {at: state.FinishedAt} : {})};
	session?.rememberRunEnding(inspect, ending);
	return ending;
}

function scanPriority(summary: ContainerSummary): number {
	return justStarted(summary) ? 2 : summary.State === 'restarting' ? 1 : 0;
}

/** The list shows the container started in the last two seconds. */
function justStarted(summary: ContainerSummary): boolean {
	return summary.State === 'running' && /^Up (?:Less than a second|[12] seconds?)\b/.test(summary.Status ?? '');
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
