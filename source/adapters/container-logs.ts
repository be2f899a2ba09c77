/**
 * The last lines a container wrote, bounded in lines and bytes. The engine keeps the output of
 * earlier runs in the same log, so for a restarting container the tail also covers the run that
 * crashed. Non-TTY logs are multiplexed in 8-byte-header frames (stream type, size); TTY logs are
 * raw bytes on one stream.
 */
import type {ContainerLogs, LogLine} from '../core/snapshot.js';
import {FrameParser, type StreamChunk} from './docker-stream-frames.js';
import type {EngineClient} from './engine-api-client.js';

export type LogLimits = {
	readonly maximumLines: number;
	readonly maximumBytes: number;
};

export const defaultLogLimits: LogLimits = {maximumLines: 200, maximumBytes: 256 * 1024};

/** Logs as the engine sent them: the snapshot's shape, but the text is not yet neutralised or redacted. */
export type RawLogs = ContainerLogs;

type TailRead = {
	readonly chunks: readonly StreamChunk[];
	/** More bytes arrived than we keep: reading stopped early. */
	readonly overflowed: boolean;
};

/**
 * Reads the tail. When the tail is too large in bytes (a few huge lines), it asks again for fewer
 * lines rather than keep the oldest part of the tail, so the newest lines are what is kept.
 */
export async function readContainerLogs(engine: EngineClient, container: string, tty: boolean, limits: LogLimits, signal: AbortSignal): Promise<RawLogs> {
	// One line more than kept tells whether older lines exist.
	let tail = limits.maximumLines + 1;
	for (;;) {
		const read = await readTail(engine, container, tty, tail, limits.maximumBytes, signal);
		if (!read.overflowed || tail <= 10) {
			const lines = splitLines(read.chunks, tty);
			const kept = lines.slice(-Math.min(limits.maximumLines, tail - 1));
			return {lines: kept, truncated: read.overflowed || lines.length > kept.length};
		}

		tail = Math.max(10, Math.floor(tail / 10));
	}
}

async function readTail(engine: EngineClient, container: string, tty: boolean, tail: number, maximumBytes: number, signal: AbortSignal): Promise<TailRead> {
	const response = await engine.containerLogs(container, {stdout: true, stderr: true, tail, timestamps: true}, {signal});
	const chunks: StreamChunk[] = [];
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

const timestampPrefix = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** Turns chunks into lines, joining a line split across frames of the same stream. */
export function splitLines(chunks: readonly StreamChunk[], tty: boolean): LogLine[] {
	const lines: LogLine[] = [];
	const partial: Record<'stdout' | 'stderr', string> = {stdout: '', stderr: ''};

	const emit = (stream: 'stdout' | 'stderr', text: string) => {
		// A TTY ends lines with CRLF; anything more than that one CR was written by the process.
		const line = tty && text.endsWith('\r') ? text.slice(0, -1) : text;
		const match = timestampPrefix.exec(line);
		lines.push(match
			? {stream, text: line.slice(match[0].length), timestamp: match[1]}
			: {stream, text: line});
	};

	// One decoder a stream, so a character split across frames is joined, not replaced; invalid
	// UTF-8 becomes U+FFFD.
	const decoders = {stdout: new TextDecoder('utf-8', {fatal: false}), stderr: new TextDecoder('utf-8', {fatal: false})};
	for (const chunk of tty ? [{stream: 'stdout' as const, bytes: Buffer.concat(chunks.map(item => item.bytes))}] : chunks) {
		const text = partial[chunk.stream] + decoders[chunk.stream].decode(chunk.bytes, {stream: true});
		const parts = text.split('\n');
		partial[chunk.stream] = parts.pop() ?? '';
		for (const part of parts) {
			emit(chunk.stream, part);
		}
	}

	for (const stream of ['stdout', 'stderr'] as const) {
		partial[stream] += decoders[stream].decode();
		if (partial[stream]) {
			emit(stream, partial[stream]);
		}
	}

	return lines;
}
