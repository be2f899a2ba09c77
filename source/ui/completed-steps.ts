/**
 * The history of a guided fix: one entry each time a step is tried, skipped or refused, shown on
 * the fix screen above the current step. Entries are only ever appended, and are found by
 * comparing the step records before and after an action. Pure.
 */
import type {CheckResult} from '../core/checks/check-result.js';
import type {FixState, StepAttempt} from '../core/guided-fix/fix-state.js';
import {describeOutcome, stepPlanAt} from '../core/guided-fix/fix-transitions.js';

export type CompletedStep = {
	/** Unique within the fix: its place in the history. */
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

/** Output lines kept per entry. */
export const completedOutputLines = 8;

/** The entries an action adds; `sequence` is how many the fix has so far. */
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
		const added = record.attempts.length > previous.attempts.length
			? record.attempts.slice(previous.attempts.length)
			: record.attempts.length > 0 && record.attempts.at(-1) !== previous.attempts.at(-1) ? record.attempts.slice(-1) : [];
		for (const attempt of added) {
			entries.push(fromAttempt(`${sequence + entries.length}`, heading, attempt));
		}

		if (added.length === 0 && record.status !== previous.status && (record.status === 'skipped' || record.status === 'refused')) {
			entries.push({
				key: `${sequence + entries.length}`,
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
