import {fstatSync, writeSync} from 'node:fs';
import {createRequire} from 'node:module';

/**
 * stdout or stderr as a command writes to it. To a pipe or a file, text goes out at once with a
 * write(2) of the descriptor: node's process.stdout would first load its stream classes, and to
 * tell a terminal it would load node:tty and node:net with them, ~2.5 ms of a search that a script
 * reads. A terminal gets node's stream (which writes UTF-8 to a Windows console too), and so does
 * every descriptor on Windows and a non-blocking one that would block: node's stream waits for it.
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
	readonly direct: boolean;
};

/** What the output asks of node's stream of the descriptor. */
export type OutputStream = {
	readonly writableLength: number;
	write(chunk: string | Uint8Array, done?: () => void): boolean;
	on(event: 'error', listener: (error: NodeJS.ErrnoException) => void): unknown;
};

export function standardOutput(descriptor: 1 | 2, onBrokenPipe: () => void, channels: OutputChannels = nodeChannels(descriptor)): StandardOutput {
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

	let terminal: boolean | undefined;
	const isTerminal = (): boolean => terminal ??= channels.isTerminal();
	return {
		get isTerminal() {
			return isTerminal();
		},
		write(text) {
			if (stream || !channels.direct || isTerminal()) {
				streamNow().write(text);
				return;
			}

			const rest = writeAll(channels, descriptor, Buffer.from(text));
			if (rest === 'broken-pipe') {
				onBrokenPipe();
			} else if (rest) {
				streamNow().write(rest);
			}
		},
		async written() {
			// To a terminal, others write too (Ink, readline): whatever node's stream still holds counts.
			const held = stream ?? (channels.direct && !isTerminal() ? undefined : streamNow());
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

function nodeChannels(descriptor: 1 | 2): OutputChannels {
	return {
		writeSync: (target, bytes, offset) => writeSync(target, bytes, offset),
		stream: () => descriptor === 1 ? process.stdout : process.stderr,
		isTerminal: () => isTerminalDescriptor(descriptor),
		direct: process.platform !== 'win32',
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
