import type {CheckResult} from './check-result.js';
import {fail, pass, type Zod} from './check-type.js';
import {firstLine, lastLine} from './output-pattern.js';

/** The container-command and host-command checks differ only in where the command runs. */
export function commandCheckFields(z: Zod) {
	return {
		command: z.array(z.string().min(1)).min(1),
		exitCode: z.number().int().default(0),
		outputMatches: z.string().optional(),
	};
}

/** What a command check says of a command that ran: the exit code first, then the output. */
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

/** ' and prints /pattern/', for a description. */
export function printsPattern(pattern: string | undefined): string {
	return pattern === undefined ? '' : ` and prints /${pattern}/`;
}
