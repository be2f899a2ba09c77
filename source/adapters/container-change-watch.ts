/**
 * Which containers changed, from the engine's event stream followed for a session: a start, a
 * death, a restart, every health probe (the engine runs probes as execs and reports each), an
 * update, a rename, a network joined or left. A rescan re-inspects those and trusts its earlier
 * answers for the rest. A log line is no event, so logs are read again regardless.
 */
import type {IncomingMessage} from 'node:http';
import {listenerCommand} from './container-listeners.js';
import type {EngineConnection} from './docker-client.js';
import type {EngineEvent} from './engine-answers.js';

/**
 * An event can arrive a moment before the change it reports is visible in inspect (a probe's
 * result is stored just after its exec ends), and later than it happened over a slow link. An
 * answer is trusted only when it was asked for this long after the container's last event.
 */
const settleMs = 2000;

/** Longest event line kept while waiting for its end; the engine's are a few hundred bytes. */
const maximumLineLength = 64 * 1024;

/**
 * Events a person would see change: a container created, started, dead, removed, its health
 * turned, a network joined. Not the execs that every health probe runs (their result shows as
 * health_status when it changes anything).
 */
const visibleChange = /^(?:create|start|restart|die|destroy|oom|pause|unpause|rename|update|health_status|connect|disconnect)\b/;

/** Events that tell how a run ended (run-endings.ts): kept as they come, the last few a container. */
const runEndingActions = new Set(['kill', 'stop', 'die', 'oom']);
const keptRunEvents = 16;

/** The exec the scan itself runs to read a container's sockets: no change to anyone's container. */
const ownExec = `: ${listenerCommand.join(' ')}`;

/** Told of every visible change: what happened, to which container, of which compose project if it says. */
export type ChangeListener = (change: {readonly container: string; readonly action: string; readonly project?: string}) => void;

export class ContainerChangeWatch {
	private readonly lastEvent = new Map<string, number>();
	private readonly runEventsByContainer = new Map<string, EngineEvent[]>();
	private readonly listeners = new Set<ChangeListener>();
	private open = true;
	private partial = '';

	/** When the engine had accepted: answers asked for earlier may miss a change it never reported. */
	private readonly openedAt: number;

	private constructor(private readonly stream: IncomingMessage, private readonly now: () => number) {
		this.openedAt = now();
		stream.setEncoding('utf8');
		stream.on('data', (text: string) => {
			this.read(text);
		});
		stream.on('error', () => this.stop());
		stream.on('close', () => this.stop());
		// The watch must never be why the process stays alive.
		(stream.socket as {unref?: () => void} | null)?.unref?.();
	}

	/** Starts following; resolves once the engine has accepted, from when no change is missed. */
	static async start(connection: EngineConnection, timeoutMs: number, now: () => number): Promise<ContainerChangeWatch> {
		return new ContainerChangeWatch(await connection.events(timeoutMs), now);
	}

	/** While following, its answers hold; after the stream ended, anything may have changed. */
	get following(): boolean {
		return this.open;
	}

	/** Whether an answer asked for at `askedAt` (this watch's clock) may miss a change to the container. */
	changedSince(container: string, askedAt: number): boolean {
		if (!this.open || askedAt < this.openedAt) {
			return true;
		}

		const last = this.lastEvent.get(container);
		return last !== undefined && last >= askedAt - settleMs;
	}

	/**
	 * The kill, stop, die and oom events about the container since the watch opened, oldest first:
	 * how a run ended that the engine's own record may no longer reach back to.
	 */
	runEvents(container: string): readonly EngineEvent[] {
		return this.runEventsByContainer.get(container) ?? [];
	}

	/** Calls `listener` for each visible change from now on; returns what stops it. */
	onChange(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}

	stop(): void {
		this.open = false;
		this.stream.destroy();
	}

	private read(text: string): void {
		const lines = (this.partial + text).split('\n');
		this.partial = lines.pop() ?? '';
		if (this.partial.length > maximumLineLength) {
			// Not the engine's event stream: stop trusting it.
			this.stop();
			return;
		}

		const received = this.now();
		for (const line of lines) {
			if (!line.trim()) {
				continue;
			}

			const event = parseEvent(line);
			if (!event) {
				this.stop();
				return;
			}

			const action = event.Action ?? event.status ?? '';
			if (action.startsWith('exec_') && action.endsWith(ownExec)) {
				continue;
			}

			const container = eventContainer(event);
			this.lastEvent.set(container, received);
			this.keepRunEvent(container, event, action);
			if (visibleChange.test(action)) {
				const project = event.Type === 'container' ? event.Actor?.Attributes?.['com.docker.compose.project'] : undefined;
				for (const listener of this.listeners) {
					listener({container, action, ...(project === undefined ? {} : {project})});
				}
			}
		}
	}

	private keepRunEvent(container: string, event: EngineEvent, action: string): void {
		if (event.Type !== 'container') {
			return;
		}

		if (action === 'destroy') {
			this.runEventsByContainer.delete(container);
		} else if (runEndingActions.has(action)) {
			const kept = this.runEventsByContainer.get(container) ?? [];
			kept.push(event);
			if (kept.length > keptRunEvents) {
				kept.shift();
			}

			this.runEventsByContainer.set(container, kept);
		}
	}
}

function parseEvent(line: string): EngineEvent | undefined {
	try {
		const event = JSON.parse(line) as unknown;
		return event !== null && typeof event === 'object' && !Array.isArray(event) ? event as EngineEvent : undefined;
	} catch {
		return undefined;
	}
}

/** The container an event is about: its actor, or for a network event the container that joined or left. */
function eventContainer(event: EngineEvent): string {
	if (event.Type === 'network') {
		return event.Actor?.Attributes?.container ?? '';
	}

	return event.Actor?.ID ?? event.id ?? '';
}
