/**
 * The engine multiplexes stdout and stderr of a container without a TTY into frames: one header
 * byte for the stream, three zero bytes, a big-endian payload length, then the payload. Logs and
 * exec output both arrive this way.
 */
export type StreamChunk = {readonly stream: 'stdout' | 'stderr'; readonly bytes: Buffer};

/** Parses the frames as bytes arrive, however the bytes are split across reads. */
export class FrameParser {
	private pending: Buffer = Buffer.alloc(0);
	private raw = false;

	constructor(private readonly emit: (chunk: StreamChunk) => void) {}

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

	/** The stream ended (or was cut short on purpose): hands on what arrived of a last, incomplete frame. */
	end(): void {
		if (this.pending.length > 8) {
			this.emit({stream: this.pending[0] === 2 ? 'stderr' : 'stdout', bytes: this.pending.subarray(8)});
		}

		this.pending = Buffer.alloc(0);
	}
}

/** The payloads of all frames in order, as one text (invalid UTF-8 replaced). */
export function framesText(data: Uint8Array, tty: boolean): string {
	const decoder = new TextDecoder('utf-8', {fatal: false});
	if (tty) {
		return decoder.decode(data);
	}

	const parts: string[] = [];
	const parser = new FrameParser(chunk => parts.push(decoder.decode(chunk.bytes, {stream: true})));
	parser.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
	parser.end();
	return parts.join('') + decoder.decode();
}
