/**
 * The first line of a script the runtime could not execute ("exec /entrypoint.sh: no such file or
 * directory"): the file is there, so either its first line ends in a carriage return (CRLF line
 * endings: the kernel looks for "/bin/sh\r") or the interpreter it names is not in the image (a
 * bash script in an alpine image). The engine hands the file out as a tar stream even from a
 * container that never ran; only its first block or two are read, and the interpreter is looked
 * up the same way. Only for containers whose start failed so.
 */
import {execFailureOf} from '../core/detectors/failing-script.js';
import type {ScriptStart} from '../core/snapshot.js';
import {dialStream, type EngineConnection} from './docker-client.js';
import type {InspectAnswer} from './engine-answers.js';
import type {RawLogs} from './container-logs.js';
import {statInContainer} from './container-path-stat.js';

const tarBlock = 512;
/** A first line longer than this is not a shebang worth reading. */
const maximumFirstLine = 256;
const maximumBytes = tarBlock + 1024;

/** The script the start error or the log says could not be executed. Pure. */
export function scriptThatFailed(inspect: InspectAnswer, logs: RawLogs | undefined): string | undefined {
	// A container running its first run started its program: a line like that came from a child.
	if (inspect.State?.Status === 'running' && (inspect.RestartCount ?? 0) === 0) {
		return undefined;
	}

	for (const text of [inspect.State?.Error ?? '', ...(logs?.lines ?? []).slice(-20).map(line => line.text)]) {
		const failure = execFailureOf(text);
		if (failure?.reason === 'no such file or directory') {
			return failure.path;
		}
	}

	return undefined;
}

/** Its first line and whether the interpreter it names is there; undefined when it could not be read. */
export async function readScriptStart(connection: EngineConnection, inspect: InspectAnswer, logs: RawLogs | undefined, timeoutMs: number): Promise<ScriptStart | undefined> {
	const path = scriptThatFailed(inspect, logs);
	if (!path || !inspect.Id) {
		return undefined;
	}

	try {
		const firstLine = await readFirstLine(connection, inspect.Id, path, timeoutMs);
		if (firstLine === undefined) {
			return undefined;
		}

		const crlf = firstLine.endsWith('\r');
		const interpreter = /^#!\s*(\/\S{1,200})/.exec(firstLine.replace(/\r$/, ''))?.[1];
		const found = interpreter === undefined ? undefined : await statInContainer(connection, inspect.Id, interpreter, timeoutMs) !== undefined;
		return {path, crlf, ...(interpreter === undefined ? {} : {interpreter, interpreterFound: found!})};
	} catch {
		return undefined;
	}
}

/** The file's first line (with its carriage return, if any), from the tar the engine sends; undefined when it is not a regular file. */
async function readFirstLine(connection: EngineConnection, id: string, path: string, timeoutMs: number): Promise<string | undefined> {
	return connection.request({timeoutMs}, async (docker, abortSignal) => {
		const stream = await dialStream(docker, {path: `/containers/${encodeURIComponent(id)}/archive`, query: {path}, abortSignal, statusCodes: {200: true, 404: 'no such file', 400: 'bad parameter', 500: 'server error'}});
		const chunks: Buffer[] = [];
		let length = 0;
		try {
			for await (const chunk of stream as AsyncIterable<Buffer>) {
				chunks.push(chunk);
				length += chunk.length;
				if (length >= maximumBytes) {
					break;
				}
			}
		} finally {
			stream.destroy();
		}

		const tar = Buffer.concat(chunks);
		// ustar: type '0' (or NUL) is a regular file; its content starts at the next block.
		const type = tar[156];
		if (tar.length <= tarBlock || (type !== 0x30 && type !== 0)) {
			return undefined;
		}

		const size = Number.parseInt(tar.toString('latin1', 124, 136).replace(/\0.*$/, '').trim() || '0', 8);
		const content = tar.subarray(tarBlock, tarBlock + Math.min(size, maximumFirstLine));
		const end = content.indexOf(0x0A);
		return content.toString('utf8', 0, end < 0 ? content.length : end);
	});
}
