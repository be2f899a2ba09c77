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
	/** The stream and length of the payload that comes next; undefined while a header is due. */
	private payload: {stream: OutputChunk['stream']; bytes: number} | undefined;
	private raw = false;

	push(data: Buffer): void {
		if (this.raw) {
			this.emit('stdout', data);
			return;
		}

		this.queued.push(data);
		this.queuedBytes += data.length;
		for (;;) {
			const {payload} = this;
			if (payload) {
				if (this.queuedBytes < payload.bytes) {
					return;
				}

				this.emit(payload.stream, this.take(payload.bytes));
				this.payload = undefined;
				continue;
			}

			if (this.queuedBytes < headerBytes) {
				return;
			}

			const first = this.queued[0]!;
			const type = first.length >= headerBytes ? first[0]! : this.take(headerBytes, false)[0]!;
			if (type > 2) {
				this.raw = true;
				for (const part of this.queued) {
					this.emit('stdout', part);
				}

				this.queued = [];
				this.queuedBytes = 0;
				return;
			}

			const header = this.take(headerBytes);
			this.payload = {stream: type === 1 ? 'stdout' : 'stderr', bytes: header.readUInt32BE(4)};
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

	/**
	 * The next `count` queued bytes (there are that many), removed from the queue unless `consume`
	 * is false; a view of the received buffer when they lie in one, else a copy.
	 */
	private take(count: number, consume = true): Buffer {
		const first = this.queued[0]!;
		if (first.length >= count) {
			if (consume) {
				if (first.length === count) {
					this.queued.shift();
				} else {
					this.queued[0] = first.subarray(count);
				}

				this.queuedBytes -= count;
			}

			return first.subarray(0, count);
		}

		const joined = Buffer.concat(this.queued, this.queuedBytes);
		const taken = joined.subarray(0, count);
		if (consume) {
			this.queued = joined.length > count ? [joined.subarray(count)] : [];
			this.queuedBytes -= count;
		} else {
			this.queued = [joined];
		}

		return taken;
	}
}
