import type Docker from 'dockerode';
import {framesText} from '../docker-stream-frames.js';

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
export async function execInContainer(engine: Docker, container: string, argv: readonly string[], signal: AbortSignal): Promise<ExecResult> {
	const exec = await engine.getContainer(container).exec({
		Cmd: [...argv],
		AttachStdin: false,
		AttachStdout: true,
		AttachStderr: true,
		Tty: false,
		abortSignal: signal,
	});
	const stream = await exec.start({hijack: true, stdin: false, abortSignal: signal});
	const chunks: Uint8Array[] = [];
	let size = 0;
	await new Promise<void>((resolve, reject) => {
		const onAbort = () => {
			stream.destroy();
			reject(Object.assign(new Error('aborted'), {name: 'AbortError'}));
		};

		signal.addEventListener('abort', onAbort, {once: true});
		// Aborted while the exec was being started: the listener above would never fire.
		if (signal.aborted) {
			onAbort();
			return;
		}

		stream.on('data', (chunk: Uint8Array) => {
			if (size < maximumOutputBytes) {
				chunks.push(chunk);
				size += chunk.byteLength;
			}
		});
		stream.on('end', () => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		});
		stream.on('close', () => {
			signal.removeEventListener('abort', onAbort);
			resolve();
		});
		stream.on('error', (error: Error) => {
			signal.removeEventListener('abort', onAbort);
			reject(error);
		});
	});

	// The stream can end a moment before the engine records the exit code.
	let info = await exec.inspect({abortSignal: signal});
	while (info.Running && !signal.aborted) {
		await new Promise(resolve => setTimeout(resolve, 50));
		info = await exec.inspect({abortSignal: signal});
	}

	return {exitCode: info.ExitCode ?? -1, output: framesText(Buffer.concat(chunks), false)};
}
