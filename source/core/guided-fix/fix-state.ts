import type {CheckResult} from '../checks/check-result.js';
import type {RefusedValue, VariableRequest, VariableSource} from '../step-plans/resolve-variables.js';
import type {PlannedCheck} from '../step-plans/step-plan.js';
import type {Playbook} from '../playbook-schema.js';
import type {ComposeContext} from '../step-plans/compose-project.js';
import type {CommandOutcome, ExecutableCommand, OutputLine} from './fix-runtime-contract.js';

export type FixMode = {
	/** Show every command and check, run none. */
	readonly dryRun: boolean;
	/** `--yes`: no questions. Steps that need an answer, a person or (without allowDestructive) destroy data are refused. */
	readonly assumeYes: boolean;
	/** `--allow-destructive`: lets `--yes` run destructive steps. Interactive runs still ask for the typed name. */
	readonly allowDestructive: boolean;
};

export type StepStatus = 'not-reached' | 'skipped' | 'refused' | 'passed' | 'failed';

export type CheckOutcome = {
	readonly description: string;
	readonly result: CheckResult;
};

/** One try at a step, kept so the knowledge loop can record what was tried and what worked. */
export type StepAttempt = {
	/** The wizard ran the command, or the user did the step and asked for its checks. */
	readonly how: 'ran' | 'by-user';
	/** The command as shown (redacted). */
	readonly command?: string;
	readonly outcome?: CommandOutcome;
	/** The last lines of output (redacted). */
	readonly output: readonly string[];
	/** Epoch milliseconds when the attempt began; log checks look at lines after it. */
	readonly since?: number;
	readonly checks: readonly CheckOutcome[];
	readonly passed: boolean;
	/** Why it did not pass, one line. */
	readonly reason?: string;
};

export type StepRecord = {
	readonly id: string;
	readonly status: StepStatus;
	/** Why the step was refused. */
	readonly reason?: string;
	readonly attempts: readonly StepAttempt[];
};

/** An attempt whose checks are still running. */
export type PendingAttempt = Omit<StepAttempt, 'checks' | 'passed' | 'reason'>;

export type FinalCheck = {
	readonly stepIndex: number;
	readonly planned: PlannedCheck;
	readonly since: number;
};

/** A check of the final round that could not run, e.g. a variable never got a value. */
export type FinalCheckNotRun = {
	readonly stepIndex: number;
	readonly description: string;
	readonly reason: string;
};

export type FinalRound = {
	readonly checks: readonly FinalCheck[];
	readonly notRun: readonly FinalCheckNotRun[];
	/** Aligned with `checks`; undefined where the round was stopped before that check. */
	readonly results: ReadonlyArray<CheckResult | undefined>;
};

/**
 * Where the guided fix is. Step phases concern `stepIndex`; `final-check` re-runs every check of
 * the playbook but the interim ones; `done` is the end (see summarizeFix). Phases with a `workId` have work for the
 * runtime: see pendingWork.
 */
export type FixPhase =
	| {readonly name: 'needs-variables'; readonly request: VariableRequest; readonly error?: string}
	| {readonly name: 'ready'; readonly notice?: string}
	| {readonly name: 'confirm-destructive'; readonly target: string; readonly error?: string}
	| {
		readonly name: 'running';
		readonly workId: number;
		readonly command: ExecutableCommand;
		/** The last lines so far (bounded). */
		readonly output: readonly OutputLine[];
		readonly truncated: boolean;
	}
	| {
		readonly name: 'checking';
		readonly workId: number;
		readonly attempt: PendingAttempt;
		readonly checks: readonly PlannedCheck[];
		/** Aligned with `checks`; filled as each check finishes. */
		readonly results: ReadonlyArray<CheckResult | undefined>;
		/** Checking again after a failure, without running the step again. */
		readonly recheck: boolean;
		/** These are the step's `requires`, checked before its command runs: nothing is recorded, a failure refuses the step. */
		readonly precondition?: true;
	}
	| {readonly name: 'passed'}
	| {readonly name: 'failed'; readonly reason: string; readonly hintShown: boolean}
	| {readonly name: 'final-check'; readonly workId: number}
	| {readonly name: 'done'};

export type FixState = {
	readonly playbook: Playbook;
	readonly mode: FixMode;
	readonly values: Readonly<Record<string, string>>;
	readonly sources: Readonly<Record<string, VariableSource>>;
	/** For each value captured from the error text, the line it was read from (safe to print). */
	readonly capturedFrom: Readonly<Record<string, string>>;
	/** Values from the evidence or the command line that were refused (shown so the user knows why a question comes). */
	readonly refused: readonly RefusedValue[];
	/** The diagnosed container's compose project, where `docker compose` steps run; absent: not known. */
	readonly compose?: ComposeContext;
	readonly startedAt: number;
	readonly stepIndex: number;
	readonly phase: FixPhase;
	/** One per step of the playbook. */
	readonly records: readonly StepRecord[];
	readonly final?: FinalRound;
	/** The user quit before the end. */
	readonly quit: boolean;
	readonly nextWorkId: number;
};
