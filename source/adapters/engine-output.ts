/**
 * What a container wrote, as the engine sends it for logs and exec: for a container without a TTY,
 * stdout and stderr multiplexed in frames (output-frames.ts takes them apart); for a TTY
 * container, raw bytes on one stream. Read in order and bounded in bytes.
 */
import type {EngineStream} from './docker-client.js';
import {OutputFrames, type OutputChunk} from './output-frames.js';

export type {OutputChunk} from './output-frames.js';

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
 * Reads `answer` to its end, or to `maximumBytes` when told to stop there, then destroys it. Only
 * the bytes within the bound are taken apart.
 */
export async function readEngineOutput(answer: EngineStream, options: OutputOptions): Promise<OutputRead> {
	const chunks: OutputChunk[] = [];
	const frames = new OutputFrames();
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

			frames.push(data);
		}
	} finally {
		answer.destroy();
	}

	return {chunks: options.tty ? chunks : frames.finish(), overflowed};
}

/** Every chunk's bytes in order, as one text (invalid UTF-8 replaced). */
export function outputText(chunks: readonly OutputChunk[]): string {
	return new TextDecoder('utf-8', {fatal: false}).decode(Buffer.concat(chunks.map(chunk => chunk.bytes)));
}
