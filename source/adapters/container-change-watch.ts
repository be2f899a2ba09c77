/**
 * Which containers changed, from the engine's event stream followed for a session: a start, a
 * death, a restart, every health probe (the engine runs probes as execs and reports each), an
 * update, a rename, a network joined or left. A rescan re-inspects those and trusts its earlier
 * answers for the rest. A log line is no event, so logs are read again regardless.
 */
import type {IncomingMessage} from 'node:http';
import type {EngineConnection} from './docker-client.js';

/**
 * An event can arrive a moment before the change it reports is visible in inspect (a probe's
 * result is stored just after its exec ends), and later than it happened over a slow link. An
 * answer is trusted only when it was asked for this long after the container's last event.
 */
const settleMs = 2000;

/** Longest event line kept while waiting for its end; the engine's are a few hundred bytes. */
const maximumLineLength = 64 * 1024;

export class ContainerChangeWatch {
	private readonly lastEvent = new Map<string, number>();
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
			const container = eventContainer(line);
			if (container === undefined) {
				if (line.trim()) {
					this.stop();
					return;
				}

				continue;
			}

			this.lastEvent.set(container, received);
		}
	}
}

type EngineEvent = {
	readonly Type?: string;
	readonly id?: string;
	readonly Actor?: {readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>> | null};
};

/** The container an event is about: its actor, or for a network event the container that joined or left. */
function eventContainer(line: string): string | undefined {
	if (!line.trim()) {
		return undefined;
	}

	let event: EngineEvent;
	try {
		event = JSON.parse(line) as EngineEvent;
	} catch {
		return undefined;
	}

	if (event.Type === 'network') {
		return event.Actor?.Attributes?.container ?? '';
	}

	return event.Actor?.ID ?? event.id ?? '';
}
