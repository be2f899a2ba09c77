import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {standardOutput, type OutputChannels, type StandardOutput} from '../../source/adapters/standard-output.js';

/** Node's stream of the descriptor, as the output sees it: what it was given, and a write's callback held until `drain`. */
class FakeStream extends EventEmitter {
	readonly chunks: string[] = [];
	private readonly waiting: Array<() => void> = [];
	writableLength = 0;

	write(chunk: string | Uint8Array, done?: () => void): boolean {
		const text = Buffer.from(chunk).toString();
		this.chunks.push(text);
		this.writableLength += text.length;
		if (done) {
			this.waiting.push(done);
		}

		return true;
	}

	drain(): void {
		this.writableLength = 0;
		for (const done of this.waiting.splice(0)) {
			done();
		}
	}
}

type Written = {readonly bytes: string[]};

function channels(options: {terminal?: boolean; direct?: boolean; held?: boolean; write?: (bytes: Uint8Array, offset: number) => number} = {}): {channels: OutputChannels; stream: FakeStream; written: Written; streamsMade: () => number} {
	const stream = new FakeStream();
	const written: Written = {bytes: []};
	let made = 0;
	return {
		stream,
		written,
		streamsMade: () => made,
		channels: {
			writeSync: (_descriptor, bytes, offset) => {
				if (options.write) {
					return options.write(bytes, offset);
				}

				written.bytes.push(Buffer.from(bytes.subarray(offset)).toString());
				return bytes.length - offset;
			},
			stream: () => {
				made++;
				return stream;
			},
			isTerminal: () => options.terminal ?? false,
			direct: () => options.direct ?? true,
			terminalWritesHeld: options.held ?? false,
		},
	};
}

/** output.written() settles only once the stream has written out what it held. */
async function expectWrittenOnceDrained(output: StandardOutput, stream: FakeStream): Promise<void> {
	let settled = false;
	const written = output.written().then(() => {
		settled = true;
	});
	await Promise.resolve();
	expect(settled).toBe(false);
	stream.drain();
	await written;
	expect(settled).toBe(true);
}

const errno = (code: string) => Object.assign(new Error(code), {code});

describe('standardOutput', () => {
	it('writes to a pipe or file through the descriptor, without making node\'s stream', async () => {
		const fake = channels();
		const output = standardOutput(1, () => {}, fake.channels);
		output.write('one\n');
		output.write('two · three\n');
		expect(fake.written.bytes).toEqual(['one\n', 'two · three\n']);
		expect(fake.streamsMade()).toBe(0);
		expect(output.isTerminal).toBe(false);
		await output.written();
	});

	it('goes on after a partial write until every byte is out', () => {
		const pieces: string[] = [];
		const fake = channels({write: (bytes, offset) => {
			const taken = Math.min(3, bytes.length - offset);
			pieces.push(Buffer.from(bytes.subarray(offset, offset + taken)).toString());
			return taken;
		}});
		standardOutput(1, () => {}, fake.channels).write('abcdefgh');
		expect(pieces).toEqual(['abc', 'def', 'gh']);
	});

	it('hands what a non-blocking descriptor would not take to node\'s stream, and keeps to it after, in order', async () => {
		let calls = 0;
		const fake = channels({write: () => {
			calls++;
			if (calls === 1) {
				return 4;
			}

			throw errno('EAGAIN');
		}});
		const output = standardOutput(1, () => {}, fake.channels);
		output.write('head tail');
		output.write('later');
		expect(fake.stream.chunks).toEqual([' tail', 'later']);
		expect(calls).toBe(2);

		await expectWrittenOnceDrained(output, fake.stream);
	});

	it('ends quietly when the reader has gone, on a later turn (the command sets its exit code first), whichever way the text went', async () => {
		let ended = 0;
		let writes = 0;
		const direct = channels({write: () => {
			writes++;
			throw errno('EPIPE');
		}});
		const output = standardOutput(1, () => ended++, direct.channels);
		output.write('text');
		output.write('more, for no one');
		expect([ended, writes]).toEqual([0, 1]);
		await new Promise(process.nextTick);
		expect([ended, writes]).toEqual([1, 1]);
		ended = 0;

		const terminal = channels({terminal: true});
		standardOutput(2, () => ended++, terminal.channels).write('text');
		terminal.stream.emit('error', errno('EPIPE'));
		expect(ended).toBe(1);
		expect(() => terminal.stream.emit('error', errno('EIO'))).toThrow('EIO');
	});

	it('makes no stream at a terminal it never wrote to, where terminal writes are not held (not Windows)', async () => {
		const fake = channels({terminal: true});
		await standardOutput(2, () => {}, fake.channels).written();
		expect(fake.streamsMade()).toBe(0);
	});

	it('waits, at a Windows terminal, for what others wrote to node\'s stream (the wizard draws through it)', async () => {
		const fake = channels({terminal: true, held: true});
		const output = standardOutput(1, () => {}, fake.channels);
		fake.stream.write('a frame', () => {});
		await expectWrittenOnceDrained(output, fake.stream);
	});

	it('lets any other write error through', () => {
		const fake = channels({write: () => {
			throw errno('EBADF');
		}});
		expect(() => standardOutput(1, () => {}, fake.channels).write('text')).toThrow('EBADF');
	});

	it('writes to a terminal, and where it may not write straight (a command that goes on, Windows), through node\'s stream', () => {
		for (const fake of [channels({terminal: true}), channels({direct: false})]) {
			const output = standardOutput(1, () => {}, fake.channels);
			output.write('text');
			expect(fake.stream.chunks).toEqual(['text']);
			expect(fake.written.bytes).toEqual([]);
		}
	});
});
