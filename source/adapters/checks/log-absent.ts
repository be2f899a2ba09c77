import type {IncomingMessage} from 'node:http';
import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {neutralizeTerminalText} from '../../core/neutralize-terminal-text.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {asContainerReference} from './container-reference.js';
import {framesText} from '../docker-stream-frames.js';
import {describeEngineError} from './engine-error.js';
import {compileCheckPattern} from './output-pattern.js';

/** Lines read at most: the newest, when a container logs more since the step started. */
const maximumLines = 5000;

/** Bytes read at most, however long those lines are. */
const maximumBytes = 8 * 1024 * 1024;

/**
 * No log line since the step started matches the pattern. It looks once: put it after a
 * container-running check with stableSeconds, so the container has had time to show the error.
 */
export async function checkLogAbsent(check: CheckOf<'log-absent'>, context: CheckContext): Promise<CheckResult> {
	const name = asContainerReference(check.container);
	if (!name) {
		return fail(`"${check.container}" is not a container name`);
	}

	const pattern = compileCheckPattern(check.pattern);
	if ('problem' in pattern) {
		return fail(pattern.problem);
	}

	let text: string;
	try {
		const engine = context.engine();
		const info = await engine.inspectContainer(name, {signal: context.signal});
		const logs = await engine.containerLogs(name, {
			stdout: true,
			stderr: true,
			// Seconds with a fraction: the engine reads "seconds.nanoseconds".
			since: (context.since / 1000).toFixed(3),
			tail: maximumLines,
		}, {signal: context.signal});
		text = framesText(await readAll(logs), Boolean(info.Config?.Tty));
	} catch (error) {
		return fail(describeEngineError(error, name));
	}

	const lines = neutralizeTerminalText(text).split('\n');
	const match = lines.find(line => pattern.regex.test(line));
	const since = new Date(context.since).toISOString().slice(11, 19);
	return match === undefined
		? pass(`no line matches /${check.pattern}/ since ${since} UTC (${lines.filter(Boolean).length} lines read)`)
		// run-check redacts the detail, with the step's secrets.
		: fail(`logged since ${since} UTC: ${match.trim()}`);
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of stream as AsyncIterable<Buffer>) {
			chunks.push(chunk);
			size += chunk.length;
			if (size >= maximumBytes) {
				break;
			}
		}
	} finally {
		stream.destroy();
	}

	return Buffer.concat(chunks);
}
