/**
 * The lines a guided fix leaves in the terminal's scrollback: one entry each time a step is
 * tried, skipped or refused. Entries are only ever appended (they are printed once, by <Static>),
 * and are found by comparing the step records before and after an action. Pure.
 */
import type {CheckResult} from '../core/checks/check-result.js';
import type {FixState, StepAttempt} from '../core/guided-fix/fix-state.js';
import {describeOutcome, stepPlanAt} from '../core/guided-fix/fix-transitions.js';

export type CompletedStep = {
	/** Unique across the whole wizard run: Static keys its items by it. */
	readonly key: string;
	readonly heading: string;
	readonly status: 'passed' | 'failed' | 'skipped' | 'refused';
	/** How it ended, one line. */
	readonly detail: string;
	readonly command?: string;
	/** The last lines of output. */
	readonly output: readonly string[];
	readonly checks: ReadonlyArray<{readonly description: string; readonly result: CheckResult}>;
};

/** Output lines kept per entry in the scrollback. */
export const completedOutputLines = 8;

export function newlyCompleted(before: FixState, after: FixState, sequence: number): CompletedStep[] {
	if (before.playbook !== after.playbook) {
		return [];
	}

	const entries: CompletedStep[] = [];
	for (const [index, record] of after.records.entries()) {
		const previous = before.records[index];
		if (!previous || previous === record) {
			continue;
		}

		const heading = `Step ${index + 1} of ${after.records.length}: ${stepPlanAt(after, index).title}`;
		const key = `${sequence}-${entries.length}`;
		const added = record.attempts.length > previous.attempts.length
			? record.attempts.slice(previous.attempts.length)
			: record.attempts.length > 0 && record.attempts.at(-1) !== previous.attempts.at(-1) ? record.attempts.slice(-1) : [];
		for (const attempt of added) {
			entries.push(fromAttempt(`${key}-${entries.length}`, heading, attempt));
		}

		if (added.length === 0 && record.status !== previous.status && (record.status === 'skipped' || record.status === 'refused')) {
			entries.push({
				key: `${key}-${entries.length}`,
				heading,
				status: record.status,
				detail: record.status === 'skipped' ? 'skipped' : `refused: ${record.reason ?? ''}`,
				output: [],
				checks: [],
			});
		}
	}

	return entries;
}

function fromAttempt(key: string, heading: string, attempt: StepAttempt): CompletedStep {
	const how = attempt.how === 'by-user' ? 'done by you' : attempt.outcome ? describeOutcome(attempt.outcome) : 'ran';
	return {
		key,
		heading,
		status: attempt.passed ? 'passed' : 'failed',
		// A failure's reason already names how the command ended when that was the problem.
		detail: attempt.passed ? how : attempt.reason ?? how,
		...(attempt.command === undefined ? {} : {command: attempt.command}),
		output: attempt.output.slice(-completedOutputLines),
		checks: attempt.checks,
	};
}
