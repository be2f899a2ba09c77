/**
 * The side effects of a guided fix, as the pure core sees them. The real implementation is
 * `createFixRuntime()` in source/adapters/fix-runtime.ts; UI tests hand in a fake one.
 */
import type {CheckResult} from '../fix-plan/check-result.js';
import type {Check} from '../playbook-schema.js';

/** One line of a command's output, already neutralised and redacted. */
export type OutputLine = {
	readonly stream: 'stdout' | 'stderr';
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

export type FixRuntime = {
	/**
	 * Runs the command, streaming each line to onOutput. Never rejects. Aborting the signal stops
	 * the command's whole process group and resolves with outcome "cancelled".
	 */
	runCommand(command: ExecutableCommand, onOutput: (line: OutputLine) => void, signal: AbortSignal): Promise<CommandResult>;
	/**
	 * Runs one filled check within its timeout. Never rejects. `since` (epoch milliseconds) is when
	 * the step started: log checks only look at lines after it.
	 */
	runCheck(check: Check, signal: AbortSignal, since: number): Promise<CheckResult>;
	/** Epoch milliseconds. */
	now(): number;
};
