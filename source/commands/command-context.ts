import {formatDiagnostic, type Diagnostic} from '../core/diagnostic.js';

/**
 * What a command needs from the outside world, handed in by cli.tsx so commands run the same
 * headless, in tests and under the wizard. Results go to stdout, progress and errors to stderr.
 */
export type Output = {
	write(text: string): void;
};

export type CommandContext = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdout: Output;
	readonly stderr: Output;
	/** Colour is allowed (a TTY and no NO_COLOR). */
	readonly color: boolean;
	/** Both stdin and stdout are terminals and this is not CI: prompts and the wizard may draw. */
	readonly interactive: boolean;
};

/** Where the engine and the knowledge come from: --host, --context, --project, --playbooks, --knowledge. */
export type SourceOptions = {
	/** The engine's address (--host); else DOCKER_HOST, the docker context, the local socket. */
	readonly host?: string;
	/** The docker context whose engine to use (--context). */
	readonly context?: string;
	/** Only this compose project. */
	readonly project?: string;
	readonly playbookDirectories: readonly string[];
	readonly knowledgePaths: readonly string[];
};

/** How `unblock fix` runs its steps, headless or in the wizard. */
export type FixModeOptions = {
	/** Show every step and command; run nothing. */
	readonly dryRun: boolean;
	/** No questions: run every step that needs no answer, no person and destroys nothing (headless only: the wizard asks). */
	readonly yes: boolean;
	/** With --yes, run destructive steps too. */
	readonly allowDestructive: boolean;
};

/** Exit codes, documented in the README. */
export const exitCodes = {
	ok: 0,
	/** search: nothing matched; diagnose: something is broken; lint: errors found. */
	problem: 1,
	/** Bad usage, or the engine cannot be reached. */
	usage: 2,
	interrupted: 130,
} as const;

/** An error meant for the user: one line of what went wrong and a hint of what to do. */
export class UserError extends Error {
	override readonly name = 'UserError';

	constructor(
		message: string,
		readonly hint?: string,
		readonly exitCode: number = exitCodes.usage,
	) {
		super(message);
	}
}

/** Files that could not be used are reported on stderr, one line each, and the command goes on. */
export function reportSkipped(diagnostics: readonly Diagnostic[], context: CommandContext): void {
	for (const diagnostic of diagnostics) {
		context.stderr.write(`unblock: skipped ${formatDiagnostic(diagnostic)}\n`);
	}
}

/** The engine could not be reached: what went wrong and the hint, one line on stderr. */
export function reportEngineError(error: {readonly message: string; readonly hint: string}, context: CommandContext): void {
	context.stderr.write(`unblock: ${error.message}: ${error.hint}\n`);
}
