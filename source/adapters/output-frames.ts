/**
 * The engine's multiplexed output (logs and exec of a container without a TTY) taken apart into
 * stdout and stderr, the way docker-modem's demuxStream does it: a frame is an 8-byte header
 * (stream type, then the payload's length) and its payload, handed on only once it has arrived
 * whole; type 1 is stdout, 0 and 2 stderr; a header of any other type means the output is not
 * multiplexed (or has lost its place), and it is stdout from that header on. A log sends a frame
 * a line: payloads of one stream that follow each other are joined into one chunk, so what reads
 * them decodes and splits a few runs, not thousands of frames, and nothing is copied per frame.
 */
/** Bytes a container wrote on one of its streams. */
export type OutputChunk = {readonly stream: 'stdout' | 'stderr'; readonly bytes: Buffer};

const headerBytes = 8;

export class OutputFrames {
	private readonly chunks: OutputChunk[] = [];
	/** The stream of the run being gathered, and its payloads. */
	private runStream: OutputChunk['stream'] | undefined;
	private run: Buffer[] = [];
	/** Bytes received and not yet taken apart: a header or payload still arriving. */
	private queued: Buffer[] = [];
	private queuedBytes = 0;
	/** The stream and length of the payload that comes next; a length of -1 while a header is due. */
	private payloadStream: OutputChunk['stream'] = 'stdout';
	private payloadBytes = -1;
	private raw = false;

	push(received: Buffer): void {
		if (this.raw) {
			this.emit('stdout', received);
			return;
		}

		let data = received;
		if (this.queuedBytes > 0) {
			this.queued.push(received);
			this.queuedBytes += received.length;
			// A large payload arrives in many reads: joined once, when it is whole.
			if (this.queuedBytes < (this.payloadBytes < 0 ? headerBytes : this.payloadBytes)) {
				return;
			}

			data = Buffer.concat(this.queued, this.queuedBytes);
			this.queued = [];
			this.queuedBytes = 0;
		}

		let offset = 0;
		for (;;) {
			const left = data.length - offset;
			if (this.payloadBytes >= 0) {
				if (left < this.payloadBytes) {
					break;
				}

				this.emit(this.payloadStream, data.subarray(offset, offset + this.payloadBytes));
				offset += this.payloadBytes;
				this.payloadBytes = -1;
				continue;
			}

			if (left < headerBytes) {
				break;
			}

			const type = data[offset]!;
			if (type > 2) {
				this.raw = true;
				this.emit('stdout', data.subarray(offset));
				return;
			}

			this.payloadStream = type === 1 ? 'stdout' : 'stderr';
			this.payloadBytes = data.readUInt32BE(offset + 4);
			offset += headerBytes;
		}

		if (offset < data.length) {
			this.queued = [data.subarray(offset)];
			this.queuedBytes = data.length - offset;
		}
	}

	/** The payloads that arrived whole, in order; a frame cut off at the end is left out. */
	finish(): OutputChunk[] {
		this.flushRun();
		return this.chunks;
	}

	private emit(stream: OutputChunk['stream'], bytes: Buffer): void {
		if (bytes.length === 0) {
			return;
		}

		if (stream !== this.runStream) {
			this.flushRun();
			this.runStream = stream;
		}

		this.run.push(bytes);
	}

	private flushRun(): void {
		if (this.runStream !== undefined && this.run.length > 0) {
			this.chunks.push({stream: this.runStream, bytes: this.run.length === 1 ? this.run[0]! : Buffer.concat(this.run)});
		}

		this.run = [];
	}
}
