/** Reads a pasted log piped into `unblock search`, bounded so a runaway pipe cannot eat memory. */
export async function readPipedInput(stream: NodeJS.ReadableStream & {isTTY?: boolean}, maximumBytes = 1024 * 1024): Promise<string> {
	if (stream.isTTY) {
		return '';
	}

	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		chunks.push(buffer);
		size += buffer.length;
		// Keep only the tail: the error that matters is usually at the end of a log.
		while (size > maximumBytes && chunks.length > 1) {
			size -= chunks.shift()!.length;
		}
	}

	const text = Buffer.concat(chunks).toString('utf8');
	return text.length > maximumBytes ? text.slice(-maximumBytes) : text;
}
