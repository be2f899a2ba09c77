import {Readable} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {splitLines} from '../../source/adapters/container-logs.js';
import type {EngineStream} from '../../source/adapters/docker-client.js';
import {outputText, readEngineOutput, type OutputOptions} from '../../source/adapters/engine-output.js';

function frame(type: number, text: string): Buffer {
	const payload = Buffer.from(text);
	const header = Buffer.alloc(8);
	header[0] = type;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

async function read(parts: readonly Buffer[], options: Partial<OutputOptions> = {}) {
	const answer = Readable.from(parts, {objectMode: false}) as unknown as EngineStream;
	return readEngineOutput(answer, {tty: false, maximumBytes: 1024 * 1024, beyondMaximum: 'stop', ...options});
}

describe('an engine answer of logs or exec output', () => {
	it('is demultiplexed into stdout and stderr, across chunk boundaries, with timestamps', async () => {
		const stream = Buffer.concat([frame(1, '2025-01-15T10:00:00.000000001Z starting\n'), frame(2, '2025-01-15T10:00:01Z fatal: boom\n')]);
		const {chunks, overflowed} = await read([stream.subarray(0, 5), stream.subarray(5, 30), stream.subarray(30)]);
		expect(overflowed).toBe(false);
		expect(splitLines(chunks, false)).toEqual([
			{stream: 'stdout', text: 'starting', timestamp: '2025-01-15T10:00:00.000000001Z'},
			{stream: 'stderr', text: 'fatal: boom', timestamp: '2025-01-15T10:00:01Z'},
		]);
	});

	it('passes a stream that is not multiplexed through as stdout', async () => {
		const {chunks} = await read([Buffer.from('plain text output\nsecond\n')]);
		expect(splitLines(chunks, false).map(line => line.text)).toEqual(['plain text output', 'second']);
	});

	it('takes a TTY container\'s bytes as they are', async () => {
		const {chunks} = await read([Buffer.from('\u0001tty output\r\n')], {tty: true});
		expect(outputText(chunks)).toBe('\u0001tty output\r\n');
	});

	it('stops at the byte bound, keeping the frames before it', async () => {
		const {chunks, overflowed} = await read([frame(1, 'first\n'), frame(2, 'x'.repeat(100))], {maximumBytes: 50});
		expect(overflowed).toBe(true);
		expect(outputText(chunks)).toBe('first\n');
	});

	it('or reads on and drops what is past it', async () => {
		const {chunks, overflowed} = await read([frame(1, 'first\n'), frame(2, 'x'.repeat(100)), frame(1, 'last\n')], {maximumBytes: 50, beyondMaximum: 'drop'});
		expect(overflowed).toBe(true);
		expect(outputText(chunks)).toBe('first\n');
	});

	it('joins the payloads in order', async () => {
		const {chunks} = await read([Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more')])]);
		expect(outputText(chunks)).toBe('out\nerr\nmore');
	});
});

describe('splitLines', () => {
	it('joins a character split across two frames of a stream, and replaces bytes that are not UTF-8', () => {
		const chunks = [
			{stream: 'stdout' as const, bytes: Buffer.from([0x63, 0x61, 0x66, 0xC3])},
			{stream: 'stderr' as const, bytes: Buffer.from('err\n')},
			{stream: 'stdout' as const, bytes: Buffer.from([0xA9, 0x0A, 0xFF, 0x21, 0x0A])},
		];
		expect(splitLines(chunks, false)).toEqual([
			{stream: 'stderr', text: 'err'},
			{stream: 'stdout', text: 'café'},
			{stream: 'stdout', text: '\uFFFD!'},
		]);
	});

	it('reads consecutive frames of one stream as the one text they are, a character split between them included', () => {
		const chunks = [
			{stream: 'stdout' as const, bytes: Buffer.from('first\nsec')},
			{stream: 'stdout' as const, bytes: Buffer.from([0x6F, 0x6E, 0x64, 0x20, 0xC3])},
			{stream: 'stdout' as const, bytes: Buffer.from([0xA9, 0x0A])},
			{stream: 'stderr' as const, bytes: Buffer.from('after\n')},
			{stream: 'stdout' as const, bytes: Buffer.from('last')},
		];
		expect(splitLines(chunks, false)).toEqual([
			{stream: 'stdout', text: 'first'},
			{stream: 'stdout', text: 'second \u00E9'},
			{stream: 'stderr', text: 'after'},
			{stream: 'stdout', text: 'last'},
		]);
	});

	it('drops the CR a TTY adds, and keeps one the process wrote', () => {
		const lines = splitLines([{stream: 'stdout', bytes: Buffer.from('one\r\ntwo\r\r\n')}], true);
		expect(lines.map(line => line.text)).toEqual(['one', 'two\r']);
	});
});
