import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {displayArgv} from '../../core/fix-plan/render-command.js';
import {neutralizeTerminalText} from '../../core/neutralize-terminal-text.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {execInContainer} from './container-exec.js';
import {asContainerReference} from './container-reference.js';
import {describeEngineError} from './engine-error.js';
import {compileCheckPattern, firstLine, lastLine} from './output-pattern.js';

/** The command (argv, no shell) exits with the expected code inside the container, and its output matches when asked. */
export async function checkContainerCommand(check: CheckOf<'container-command'>, context: CheckContext): Promise<CheckResult> {
	const name = asContainerReference(check.container);
	if (!name) {
		return fail(`"${check.container}" is not a container name`);
	}

	const pattern = check.outputMatches === undefined ? undefined : compileCheckPattern(check.outputMatches);
	if (pattern && 'problem' in pattern) {
		return fail(pattern.problem);
	}

	const shown = displayArgv(check.command);
	const engine = context.engine();
	let result;
	try {
		result = await execInContainer(engine, name, check.command, context.signal);
	} catch (error) {
		return fail(`${shown} could not run in ${name}: ${describeEngineError(error, name, engine.endpoint)}`);
	}

	return judgeCommand(shown, result.exitCode, neutralizeTerminalText(result.output), check.exitCode, pattern?.regex, check.outputMatches);
}

/** Shared by the host and container command checks: exit code first, then the output. */
export function judgeCommand(shown: string, exitCode: number, output: string, expectedExitCode: number, regex: RegExp | undefined, pattern: string | undefined): CheckResult {
	if (exitCode !== expectedExitCode) {
		const said = lastLine(output);
		return fail(`${shown} exited ${exitCode}, expected ${expectedExitCode}${said ? `: ${said}` : ''}`);
	}

	if (regex) {
		const line = output.split('\n').find(candidate => regex.test(candidate)) ?? (regex.test(output) ? firstLine(output) : undefined);
		return line === undefined
			? fail(`${shown} exited ${exitCode} but printed nothing matching /${pattern}/${firstLine(output) ? `: ${firstLine(output)}` : ''}`)
			: pass(`${shown} exited ${exitCode} and printed: ${line.trim()}`);
	}

	const said = firstLine(output);
	return pass(`${shown} exited ${exitCode}${said ? `: ${said}` : ''}`);
}
