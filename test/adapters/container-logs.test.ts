import {describe, expect, it} from 'vitest';
import {splitLines} from '../../source/adapters/container-logs.js';
import {FrameParser, framesText} from '../../source/adapters/docker-stream-frames.js';

function frame(type: number, text: string): Buffer {
	const payload = Buffer.from(text);
	const header = Buffer.alloc(8);
	header[0] = type;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}

describe('container log frames', () => {
	it('demultiplexes stdout and stderr, across chunk boundaries, with timestamps', () => {
		const chunks: Array<{stream: 'stdout' | 'stderr'; bytes: Buffer}> = [];
		const parser = new FrameParser(chunk => chunks.push(chunk));
		const stream = Buffer.concat([frame(1, '2025-01-15T10:00:00.000000001Z starting\n'), frame(2, '2025-01-15T10:00:01Z fatal: boom\n')]);
		parser.push(stream.subarray(0, 5));
		parser.push(stream.subarray(5, 30));
		parser.push(stream.subarray(30));
		expect(splitLines(chunks, false)).toEqual([
			{stream: 'stdout', text: 'starting', timestamp: '2025-01-15T10:00:00.000000001Z'},
			{stream: 'stderr', text: 'fatal: boom', timestamp: '2025-01-15T10:00:01Z'},
		]);
	});

	it('passes a stream that is not multiplexed through as stdout', () => {
		const chunks: Array<{stream: 'stdout' | 'stderr'; bytes: Buffer}> = [];
		new FrameParser(chunk => chunks.push(chunk)).push(Buffer.from('plain text output\nsecond\n'));
		expect(splitLines(chunks, false).map(line => line.text)).toEqual(['plain text output', 'second']);
	});

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

	it('drops the CR a TTY adds, and keeps one the process wrote', () => {
		const lines = splitLines([{stream: 'stdout', bytes: Buffer.from('one\r\ntwo\r\r\n')}], true);
		expect(lines.map(line => line.text)).toEqual(['one', 'two\r']);
	});
});

describe('framesText', () => {
	it('joins the payloads in order, keeping what arrived of a frame cut short', () => {
		const data = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'cut short here')]);
		expect(framesText(data.subarray(0, data.length - 5), false)).toBe('out\nerr\ncut short');
	});

	it('passes output that is not multiplexed through', () => {
		expect(framesText(Buffer.from('tty output\n'), false)).toBe('tty output\n');
	});
});
