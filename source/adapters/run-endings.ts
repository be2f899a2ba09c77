/**
 * How containers' last runs ended, from the engine's recent events (what `docker events --since`
 * shows): a `kill` or `stop` right before the `die` means someone ended the container on purpose
 * (`docker stop` sends `kill` then, after the `die`, `stop`; `docker kill` only `kill`), and the
 * `die` carries the exit code, which the state of a restart loop caught running has reset to 0.
 * An `oom` event in the run means the kernel killed for memory: the engine's OOMKilled flag misses
 * some of those (seen on cgroup v2: the event came, the flag stayed false), and a restart loop's
 * new run resets it.
 * The engine keeps only its last few hundred events, so on a busy engine an old stop is no longer
 * there: then nothing more is said than the state says. One request for every container that
 * needs it, read until it ends or its time is up, and bounded in size.
 */
import type {RunEnding} from '../core/snapshot.js';
import {dialStream, type EngineConnection} from './docker-client.js';
import type {ContainerSummary, EngineEvent, InspectAnswer} from './engine-answers.js';

/** How far back the events are asked for: further than the engine keeps them anyway. */
const lookBackSeconds = 3600;
/** At most this many containers' events in one request. */
const maximumContainers = 100;
const maximumBytes = 512 * 1024;
/** `docker stop`'s default wait between the TERM and the KILL, when the container sets none. */
const defaultStopSeconds = 10;
/** The oom event comes a moment before the death it causes. */
const oomBeforeDeathSeconds = 5;
/** A restart loop's engine waits at most a minute (its backoff) between a death and the next start. */
const restartBackoffSeconds = 70;

/** Signals that end a process when nothing handles them; HUP, USR1 and the like ask for a reload. */
const endingSignals = new Set(['2', '3', '6', '9', '15', 'SIGINT', 'SIGQUIT', 'SIGABRT', 'SIGKILL', 'SIGTERM', 'INT', 'QUIT', 'ABRT', 'KILL', 'TERM']);

/**
 * Whether the list shows a container whose ending the events may tell more about: exited with an
 * error (was it stopped on purpose? killed for memory?), waiting to restart after one, or running for less than a minute (a restart loop between
 * two deaths, whose last exit code only the `die` event still has).
 */
export function mayNeedRunEnding(summary: ContainerSummary): boolean {
	const status = summary.Status ?? '';
	if (summary.State === 'exited' || summary.State === 'dead' || summary.State === 'restarting') {
		const code = /^(?:Exited|Restarting) \((-?\d+)\)/.exec(status)?.[1];
		return code !== undefined && code !== '0';
	}

	return summary.State === 'running' && /^Up (?:Less than a second|\d+ seconds?|About a minute)\b/.test(status);
}

/** The kill, stop, die and oom events the engine still has about these containers, oldest first. Never throws. */
export async function readRunEvents(connection: EngineConnection, ids: readonly string[], timeoutMs: number): Promise<EngineEvent[]> {
	if (ids.length === 0) {
		return [];
	}

	const now = Date.now() / 1000;
	const query = {
		since: (now - lookBackSeconds).toFixed(3),
		until: now.toFixed(3),
		filters: JSON.stringify({type: ['container'], event: ['kill', 'stop', 'die', 'oom'], container: ids.slice(0, maximumContainers)}),
	};
	const events: EngineEvent[] = [];
	try {
		await connection.request({timeoutMs: timeoutMs + 1000}, async (docker, abortSignal) => {
			const stream = await dialStream(docker, {path: '/events', query, abortSignal, statusCodes: {200: true, 400: 'bad parameter', 500: 'server error'}});
			// An engine whose clock is behind this one's keeps the stream open until `until` comes: what came by then is kept.
			const deadline = AbortSignal.timeout(timeoutMs);
			const cut = () => {
				stream.destroy();
			};

			deadline.addEventListener('abort', cut, {once: true});
			let partial = '';
			let received = 0;
			try {
				for await (const data of stream as AsyncIterable<Buffer>) {
					received += data.length;
					const lines = (partial + data.toString('utf8')).split('\n');
					partial = lines.pop() ?? '';
					events.push(...lines.flatMap(line => parseEvent(line)));
					if (received > maximumBytes) {
						break;
					}
				}
			} catch {
				// Cut at the deadline: what was read stands.
			} finally {
				deadline.removeEventListener('abort', cut);
				stream.destroy();
			}

			events.push(...parseEvent(partial));
		});
	} catch {
		// An engine that refuses the question has no answer to give: the states stand as they are.
	}

	return events.sort((left, right) => eventTime(left) - eventTime(right));
}

/**
 * The events of each container, in order, worked out once for each list of events: a scan asks for
 * each of its containers, and a restart loop's hour of events runs into the thousands.
 */
const byContainer = new WeakMap<readonly EngineEvent[], Map<string, EngineEvent[]>>();

function eventsByContainer(events: readonly EngineEvent[]): Map<string, EngineEvent[]> {
	let grouped = byContainer.get(events);
	if (!grouped) {
		grouped = new Map();
		for (const event of events) {
			const id = event.Actor?.ID ?? event.id;
			if (id === undefined) {
				continue;
			}

			const own = grouped.get(id);
			if (own) {
				own.push(event);
			} else {
				grouped.set(id, [event]);
			}
		}

		byContainer.set(events, grouped);
	}

	return grouped;
}

/**
 * How the run the inspect answer shows ended, from the events about that container (those a scan
 * read, and any a session saw as they came); undefined when they say nothing the state does not.
 * Pure.
 */
export function runEnding(inspect: InspectAnswer, events: readonly EngineEvent[], seen: readonly EngineEvent[] = []): RunEnding | undefined {
	const read = eventsByContainer(events).get(inspect.Id ?? '') ?? [];
	const own = seen.length === 0 ? read : [...read, ...seen].sort((left, right) => eventTime(left) - eventTime(right));
	const state = inspect.State ?? {};
	const started = seconds(state.StartedAt);
	if (own.length === 0 || started === undefined) {
		return undefined;
	}

	if (state.Status === 'running') {
		// The death just before this run started: the loop's last exit code.
		const death = own.findLast(event => action(event) === 'die' && eventTime(event) <= started + 0.5 && eventTime(event) >= started - restartBackoffSeconds);
		const code = exitCodeOf(death);
		return death && code !== undefined ? {exitCode: code, at: isoTime(death), ...oomBefore(own, eventTime(death) - oomBeforeDeathSeconds, eventTime(death))} : undefined;
	}

	const finished = seconds(state.FinishedAt);
	if (finished === undefined || (state.Status !== 'exited' && state.Status !== 'dead' && state.Status !== 'restarting')) {
		return undefined;
	}

	const death = own.findLast(event => action(event) === 'die' && eventTime(event) >= started - 1 && eventTime(event) <= finished + 2);
	const end = death ? eventTime(death) : finished;
	const wait = typeof inspect.Config?.StopTimeout === 'number' && inspect.Config.StopTimeout >= 0 ? inspect.Config.StopTimeout : defaultStopSeconds;
	const stopped = own.some(event => action(event) === 'stop' && eventTime(event) >= end - 0.5 && eventTime(event) <= end + 5);
	const killed = own.some(event => action(event) === 'kill'
		&& endingSignals.has(event.Actor?.Attributes?.signal ?? '')
		&& eventTime(event) >= Math.max(started, end - wait - 5) && eventTime(event) <= end + 0.5);
	// The engine is bringing it back: whatever ended it, nobody stopped it for good.
	const requested = state.Status === 'restarting' ? undefined : stopped ? 'stop' : killed ? 'kill' : undefined;
	const oom = oomBefore(own, started - 1, end + 0.5);
	if (!death && !requested && !oom.oomKilled) {
		return undefined;
	}

	return {
		exitCode: exitCodeOf(death) ?? state.ExitCode ?? 0,
		at: death ? isoTime(death) : new Date(finished * 1000).toISOString(),
		...(requested ? {requested} : {}),
		...oom,
	};
}

export type StoppedState = Pick<NonNullable<InspectAnswer['State']>, 'FinishedAt' | 'ExitCode' | 'OOMKilled'>;

/**
 * How the run before a running container's ended, from the state an earlier scan saw it stopped or
 * restarting in: a start resets the exit code and the OOM flag, not FinishedAt, so that state is
 * of the run just before when FinishedAt is still the same. Within the same window a die event is
 * taken from. Pure.
 */
export function endingBeforeRun(stopped: StoppedState, running: InspectAnswer): RunEnding | undefined {
	const state = running.State ?? {};
	const started = seconds(state.StartedAt);
	const finished = seconds(stopped.FinishedAt);
	if (state.Status !== 'running' || stopped.FinishedAt !== state.FinishedAt || typeof stopped.ExitCode !== 'number'
		|| started === undefined || finished === undefined || finished > started + 0.5 || finished < started - restartBackoffSeconds) {
		return undefined;
	}

	return {exitCode: stopped.ExitCode, at: stopped.FinishedAt!, ...(stopped.OOMKilled === true ? {oomKilled: true} : {})};
}

/** `{oomKilled: true}` when the events have an oom between the two times (seconds), else nothing. */
function oomBefore(events: readonly EngineEvent[], from: number, to: number): {oomKilled?: true} {
	return events.some(event => action(event) === 'oom' && eventTime(event) >= from && eventTime(event) <= to) ? {oomKilled: true} : {};
}

function parseEvent(line: string): EngineEvent[] {
	if (!line.trim()) {
		return [];
	}

	try {
		const event = JSON.parse(line) as unknown;
		return event !== null && typeof event === 'object' && !Array.isArray(event) ? [event as EngineEvent] : [];
	} catch {
		return [];
	}
}

function action(event: EngineEvent): string {
	return event.Action ?? event.status ?? '';
}

function exitCodeOf(event: EngineEvent | undefined): number | undefined {
	const text = event?.Actor?.Attributes?.exitCode;
	return text !== undefined && /^-?\d{1,3}$/.test(text) ? Number(text) : undefined;
}

/** Seconds since the epoch, with the nanoseconds where the engine gave them. */
function eventTime(event: EngineEvent): number {
	return typeof event.timeNano === 'number' ? event.timeNano / 1e9 : event.time ?? 0;
}

function isoTime(event: EngineEvent): string {
	return new Date(Math.round(eventTime(event) * 1000)).toISOString();
}

/** An inspect timestamp in seconds; the engine's 0001-01-01 means never. */
function seconds(text: string | undefined): number | undefined {
	if (!text || text.startsWith('0001-')) {
		return undefined;
	}

	const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
	const whole = Date.parse(text.replace(/\.\d+/, ''));
	return Number.isFinite(whole) ? whole / 1000 + (fraction ? Number(`0.${fraction}`) : 0) : undefined;
}
