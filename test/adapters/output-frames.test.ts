import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {splitLines} from '../../source/adapters/container-logs.js';
import {EngineConnection} from '../../source/adapters/docker-client.js';
import type {OutputChunk} from '../../source/adapters/engine-output.js';
import {OutputFrames} from '../../source/adapters/output-frames.js';

function frame(type: number, text: string | Buffer): Buffer {
	const payload = Buffer.isBuffer(text) ? text : Buffer.from(text);
	const header = Buffer.alloc(8);
	header[0] = type;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

function frames(parts: readonly Buffer[]): OutputChunk[] {
	const reader = new OutputFrames();
	for (const part of parts) {
		reader.push(part);
	}

	return reader.finish();
}

/** docker-modem's demuxStream, which OutputFrames replaces, over the same parts: nothing connects. */
const {docker} = new EngineConnection({display: 'unix:///nonexistent.sock', source: {kind: 'default'}, transport: {kind: 'socket', socketPath: '/nonexistent.sock'}, local: true});
function demuxed(parts: readonly Buffer[]): OutputChunk[] {
	const chunks: OutputChunk[] = [];
	const sink = (stream: OutputChunk['stream']) => ({
		write(bytes: Buffer) {
			chunks.push({stream, bytes: Buffer.from(bytes)});
			return true;
		},
	}) as unknown as NodeJS.WritableStream;
	const source = new EventEmitter();
	docker.modem.demuxStream(source as unknown as NodeJS.ReadableStream, sink('stdout'), sink('stderr'));
	for (const part of parts) {
		source.emit('data', part);
	}

	return chunks;
}

/** Per stream, in order: what a reader of the chunks sees, however they are cut. */
function text(chunks: readonly OutputChunk[]): Array<[string, string]> {
	const runs: Array<[string, string]> = [];
	for (const {stream, bytes} of chunks) {
		const last = runs.at(-1);
		if (last?.[0] === stream) {
			last[1] += bytes.toString('latin1');
		} else if (bytes.length > 0) {
			runs.push([stream, bytes.toString('latin1')]);
		}
	}

	return runs;
}

/** Cuts `bytes` at `cuts` pseudo-random places (a fixed seed). */
function cut(bytes: Buffer, cuts: number, seed: number): Buffer[] {
	let state = seed;
	const next = () => {
		state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
		return state / 2_147_483_648;
	};

	const places = [...new Set(Array.from({length: cuts}, () => Math.floor(next() * bytes.length)))].sort((left, right) => left - right);
	return [0, ...places].map((start, index) => bytes.subarray(start, places[index] ?? bytes.length));
}

describe('the frames of multiplexed output', () => {
	it('are taken apart into stdout and stderr, payloads of one stream in a row joined', () => {
		const chunks = frames([Buffer.concat([frame(1, 'one\n'), frame(1, 'two\n'), frame(2, 'err\n'), frame(1, 'three\n')])]);
		expect(chunks.map(chunk => [chunk.stream, chunk.bytes.toString()])).toEqual([['stdout', 'one\ntwo\n'], ['stderr', 'err\n'], ['stdout', 'three\n']]);
	});

	it('are read across any cut: a header or a payload split between reads', () => {
		const stream = Buffer.concat([frame(1, 'starting\n'), frame(2, 'fatal: boom\n'), frame(1, 'x'.repeat(3000))]);
		for (const size of [1, 3, 7, 8, 9, 50]) {
			const parts = Array.from({length: Math.ceil(stream.length / size)}, (_, index) => stream.subarray(index * size, (index + 1) * size));
			expect(text(frames(parts))).toEqual([['stdout', 'starting\n'], ['stderr', 'fatal: boom\n'], ['stdout', 'x'.repeat(3000)]]);
		}
	});

	it('give stdin\'s type (0) to stderr, as docker-modem does', () => {
		expect(text(frames([frame(0, 'in'), frame(2, 'err')]))).toEqual([['stderr', 'inerr']]);
	});

	it('leave out a frame cut off at the end, and output shorter than a header', () => {
		expect(text(frames([frame(1, 'whole'), frame(2, 'cut off').subarray(0, 10)]))).toEqual([['stdout', 'whole']]);
		expect(frames([Buffer.from('short')])).toEqual([]);
	});

	it('are stdout as it is from a header of another type on: output that is not multiplexed, or lost its place', () => {
		expect(text(frames([Buffer.from('plain text'), Buffer.from(' and more')]))).toEqual([['stdout', 'plain text and more']]);
		const misaligned = Buffer.concat([frame(2, 'err'), Buffer.from('garbage!'), frame(1, 'after')]);
		expect(text(frames([misaligned]))).toEqual([['stderr', 'err'], ['stdout', `garbage!${frame(1, 'after').toString('latin1')}`]]);
	});

	it('come out as docker-modem\'s demuxStream hands them out, however the reads are cut', () => {
		const payloads = [frame(1, '2025-01-15T10:00:00Z caf\u00C3'), frame(1, Buffer.from([0xA9, 0x0A])), frame(2, ''), frame(2, 'e'.repeat(700)), frame(0, 'in\n'), frame(1, 'last line without end')];
		const stream = Buffer.concat([...payloads, ...payloads]);
		for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
			const parts = cut(stream, seed * 3, seed);
			expect(text(frames(parts))).toEqual(text(demuxed(parts)));
			expect(splitLines(frames(parts), false)).toEqual(splitLines(demuxed(parts), false));
		}

		const notMultiplexed = Buffer.concat([frame(1, 'ok\n'), Buffer.from('\u0007raw bytes then\n'), frame(2, 'framed again\n')]);
		for (const seed of [11, 12, 13]) {
			const parts = cut(notMultiplexed, 5, seed);
			expect(text(frames(parts))).toEqual(text(demuxed(parts)));
		}
	});
});
