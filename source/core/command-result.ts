/** What a command is when it is about to run, and what came of it: the step runner's, the checks' and the runner adapter's shared words. */

/** One line of a command's output (stdout and stderr in the order they were written), already neutralised and redacted. */
export type OutputLine = {
	readonly text: string;
};

/** A command ready to run: argv only; a script arrives as ['sh', '-c', script] from the plan. */
export type ExecutableCommand = {
	readonly argv: readonly string[];
	/** As shown to the user before it runs (redacted). */
	readonly display: string;
	readonly timeoutSeconds: number;
};

export type CommandOutcome =
	| {readonly kind: 'exited'; readonly exitCode: number}
	| {readonly kind: 'killed'; readonly signal: string}
	| {readonly kind: 'timed-out'; readonly afterSeconds: number}
	| {readonly kind: 'cancelled'}
	| {readonly kind: 'not-started'; readonly reason: string};

export type CommandResult = {
	readonly outcome: CommandOutcome;
	/** The last lines of output (bounded). */
	readonly output: readonly OutputLine[];
	/** Older output was dropped to keep it bounded. */
	readonly truncated: boolean;
};
