import {framesText} from '../docker-stream-frames.js';
import type {EngineClient} from '../engine-api-client.js';

export type ExecResult = {
	readonly exitCode: number;
	/** stdout and stderr in order, raw (neutralise before showing). */
	readonly output: string;
};

/** Output beyond this is dropped: a check needs the start, not a megabyte. */
const maximumOutputBytes = 256 * 1024;

/**
 * Runs argv inside a running container through the engine's exec API (what `docker exec` does):
 * no shell, stdin closed. Rejects when the engine refuses, or when `signal` aborts.
 */
export async function execInContainer(engine: EngineClient, container: string, argv: readonly string[], signal: AbortSignal): Promise<ExecResult> {
	const exec = await engine.createExec(container, argv, {signal});
	const stream = await engine.startExec(exec, {signal});
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			if (size < maximumOutputBytes) {
				chunks.push(chunk);
				size += chunk.length;
			}
		}
	} finally {
		stream.destroy();
	}

	// The stream can end a moment before the engine records the exit code.
	let info = await engine.inspectExec(exec, {signal});
	while (info.Running && !signal.aborted) {
		await new Promise(resolve => setTimeout(resolve, 50));
		info = await engine.inspectExec(exec, {signal});
	}

	return {exitCode: info.ExitCode ?? -1, output: framesText(Buffer.concat(chunks), false)};
}
