import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {neutralizeTerminalText} from '../../core/neutralize-terminal-text.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {asContainerReference} from './container-reference.js';
import {openContainerLogs} from '../container-logs.js';
import {outputText, readEngineOutput} from '../engine-output.js';
import {inspectContainer} from './container-inspect.js';
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

	const engine = context.engine();
	let text: string;
	try {
		const info = await inspectContainer(engine, name, context.signal);
		const read = await engine.request({signal: context.signal}, async (docker, abortSignal) => {
			// Seconds with a fraction: the engine reads "seconds.nanoseconds".
			const since = (context.since / 1000).toFixed(3);
			const answer = await openContainerLogs(docker, name, {stdout: true, stderr: true, since, tail: maximumLines}, abortSignal);
			return readEngineOutput(docker, answer, {tty: Boolean(info.Config?.Tty), maximumBytes, beyondMaximum: 'stop'});
		});
		text = outputText(read.chunks);
	} catch (error) {
		return fail(describeEngineError(error, name, engine.endpoint));
	}

	const lines = neutralizeTerminalText(text).split('\n');
	const match = lines.find(line => pattern.regex.test(line));
	const since = new Date(context.since).toISOString().slice(11, 19);
	return match === undefined
		? pass(`no line matches /${check.pattern}/ since ${since} UTC (${lines.filter(Boolean).length} lines read)`)
		// run-check redacts the detail, with the step's secrets.
		: fail(`logged since ${since} UTC: ${match.trim()}`);
}
