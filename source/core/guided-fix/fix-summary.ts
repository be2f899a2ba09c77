import type {CheckResult} from '../checks/check-result.js';
import type {PlaybookOrigin} from '../playbook-schema.js';
import type {FixState, StepAttempt, StepStatus} from './fix-state.js';
import {stepPlanAt} from './current-step-plan.js';
import {describeOutcome} from './describe-outcome.js';

/**
 * fixed: its checks pass after a step changed something; not-fixed: one fails; unchecked: it has
 * no checks, or they did not run; unchanged (the whole fix only): every check passes, but no step
 * that changes anything was done, so the fix did not fix it (it went away by itself, or elsewhere).
 */
export type Verdict = 'fixed' | 'not-fixed' | 'unchecked' | 'unchanged';

export type StepSummary = {
	readonly index: number;
	readonly id: string;
	readonly title: string;
	readonly status: StepStatus;
	/** Why it was refused or why its last attempt failed. */
	readonly reason?: string;
	/** Everything tried, in order: what the knowledge loop records. */
	readonly attempts: readonly StepAttempt[];
	readonly verdict: Verdict;
	/**
	 * For a step done by hand whose checks cannot tell whether the user made the change: why not
	 * (it has no check, or each of its checks had already passed before it).
	 */
	readonly unverified?: string;
};

export type FinalCheckSummary = {
	readonly stepIndex: number;
	readonly description: string;
	/** Absent when the check did not run; then `notRun` says why. */
	readonly result?: CheckResult;
	readonly notRun?: string;
};

export type FixSummary = {
	readonly playbook: {readonly id: string; readonly title: string; readonly source: PlaybookOrigin['source']};
	readonly dryRun: boolean;
	readonly quit: boolean;
	readonly steps: readonly StepSummary[];
	/** Every check of the playbook, run once more at the end. */
	readonly finalChecks: readonly FinalCheckSummary[];
	readonly verdict: Verdict;
};

export function summarizeFix(state: FixState): FixSummary {
	const final = state.final;
	const finalChecks: FinalCheckSummary[] = [
		...(final?.checks ?? []).map((check, index) => {
			const result = final?.results[index];
			return {
				stepIndex: check.stepIndex,
				description: check.planned.description,
				...(result ? {result} : {notRun: 'the final checks were stopped'}),
			};
		}),
		...(final?.notRun ?? []).map(check => ({stepIndex: check.stepIndex, description: check.description, notRun: check.reason})),
	].sort((left, right) => left.stepIndex - right.stepIndex);

	const passedBefore = new Set<string>();
	const steps = state.records.map((record, index): StepSummary => {
		const last = record.attempts.at(-1);
		const reason = record.reason ?? (record.status === 'failed' ? last?.reason : undefined);
		const unverified = record.status === 'passed' && last?.how === 'by-user' ? unverifiedReason(last, passedBefore) : undefined;
		for (const attempt of record.attempts) {
			for (const check of attempt.checks) {
				if (check.result.status === 'pass') {
					passedBefore.add(check.description);
				}
			}
		}

		return {
			index,
			id: record.id,
			title: stepPlanAt(state, index).title,
			status: record.status,
			...(reason === undefined ? {} : {reason}),
			attempts: record.attempts,
			verdict: stepVerdict(finalChecks.filter(check => check.stepIndex === index), last),
			...(unverified === undefined ? {} : {unverified}),
		};
	});

	const ran = finalChecks.filter(check => check.result);
	let verdict: Verdict = 'unchecked';
	if (state.mode.dryRun) {
		verdict = 'unchecked';
	} else if (ran.some(check => check.result?.status === 'fail')) {
		verdict = 'not-fixed';
	} else if (ran.length > 0 && ran.length === finalChecks.length) {
		// Fixed only when every check of the playbook ran and passes: one that could not run (a value
		// nobody gave, the fix stopped midway) may be the one that proves the container works. And
		// only when a step changed something: passing checks after read-only steps alone say the
		// problem is gone, not that this fix removed it (a slow start that ended meanwhile).
		const changed = steps.some(step => step.status === 'passed' && stepPlanAt(state, step.index).risk !== 'read-only');
		verdict = changed ? 'fixed' : 'unchanged';
	} else if (steps.some(step => step.verdict === 'not-fixed')) {
		verdict = 'not-fixed';
	}

	return {
		playbook: {id: state.playbook.id, title: state.playbook.title, source: state.playbook.origin.source},
		dryRun: state.mode.dryRun,
		quit: state.quit,
		steps,
		finalChecks,
		verdict,
	};
}

/**
 * A check proves a step done by hand only if it could have failed without it: one that already
 * passed earlier in this fix (the container running again after the step before) shows the
 * container works, not that the durable change was made.
 */
function unverifiedReason(attempt: StepAttempt, passedBefore: ReadonlySet<string>): string | undefined {
	if (attempt.checks.length === 0) {
		return 'nothing checks it';
	}

	return attempt.checks.every(check => passedBefore.has(check.description))
		? 'its checks had already passed before it, so they cannot tell whether the change was made'
		: undefined;
}

function stepVerdict(finalChecks: readonly FinalCheckSummary[], last: StepAttempt | undefined): Verdict {
	const ran = finalChecks.filter(check => check.result);
	if (ran.length > 0) {
		return ran.every(check => check.result?.status === 'pass') ? 'fixed' : 'not-fixed';
	}

	if (last && last.checks.length > 0) {
		return last.passed ? 'fixed' : 'not-fixed';
	}

	return 'unchecked';
}

/** The summary as plain text, for the end of the wizard and for --yes runs. */
export function formatFixSummary(summary: FixSummary): string {
	const lines = [`Summary of ${summary.playbook.id}: ${summary.playbook.title}`];
	for (const step of summary.steps) {
		lines.push(`  ${step.index + 1}. ${step.title}: ${stepText(step, summary.dryRun)}`);
	}

	if (summary.finalChecks.length > 0 && !summary.dryRun) {
		lines.push('Checks now');
		for (const check of summary.finalChecks) {
			lines.push(check.result
				? `  ${check.result.status}  ${check.description}: ${check.result.detail}`
				: `  not run  ${check.description}: ${check.notRun ?? ''}`);
		}
	}

	for (const step of summary.steps) {
		if (step.unverified !== undefined) {
			lines.push(`Not verified: step ${step.index + 1} (${step.title}) was marked done by hand, and ${step.unverified}.`);
		}
	}

	lines.push(verdictText(summary));
	return `${lines.join('\n')}\n`;
}

function stepText(step: StepSummary, dryRun: boolean): string {
	const last = step.attempts.at(-1);
	const tries = step.attempts.length > 1 ? ` (${step.attempts.length} attempts)` : '';
	switch (step.status) {
		case 'not-reached': {
			return dryRun ? 'not run (dry run)' : 'not reached';
		}

		case 'skipped': {
			return 'skipped';
		}

		case 'refused': {
			return `refused: ${step.reason ?? ''}`;
		}

		case 'failed': {
			return `failed: ${step.reason ?? ''}${tries}`;
		}

		case 'passed': {
			const how = last?.how === 'by-user' ? (step.unverified === undefined ? 'done by you' : 'marked done by you, not verified') : last?.outcome ? `ran, ${describeOutcome(last.outcome)}` : 'ran';
			const checked = last && last.checks.length > 0 && step.unverified === undefined ? ', checks pass' : '';
			return `${how}${checked}${tries}`;
		}
	}
}

function verdictText(summary: FixSummary): string {
	if (summary.dryRun) {
		return 'Dry run: nothing was run.';
	}

	const ran = summary.finalChecks.filter(check => check.result);
	const failing = ran.filter(check => check.result?.status === 'fail');
	switch (summary.verdict) {
		case 'fixed': {
			return 'Fixed: every check passes now.';
		}

		case 'unchanged': {
			return 'Passing now, but no step of this fix changed anything: the problem went away by itself or was fixed elsewhere.';
		}

		case 'not-fixed': {
			return failing.length > 0 ? `Not fixed: ${failing.length} of ${summary.finalChecks.length} checks still fail.` : 'Not fixed: a step\'s checks failed.';
		}

		case 'unchecked': {
			const notRun = summary.finalChecks.length - ran.length;
			const counts = ran.length > 0 ? `: ${ran.length} ${ran.length === 1 ? 'check passes' : 'checks pass'}, ${notRun} could not run` : '';
			if (summary.quit) {
				return ran.length > 0 ? `Stopped during the final checks${counts}; nothing is confirmed fixed.` : 'Stopped before the final checks: nothing is confirmed fixed.';
			}

			return ran.length > 0 ? `Not confirmed fixed${counts}.` : 'Nothing confirmed: no check ran.';
		}
	}
}
