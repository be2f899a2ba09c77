/**
 * What a container wrote, as the engine sends it for logs and exec: for a container without a TTY,
 * stdout and stderr multiplexed in frames that docker-modem's demuxStream takes apart; for a TTY
 * container, raw bytes on one stream. Read in order and bounded in bytes.
 */
import {EventEmitter} from 'node:events';
import type {Dockerode, EngineStream} from './docker-client.js';

export type OutputChunk = {readonly stream: 'stdout' | 'stderr'; readonly bytes: Buffer};

export type OutputRead = {
	readonly chunks: readonly OutputChunk[];
	/** More bytes arrived than were to be kept: reading stopped early. */
	readonly overflowed: boolean;
};

export type OutputOptions = {
	readonly tty: boolean;
	readonly maximumBytes: number;
	/**
	 * Past maximumBytes: stop reading (a log tail asks again for fewer lines), or read on and drop
	 * the rest (a command's output, so the command is not cut off before it exits).
	 */
	readonly beyondMaximum: 'stop' | 'drop';
};

/**
 * demuxStream copies what is left of its buffer after every frame it takes out. Handed a socket's
 * read whole (up to 64 KB), a 256 KB tail of 1 KB lines cost ~30 ms of copying; handed in pieces
 * of this size, ~6 ms.
 */
const demuxPiece = 1024;

/** Reads `answer` to its end, or to `maximumBytes` when told to stop there, then destroys it. */
export async function readEngineOutput(docker: Dockerode, answer: EngineStream, options: OutputOptions): Promise<OutputRead> {
	const chunks: OutputChunk[] = [];
	const sink = (stream: OutputChunk['stream']) => ({
		write(bytes: Buffer) {
			chunks.push({stream, bytes});
			return true;
		},
	}) as unknown as NodeJS.WritableStream;
	// demuxStream listens for 'data' on what it is given: only the bytes within the bound reach it.
	const accepted = new EventEmitter();
	if (!options.tty) {
		docker.modem.demuxStream(accepted as unknown as NodeJS.ReadableStream, sink('stdout'), sink('stderr'));
	}

	let received = 0;
	let overflowed = false;
	try {
		for await (const data of answer as AsyncIterable<Buffer>) {
			received += data.length;
			if (received > options.maximumBytes) {
				overflowed = true;
				if (options.beyondMaximum === 'stop') {
					break;
				}

				continue;
			}

			if (options.tty) {
				chunks.push({stream: 'stdout', bytes: data});
				continue;
			}

			for (let offset = 0; offset < data.length; offset += demuxPiece) {
				accepted.emit('data', data.subarray(offset, offset + demuxPiece));
			}
		}
	} finally {
		answer.destroy();
	}

	return {chunks, overflowed};
}

/** Every chunk's bytes in order, as one text (invalid UTF-8 replaced). */
export function outputText(chunks: readonly OutputChunk[]): string {
	return new TextDecoder('utf-8', {fatal: false}).decode(Buffer.concat(chunks.map(chunk => chunk.bytes)));
}
