import {fstatSync, writeSync} from 'node:fs';
import {createRequire} from 'node:module';

/**
 * stdout or stderr as a command writes to it. A command that prints once and ends (search,
 * playbooks, lint, --version) writes to a pipe or a file at once, with a write(2) of the
 * descriptor: node's process.stdout would first load its stream classes, and to tell a terminal it
 * would load node:tty and node:net with them, ~2.5 ms of a search that a script reads. Every other
 * command keeps node's stream, which never blocks the event loop on a slow reader (a fix's step
 * timeouts and signal handlers run meanwhile), and so do a terminal, Windows (node's stream writes
 * UTF-8 to its console), and a non-blocking descriptor that would block (EAGAIN).
 */
export type StandardOutput = {
	readonly isTerminal: boolean;
	write(text: string): void;
	/** Settles once all that was written has gone out: at once unless node's stream holds some. */
	written(): Promise<void>;
};

/** What the output is written with: the descriptor itself, or node's stream of it. Tests hand in their own. */
export type OutputChannels = {
	readonly writeSync: (descriptor: number, bytes: Uint8Array, offset: number) => number;
	readonly stream: () => OutputStream;
	readonly isTerminal: () => boolean;
	/** Whether text may go straight to the descriptor: asked at the first write. */
	readonly direct: () => boolean;
	/** Whether writes to node's stream of a terminal may be held (Windows): others may have written there. */
	readonly terminalWritesHeld: boolean;
};

/** What the output asks of node's stream of the descriptor. */
export type OutputStream = {
	readonly writableLength: number;
	write(chunk: string | Uint8Array, done?: () => void): boolean;
	on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
};

/**
 * `onBrokenPipe` runs once the reader has gone, on a later turn (as node's stream tells it), so a
 * command that had finished still ends with its own exit code; what is written after is dropped.
 */
export function standardOutput(descriptor: 1 | 2, onBrokenPipe: () => void, channels: OutputChannels): StandardOutput {
	let stream: OutputStream | undefined;
	const streamNow = () => {
		if (!stream) {
			stream = channels.stream();
			stream.on('error', error => {
				if (error.code !== 'EPIPE') {
					throw error;
				}

				onBrokenPipe();
			});
		}

		return stream;
	};

	let direct: boolean | undefined;
	let gone = false;
	let terminal: boolean | undefined;
	const isTerminal = (): boolean => terminal ??= channels.isTerminal();
	return {
		get isTerminal() {
			return isTerminal();
		},
		write(text) {
			direct ??= channels.direct() && !isTerminal();
			if (gone) {
				return;
			}

			if (stream || !direct) {
				streamNow().write(text);
				return;
			}

			const rest = writeAll(channels, descriptor, Buffer.from(text));
			if (rest === 'broken-pipe') {
				gone = true;
				process.nextTick(onBrokenPipe);
			} else if (rest) {
				streamNow().write(rest);
			}
		},
		async written() {
			// Others write to a terminal too (Ink, readline); on Windows node's stream of it may still hold some.
			const held = stream ?? (channels.terminalWritesHeld && isTerminal() ? streamNow() : undefined);
			if (held && held.writableLength > 0) {
				// A write's callback comes once the writes before it are out. An empty write to a
				// pipe whose reader has gone fails on macOS, so nothing is written with nothing held.
				await new Promise<void>(resolve => {
					held.write('', () => {
						resolve();
					});
				});
			}
		},
	};
}

/** The process's own stdout or stderr; straight to the descriptor only where `direct` says so (and never on Windows). */
export function nodeChannels(descriptor: 1 | 2, direct: () => boolean): OutputChannels {
	const windows = process.platform === 'win32';
	return {
		writeSync: (target, bytes, offset) => writeSync(target, bytes, offset),
		stream: () => descriptor === 1 ? process.stdout : process.stderr,
		isTerminal: () => isTerminalDescriptor(descriptor),
		direct: () => !windows && direct(),
		terminalWritesHeld: windows,
	};
}

/**
 * Whether a descriptor is a terminal. A terminal is a character device: anything else (a pipe, a
 * socket, a file, a closed descriptor) is told apart by its type alone, without node:tty.
 */
export function isTerminalDescriptor(descriptor: number): boolean {
	try {
		if (!fstatSync(descriptor).isCharacterDevice()) {
			return false;
		}
	} catch {
		return false;
	}

	// Required here, with the file's path where Node has it: a URL made from __filename costs ~2 ms.
	const require = createRequire((import.meta as Partial<ImportMeta>).filename ?? import.meta.url);
	return (require('node:tty') as typeof import('node:tty')).isatty(descriptor);
}

/** Writes all the bytes, or says the reader has gone, or hands back what a non-blocking descriptor would not take yet. */
function writeAll(channels: OutputChannels, descriptor: number, bytes: Buffer): Buffer | 'broken-pipe' | undefined {
	let done = 0;
	while (done < bytes.length) {
		try {
			done += channels.writeSync(descriptor, bytes, done);
		} catch (error) {
			const {code} = error as NodeJS.ErrnoException;
			if (code === 'EPIPE') {
				return 'broken-pipe';
			}

			if (code === 'EAGAIN') {
				return bytes.subarray(done);
			}

			throw error;
		}
	}

	return undefined;
}
