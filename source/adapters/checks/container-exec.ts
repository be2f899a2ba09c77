import type {EngineConnection, EngineStream} from '../docker-client.js';
import {jsonObject, type ExecInspect} from '../engine-answers.js';
import {outputText, readEngineOutput} from '../engine-output.js';

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
export async function execInContainer(engine: EngineConnection, container: string, argv: readonly string[], signal: AbortSignal): Promise<ExecResult> {
	return engine.request({signal, idempotent: false}, async (docker, abortSignal) => {
		const exec = await docker.getContainer(container).exec({Cmd: [...argv], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, abortSignal});
		// Not hijacked: the engine answers 200, sends the multiplexed output until the command ends, then closes.
		const answer = await exec.start({hijack: false, stdin: false, abortSignal, _body: {Detach: false, Tty: false}} as Parameters<typeof exec.start>[0]);
		const read = await readEngineOutput(answer as EngineStream, {tty: false, maximumBytes: maximumOutputBytes, beyondMaximum: 'drop'});
		// The stream can end a moment before the engine records the exit code.
		let info = jsonObject<ExecInspect>(await exec.inspect({abortSignal}), 'exec inspect');
		while (info.Running && !abortSignal.aborted) {
			await new Promise(resolve => setTimeout(resolve, 50));
			info = jsonObject<ExecInspect>(await exec.inspect({abortSignal}), 'exec inspect');
		}

		return {exitCode: info.ExitCode ?? -1, output: outputText(read.chunks)};
	});
}
