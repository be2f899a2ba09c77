/**
 * The last lines a container wrote, bounded in lines and bytes. The engine keeps the output of
 * earlier runs in the same log, so for a restarting container the tail also covers the run that
 * crashed. Non-TTY logs are multiplexed in 8-byte-header frames (stream type, size); TTY logs are
 * raw bytes on one stream.
 */
import type {IncomingMessage} from 'node:http';
import type Docker from 'dockerode';
import {decodeTerminalBytes} from '../core/neutralize-terminal-text.js';

export type LogLimits = {
	readonly maximumLines: number;
	readonly maximumBytes: number;
};

export const defaultLogLimits: LogLimits = {maximumLines: 200, maximumBytes: 256 * 1024};

export type RawLogLine = {
	readonly stream: 'stdout' | 'stderr';
	/** Decoded with replacement of invalid UTF-8; not yet neutralised. */
	readonly text: string;
	readonly timestamp?: string;
};

export type RawLogs = {
	readonly lines: readonly RawLogLine[];
	readonly truncated: boolean;
};

type Chunk = {readonly stream: 'stdout' | 'stderr'; readonly bytes: Buffer};

type TailRead = {
	readonly chunks: readonly Chunk[];
	/** More bytes arrived than we keep: reading stopped early. */
	readonly overflowed: boolean;
};

/**
 * Reads the tail. When the tail is too large in bytes (a few huge lines), it asks again for fewer
 * lines rather than keep the oldest part of the tail, so the newest lines are what is kept.
 */
export async function readContainerLogs(container: Docker.Container, tty: boolean, limits: LogLimits, signal: AbortSignal): Promise<RawLogs> {
	// One line more than kept tells whether older lines exist.
	let tail = limits.maximumLines + 1;
	for (;;) {
		const read = await readTail(container, tty, tail, limits.maximumBytes, signal);
		if (!read.overflowed || tail <= 10) {
			const lines = splitLines(read.chunks, tty);
			const kept = lines.slice(-Math.min(limits.maximumLines, tail - 1));
			return {lines: kept, truncated: read.overflowed || lines.length > kept.length};
		}

		tail = Math.max(10, Math.floor(tail / 10));
	}
}

async function readTail(container: Docker.Container, tty: boolean, tail: number, maximumBytes: number, signal: AbortSignal): Promise<TailRead> {
	const response = await new Promise<IncomingMessage>((resolve, reject) => {
		container.modem.dial(
			{
				path: `/containers/${container.id}/logs?`,
				method: 'GET',
				isStream: true,
				abortSignal: signal,
				statusCodes: {200: true, 404: 'no such container', 500: 'server error'},
				options: {stdout: true, stderr: true, tail: String(tail), timestamps: true},
			},
			(error: unknown, stream: unknown) => {
				if (error) {
					reject(error);
				} else {
					resolve(stream as IncomingMessage);
				}
			},
		);
	});

	const chunks: Chunk[] = [];
	const frames = tty ? undefined : new FrameParser(chunk => chunks.push(chunk));
	let received = 0;
	let overflowed = false;
	try {
		for await (const data of response as AsyncIterable<Buffer>) {
			received += data.length;
			if (received > maximumBytes) {
				overflowed = true;
				break;
			}

			if (frames) {
				frames.push(data);
			} else {
				chunks.push({stream: 'stdout', bytes: data});
			}
		}
	} finally {
		response.destroy();
	}

	return {chunks, overflowed};
}

/** Parses Docker's multiplexed stream: [type, 0, 0, 0, size (uint32 BE)] then size bytes. */
export class FrameParser {
	private pending: Buffer = Buffer.alloc(0);
	private raw = false;

	constructor(private readonly emit: (chunk: Chunk) => void) {}

	push(data: Buffer): void {
		if (this.raw) {
			this.emit({stream: 'stdout', bytes: data});
			return;
		}

		this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
		while (this.pending.length >= 8) {
			const type = this.pending[0];
			if (type !== 0 && type !== 1 && type !== 2) {
				// Not multiplexed after all (a TTY container): pass the rest through as it is.
				this.raw = true;
				this.emit({stream: 'stdout', bytes: this.pending});
				this.pending = Buffer.alloc(0);
				return;
			}

			const size = this.pending.readUInt32BE(4);
			if (this.pending.length < 8 + size) {
				return;
			}

			this.emit({stream: type === 2 ? 'stderr' : 'stdout', bytes: this.pending.subarray(8, 8 + size)});
			this.pending = this.pending.subarray(8 + size);
		}
	}
}

const timestampPrefix = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** Turns chunks into lines, joining a line split across frames of the same stream. */
export function splitLines(chunks: readonly Chunk[], tty: boolean): RawLogLine[] {
	const lines: RawLogLine[] = [];
	const partial: Record<'stdout' | 'stderr', string> = {stdout: '', stderr: ''};

	const emit = (stream: 'stdout' | 'stderr', text: string) => {
		// A TTY ends lines with CRLF; anything more than that one CR was written by the process.
		const line = tty && text.endsWith('\r') ? text.slice(0, -1) : text;
		const match = timestampPrefix.exec(line);
		lines.push(match
			? {stream, text: line.slice(match[0].length), timestamp: match[1]}
			: {stream, text: line});
	};

	for (const chunk of tty ? [{stream: 'stdout' as const, bytes: Buffer.concat(chunks.map(item => item.bytes))}] : chunks) {
		const text = partial[chunk.stream] + decodeTerminalBytes(chunk.bytes);
		const parts = text.split('\n');
		partial[chunk.stream] = parts.pop() ?? '';
		for (const part of parts) {
			emit(chunk.stream, part);
		}
	}

	for (const stream of ['stdout', 'stderr'] as const) {
		if (partial[stream]) {
			emit(stream, partial[stream]);
		}
	}

	return lines;
}
