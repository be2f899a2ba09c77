/**
 * The one kind of error meant for the user, and the exit codes a command ends with. Anything
 * else that reaches the top (cli-main.ts) is a bug in unblock, and says so with its own code.
 */

/** Exit codes, documented in `unblock --help` and the README. */
export const exitCodes = {
	ok: 0,
	/** search: nothing matched; diagnose: something is broken or unreadable; fix: checks still fail; lint: errors found. */
	problem: 1,
	/** Bad usage, or the engine cannot be reached. */
	usage: 2,
	/** A bug in unblock: an error nobody meant for the user (EX_SOFTWARE in sysexits.h). */
	internal: 70,
	/** Ctrl-C (128 + SIGINT). */
	interrupted: 130,
	/** SIGTERM (128 + SIGTERM), as a shell reports a process ended by it. */
	terminated: 143,
} as const;

export type UserErrorDetails = {
	/** What to do about it, in one line. */
	readonly hint?: string;
	/** Commands that get the user further, one a line. */
	readonly nextSteps?: readonly string[];
	/** Default: 2, bad usage. */
	readonly exitCode?: number;
};

/**
 * Something the user can act on: one line of what went wrong, a hint of what to do, the commands
 * to try next. The engine's and the blocker log's errors are kinds of it.
 */
export class UserError extends Error {
	override readonly name: string = 'UserError';
	readonly hint?: string;
	readonly nextSteps: readonly string[];
	readonly exitCode: number;

	constructor(message: string, details: UserErrorDetails = {}) {
		super(message);
		if (details.hint !== undefined) {
			this.hint = details.hint;
		}

		this.nextSteps = details.nextSteps ?? [];
		this.exitCode = details.exitCode ?? exitCodes.usage;
	}
}

/** How a user error is printed on stderr: "unblock: what went wrong", then the hint and the next steps, indented. */
export function formatUserError(error: UserError): string {
	return [
		`unblock: ${error.message}`,
		...(error.hint ? [`  hint: ${error.hint}`] : []),
		...error.nextSteps.map(step => `  try:  ${step}`),
	].join('\n') + '\n';
}

/** The same error in one line, for a report that goes on after it ("unblock: Docker is not reachable at …: start …"). */
export function formatUserErrorLine(error: Pick<UserError, 'message' | 'hint'>): string {
	return `unblock: ${error.message}${error.hint ? `: ${error.hint}` : ''}\n`;
}
