/**
 * The engine multiplexes stdout and stderr of a container without a TTY into frames: one header
 * byte for the stream, three zero bytes, a big-endian length, then the payload.
 */
export type StreamFrame = {
	readonly stream: 'stdout' | 'stderr';
	readonly bytes: Uint8Array;
};

export function splitFrames(data: Uint8Array): StreamFrame[] {
	const frames: StreamFrame[] = [];
	const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
	let offset = 0;
	while (offset + 8 <= data.byteLength) {
		const kind = data[offset];
		const length = view.getUint32(offset + 4);
		const start = offset + 8;
		const end = Math.min(start + length, data.byteLength);
		frames.push({stream: kind === 2 ? 'stderr' : 'stdout', bytes: data.subarray(start, end)});
		offset = start + length;
	}

	return frames;
}

/** The payloads of all frames in order, as one text. */
export function framesText(data: Uint8Array, tty: boolean): string {
	const decoder = new TextDecoder('utf-8', {fatal: false});
	if (tty) {
		return decoder.decode(data);
	}

	return splitFrames(data).map(frame => decoder.decode(frame.bytes, {stream: true})).join('') + decoder.decode();
}
