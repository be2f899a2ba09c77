import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {neutralizeTerminalText} from '../../core/neutralize-terminal-text.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {asContainerReference} from './container-reference.js';
import {framesText} from '../docker-stream-frames.js';
import {describeEngineError} from './engine-error.js';
import {compileCheckPattern} from './output-pattern.js';

/** Lines read at most: the newest, when a container logs more since the step started. */
const maximumLines = 5000;

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
		const container = context.engine().getContainer(name);
		const info = await container.inspect({abortSignal: context.signal});
		const logs = await container.logs({
			stdout: true,
			stderr: true,
			follow: false,
			// Seconds with a fraction: the engine reads "seconds.nanoseconds".
			since: (context.since / 1000).toFixed(3),
			tail: maximumLines,
			abortSignal: context.signal,
		});
		text = framesText(logs, Boolean(info.Config?.Tty));
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
