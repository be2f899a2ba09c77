/**
 * What a session of scans (the wizard's rescans) keeps from one scan to the next: the engine
 * connection with its warm sockets, a watch on the engine's events, the inspect answers no event
 * has made stale, and the containers built from them. A rescan then asks the engine only about
 * what changed, and rebuilds (cleans, redacts) only containers whose answers or logs changed.
 * Without a working event watch every answer is asked for again, as in a one-off scan.
 */
import type {ContainerSnapshot, EngineInfo, ListenerReading, MountOwner, ProgramLookup, RunEnding, ScriptStart} from '../core/snapshot.js';
import {ContainerChangeWatch, type ChangeListener} from './container-change-watch.js';
import {containerFromInspect} from './container-from-inspect.js';
import type {RawLogs} from './container-logs.js';
import type {EngineConnection} from './docker-client.js';
import type {ContainerSummary, EngineEvent, InspectAnswer} from './engine-answers.js';
import {sshDialFailure, statusCodeOf} from './engine-failure.js';
import {endingBeforeRun, type StoppedState} from './run-endings.js';

type Inspected = {readonly answer: InspectAnswer; readonly askedAt: number};

/** How long the logs of a running container that looks fine, or its listeners read by exec, are reused by rescans. */
const calmLogsMaxAgeMs = 10_000;

type Built = {
	readonly inspect: InspectAnswer;
	readonly logs: RawLogs | undefined;
	readonly mountOwners: ReadonlyMap<string, MountOwner>;
	readonly listeners: ListenerReading | undefined;
	readonly program: ProgramLookup | undefined;
	readonly scriptStart: ScriptStart | undefined;
	readonly secrets: readonly string[];
	readonly container: ContainerSnapshot;
};

export type BuildExtras = {
	readonly logs?: RawLogs;
	readonly mountOwners: ReadonlyMap<string, MountOwner>;
	readonly listeners?: ListenerReading;
	readonly program?: ProgramLookup;
	readonly scriptStart?: ScriptStart;
	readonly collectSecrets: (values: readonly string[]) => void;
};

export class ScanSession {
	private watch: ContainerChangeWatch | undefined;
	private starting: Promise<void> | undefined;
	/** The engine has no usable event stream: no answer is kept, every scan asks for everything. */
	private watchRefused = false;
	private watchFailures = 0;
	private readonly inspected = new Map<string, Inspected>();
	private engineInfo: EngineInfo | undefined;
	private listing: {readonly labels: string; readonly summaries: readonly ContainerSummary[]} | undefined;
	private readonly built = new Map<string, Built>();
	private readonly logsByContainer = new Map<string, {readonly logs: RawLogs; readonly readAt: number}>();
	private readonly listenersByContainer = new Map<string, {readonly inspect: InspectAnswer; readonly reading: ListenerReading | undefined; readonly readAt: number}>();
	/** How runs ended, by container and run: the engine forgets its events, the session does not. */
	private readonly endings = new Map<string, {readonly run: string; readonly ending: RunEnding}>();
	/** The state each container was last seen stopped or restarting in, for its next run. */
	private readonly stops = new Map<string, StoppedState>();
	private readonly changeListeners = new Set<ChangeListener>();

	/** `now`: the clock events and answers are stamped with (tests move it by hand). */
	constructor(readonly connection: EngineConnection, private readonly now: () => number = () => performance.now()) {}

	/**
	 * Before a scan: starts following the engine's events when the watch is not (forgetting every
	 * answer, since a change may have gone unseen). The scan does not wait for it: only answers
	 * asked for once the watch is open are trusted later.
	 */
	prepare(timeoutMs: number): void {
		if (this.watch?.following || this.watchRefused || this.starting) {
			return;
		}

		this.inspected.clear();
		this.engineInfo = undefined;
		this.listing = undefined;
		this.watch = undefined;
		this.starting = ContainerChangeWatch.start(this.connection, timeoutMs, this.now).then(watch => {
			this.watch = watch;
			watch.onChange(change => {
				for (const listener of this.changeListeners) {
					listener(change);
				}
			});
		}, (error: unknown) => {
			// An engine without events, or whose event stream twice did not open in time: scan
			// without. An engine that is down is the scan's to report; the next scan tries again.
			if (!engineDown(error)) {
				this.watchFailures++;
			}

			this.watchRefused = statusCodeOf(error) !== undefined || this.watchFailures >= 2;
		}).finally(() => {
			this.starting = undefined;
		});
	}

	/**
	 * Calls `listener` for each change the engine reports that a person would see (a container
	 * started, died, was removed, turned unhealthy), while the session follows its events (from
	 * its first scan on). Returns what stops it.
	 */
	onChange(listener: ChangeListener): () => void {
		this.changeListeners.add(listener);
		return () => {
			this.changeListeners.delete(listener);
		};
	}

	/**
	 * The engine's version and info from an earlier scan: while the watch follows, the engine has
	 * not restarted (that would end the event stream), so they still hold.
	 */
	engine(): EngineInfo | undefined {
		return this.watch?.following ? this.engineInfo : undefined;
	}

	rememberEngine(engine: EngineInfo): void {
		if (this.watch?.following) {
			this.engineInfo = engine;
		}
	}

	/** What the last scan with this label filter listed, while the watch follows. */
	listedBefore(labels: readonly string[]): readonly ContainerSummary[] | undefined {
		return this.watch?.following && this.listing?.labels === labels.join('\n') ? this.listing.summaries : undefined;
	}

	/** Keeps the list for the next scan; forgets the answers about containers it no longer shows. */
	rememberListing(labels: readonly string[], summaries: readonly ContainerSummary[]): void {
		const listed = new Set(summaries.map(summary => summary.Id));
		for (const cache of [this.inspected, this.built, this.logsByContainer, this.listenersByContainer, this.endings, this.stops]) {
			for (const id of cache.keys()) {
				if (!listed.has(id)) {
					cache.delete(id);
				}
			}
		}

		if (this.watch?.following) {
			this.listing = {labels: labels.join('\n'), summaries};
		}
	}

	/** The clock answers are stamped with. */
	time(): number {
		return this.now();
	}

	/** An earlier inspect answer that is still current, or undefined when it must be asked for again. */
	currentInspect(summary: ContainerSummary): InspectAnswer | undefined {
		const kept = this.inspected.get(summary.Id);
		if (!kept || !this.watch || this.watch.changedSince(summary.Id, kept.askedAt)) {
			return undefined;
		}

		// The list shows state, health and exit code too: when they disagree, an event was missed.
		return agreesWithList(kept.answer, summary) ? kept.answer : undefined;
	}

	rememberInspect(container: string, answer: InspectAnswer, askedAt: number): void {
		if (this.watch?.following) {
			this.inspected.set(container, {answer, askedAt});
		}
	}

	/** The logs read last time with this same inspect answer, if any were. */
	logsRead(id: string, inspect: InspectAnswer): RawLogs | undefined {
		const previous = this.built.get(id);
		return previous?.inspect === inspect ? previous.logs : undefined;
	}

	/**
	 * The logs of a running container that looks fine, when read a moment ago: one that fails
	 * without its state showing it is found a few seconds later, and rescans in between stay cheap.
	 */
	recentLogs(id: string): RawLogs | undefined {
		const read = this.logsByContainer.get(id);
		return read && this.now() - read.readAt < calmLogsMaxAgeMs ? read.logs : undefined;
	}

	rememberLogs(id: string, logs: RawLogs, readAt: number): void {
		this.logsByContainer.set(id, {logs, readAt});
	}

	/**
	 * What a container listened on, for the same inspect answer: a few seconds when it could be
	 * read (from /proc the kernel walks its socket tables; an exec is three requests), for as long
	 * as the answer stands when it could not (an image without cat).
	 */
	listenersRead(id: string, inspect: InspectAnswer): {readonly reading: ListenerReading | undefined} | undefined {
		const read = this.listenersByContainer.get(id);
		if (!read || read.inspect !== inspect) {
			return undefined;
		}

		return !read.reading || this.now() - read.readAt < calmLogsMaxAgeMs ? {reading: read.reading} : undefined;
	}

	rememberListeners(id: string, inspect: InspectAnswer, reading: ListenerReading | undefined, readAt: number): void {
		this.listenersByContainer.set(id, {inspect, reading, readAt});
	}

	/**
	 * How this run of the container ended, as worked out from events an earlier scan still had; for
	 * a running one, how the run before it ended, when a scan saw it stopped or restarting then.
	 */
	runEnding(inspect: InspectAnswer): RunEnding | undefined {
		const id = inspect.Id ?? '';
		const kept = this.endings.get(id);
		if (kept?.run === runKey(inspect)) {
			return kept.ending;
		}

		const stopped = this.stops.get(id);
		return stopped ? endingBeforeRun(stopped, inspect) : undefined;
	}

	/** The events about how the container's runs ended that the session saw come, while it follows the engine. */
	runEventsSeen(id: string): readonly EngineEvent[] {
		return this.watch?.runEvents(id) ?? [];
	}

	rememberRunEnding(inspect: InspectAnswer, ending: RunEnding): void {
		this.endings.set(inspect.Id ?? '', {run: runKey(inspect), ending});
	}

	/** Keeps the state of a container that is stopped or restarting, for when it runs again. */
	rememberStop(inspect: InspectAnswer): void {
		const state = inspect.State ?? {};
		if (['exited', 'dead', 'restarting'].includes(state.Status ?? '')) {
			this.stops.set(inspect.Id ?? '', {FinishedAt: state.FinishedAt, ExitCode: state.ExitCode, OOMKilled: state.OOMKilled});
		}
	}

	/** The container built from these answers: the one built last time when none of them changed. */
	build(id: string, inspect: InspectAnswer, extras: BuildExtras): ContainerSnapshot {
		const previous = this.built.get(id);
		if (previous && previous.inspect === inspect && sameLogs(previous.logs, extras.logs) && sameOwners(previous.mountOwners, extras.mountOwners) && sameListeners(previous.listeners, extras.listeners)
			&& samePlainData(previous.program, extras.program) && samePlainData(previous.scriptStart, extras.scriptStart)) {
			extras.collectSecrets(previous.secrets);
			return previous.container;
		}

		let secrets: readonly string[] = [];
		const container = containerFromInspect(inspect, {
			logs: extras.logs,
			mountOwners: extras.mountOwners,
			...(extras.listeners ? {listeners: extras.listeners} : {}),
			...(extras.program ? {program: extras.program} : {}),
			...(extras.scriptStart ? {scriptStart: extras.scriptStart} : {}),
			collectSecrets(values) {
				secrets = values;
				extras.collectSecrets(values);
			},
		});
		this.built.set(id, {inspect, logs: extras.logs, mountOwners: extras.mountOwners, listeners: extras.listeners, program: extras.program, scriptStart: extras.scriptStart, secrets, container});
		return container;
	}

	close(): void {
		this.watch?.stop();
		this.connection.close();
	}
}

/**
 * Whether an inspect answer still matches what the list shows of the container: its state, and
 * its health or exit code ("Up 3 minutes (unhealthy)", "Exited (1) 2 hours ago").
 */
export function agreesWithList(answer: InspectAnswer, summary: ContainerSummary): boolean {
	const state = answer.State ?? {};
	if (summary.State !== undefined && summary.State !== state.Status) {
		return false;
	}

	const status = summary.Status ?? '';
	const exited = /^Exited \((-?\d+)\)/.exec(status);
	if (exited && Number(exited[1]) !== state.ExitCode) {
		return false;
	}

	if (summary.State === 'running') {
		const listed = /\((healthy|unhealthy|health: starting)\)/.exec(status)?.[1]?.replace('health: ', '');
		const health = state.Health?.Status;
		if ((listed ?? 'none') !== (health && health !== 'none' ? health : 'none')) {
			return false;
		}
	}

	return true;
}

function engineDown(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	return code !== undefined && ['ECONNREFUSED', 'ENOENT', 'EACCES', 'EPERM', 'ECONNRESET', 'EPIPE', sshDialFailure].includes(code);
}

function sameLogs(left: RawLogs | undefined, right: RawLogs | undefined): boolean {
	if (left === right) {
		return true;
	}

	if (!left || !right || left.truncated !== right.truncated || left.lines.length !== right.lines.length) {
		return false;
	}

	return left.lines.every((line, index) => {
		const other = right.lines[index]!;
		return line.text === other.text && line.timestamp === other.timestamp && line.stream === other.stream;
	});
}

/** One run of a container: a restart or a start after an exit is another. */
function runKey(inspect: InspectAnswer): string {
	return `${inspect.State?.StartedAt ?? ''} ${inspect.State?.FinishedAt ?? ''} ${inspect.State?.Status ?? ''}`;
}

function sameListeners(left: ListenerReading | undefined, right: ListenerReading | undefined): boolean {
	if (left === right) {
		return true;
	}

	return left !== undefined && right !== undefined && left.via === right.via && left.listeners.length === right.listeners.length
		&& left.listeners.every((listener, index) => listener.address === right.listeners[index]!.address && listener.port === right.listeners[index]!.port);
}

/** Two answers a scan builds field by field in one order, compared by value. */
function samePlainData(left: object | undefined, right: object | undefined): boolean {
	return left === right || JSON.stringify(left) === JSON.stringify(right);
}

function sameOwners(left: ReadonlyMap<string, MountOwner>, right: ReadonlyMap<string, MountOwner>): boolean {
	if (left.size !== right.size) {
		return false;
	}

	for (const [source, owner] of left) {
		const other = right.get(source);
		if (!other || other.uid !== owner.uid || other.gid !== owner.gid || other.mode !== owner.mode) {
			return false;
		}
	}

	return true;
}
