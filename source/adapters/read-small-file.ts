import {closeSync, openSync, readSync} from 'node:fs';

/** The one buffer every read shares, as large as the largest limit asked for and a byte more. */
let shared = Buffer.alloc(0);

/**
 * A small file's bytes, or undefined when it holds more than `maximumBytes`: read into a buffer
 * every call shares, so the answer is a view that holds only until the next call (copy what is
 * kept). The shipped playbooks and vocabulary files are read this way at every start, each spared
 * the stat and the buffer of its own that readFileSync makes first (~1 ms for the playbooks).
 */
export function readSmallFile(file: string, maximumBytes: number): Buffer | undefined {
	if (shared.length < maximumBytes + 1) {
		shared = Buffer.allocUnsafeSlow(maximumBytes + 1);
	}

	const into = shared.subarray(0, maximumBytes + 1);
	const descriptor = openSync(file, 'r');
	try {
		let filled = 0;
		let read: number;
		while (filled < into.length && (read = readSync(descriptor, into, filled, into.length - filled, null)) > 0) {
			filled += read;
		}

		return filled > maximumBytes ? undefined : into.subarray(0, filled);
	} finally {
		closeSync(descriptor);
	}
}
