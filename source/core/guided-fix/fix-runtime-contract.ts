/**
 * The side effects of a guided fix, as the pure core sees them. The real implementation is
 * `createFixRuntime()` in source/adapters/fix-runtime.ts; UI tests hand in a fake one.
 */
import type {CheckResult} from '../checks/check-result.js';
import type {Check} from '../playbook-schema.js';
import type {CommandResult, ExecutableCommand, OutputLine} from '../command-result.js';

export type {CommandOutcome, CommandResult, ExecutableCommand, OutputLine} from '../command-result.js';

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
