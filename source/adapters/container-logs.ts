/**
 * The last lines a container wrote, bounded in lines and bytes. The engine keeps the output of
 * earlier runs in the same log, so for a restarting container the tail also covers the run that
 * crashed. The answer's frames are taken apart by engine-output.ts (output-frames.ts joins a
 * stream's consecutive frames into one chunk); this turns the chunks into lines.
 */
import type {ContainerLogs, LogLine} from '../core/snapshot.js';
import {dialStream, type Dockerode, type EngineConnection, type EngineStream} from './docker-client.js';
import {readEngineOutput, type OutputChunk, type OutputRead} from './engine-output.js';

export type LogLimits = {
	readonly maximumLines: number;
	readonly maximumBytes: number;
};

export const defaultLogLimits: LogLimits = {maximumLines: 200, maximumBytes: 256 * 1024};

/**
 * For a running container that looks fine, only whether its recent lines keep repeating a failure
 * matters: a shorter tail, read for each of them on every scan.
 */
export const calmLogLimits: LogLimits = {maximumLines: 50, maximumBytes: 64 * 1024};

/** Logs as the engine sent them: the snapshot's shape, but the text is not yet neutralised or redacted. */
export type RawLogs = ContainerLogs;

/**
 * Reads the tail, within `timeoutMs` in all. When the tail is too large in bytes (a few huge
 * lines), it asks again for fewer lines rather than keep the oldest part of the tail, so the
 * newest lines are what is kept.
 */
export async function readContainerLogs(engine: EngineConnection, container: string, tty: boolean, limits: LogLimits, timeoutMs: number): Promise<RawLogs> {
	// One line more than kept tells whether older lines exist.
	let tail = limits.maximumLines + 1;
	const deadline = performance.now() + timeoutMs;
	for (;;) {
		const read = await readTail(engine, container, tty, tail, limits.maximumBytes, Math.max(1, Math.ceil(deadline - performance.now())));
		if (!read.overflowed || tail <= 10) {
			const lines = splitLines(read.chunks, tty);
			const kept = lines.slice(-Math.min(limits.maximumLines, tail - 1));
			return {lines: kept, truncated: read.overflowed || lines.length > kept.length};
		}

		tail = Math.max(10, Math.floor(tail / 10));
	}
}

async function readTail(engine: EngineConnection, container: string, tty: boolean, tail: number, maximumBytes: number, timeoutMs: number): Promise<OutputRead> {
	return engine.get(`/containers/${encodeURIComponent(container)}/logs?stdout=true&stderr=true&tail=${tail}&timestamps=true`, timeoutMs, async answer =>
		readEngineOutput(answer, {tty, maximumBytes, beyondMaximum: 'stop'}));
}

/** The log answer as a stream: dockerode's logs() reads a tail that does not follow into one buffer, unbounded. */
export async function openContainerLogs(docker: Dockerode, container: string, query: {stdout: boolean; stderr: boolean; tail: number; since?: string}, abortSignal: AbortSignal): Promise<EngineStream> {
	return dialStream(docker, {
		path: `/containers/${encodeURIComponent(container)}/logs`,
		query,
		abortSignal,
		statusCodes: {200: true, 404: 'no such container', 500: 'server error'},
	});
}

const timestampPrefix = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** Turns chunks into lines, joining a line split across frames of the same stream. */
export function splitLines(chunks: readonly OutputChunk[], tty: boolean): LogLine[] {
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
