import process from 'node:process';
import {describePlaybookOrigin} from '../core/playbook-origin.js';
import type {EvidenceKey, Playbook} from '../core/playbook-schema.js';
import {driveFix} from '../core/guided-fix/drive-fix.js';
import {createFixState} from '../core/guided-fix/fix-reducer.js';
import type {FixRuntime} from '../core/guided-fix/fix-runtime-contract.js';
import type {FixState, StepRecord} from '../core/guided-fix/fix-state.js';
import {formatFixSummary, summarizeFix} from '../core/guided-fix/fix-summary.js';
import {stepPlanAt} from '../core/guided-fix/fix-transitions.js';
import type {EvidenceText} from '../core/step-plans/captured-values.js';
import {showValue} from '../core/step-plans/resolve-variables.js';
import {exitCodes} from '../core/user-error.js';
import type {CommandContext, FixModeOptions} from './command-context.js';

/**
 * `unblock fix <playbook> --yes`: the same step runner as the wizard's, driven without questions,
 * printing each step, its command, output and checks as they come. Exit 0 when the playbook's
 * checks pass at the end, 1 when they do not, 130 or 143 when interrupted.
 */
export type HeadlessFixInputs = {
	/** Facts of the container the fix is about (`--container`). */
	readonly facts?: Partial<Record<EvidenceKey, string>>;
	/** Its finding: values its error text names fill variables. */
	readonly finding?: EvidenceText;
	/** `--set` values. */
	readonly answers?: Readonly<Record<string, string>>;
};

export async function runHeadlessFix(playbook: Playbook, inputs: HeadlessFixInputs, runtime: FixRuntime, options: Pick<FixModeOptions, 'allowDestructive'>, context: CommandContext): Promise<number> {
	const write = (text: string) => {
		context.stdout.write(text);
	};

	write(`Fixing ${playbook.id}: ${playbook.title}\n`);
	if (playbook.origin.source !== 'shipped') {
		write(`Its commands come ${describePlaybookOrigin(playbook.origin)}\n`);
	}

	const initial = createFixState({
		playbook,
		...(inputs.facts ? {facts: inputs.facts} : {}),
		...(inputs.finding ? {text: inputs.finding} : {}),
		...(inputs.answers ? {answers: inputs.answers} : {}),
		mode: {assumeYes: true, allowDestructive: options.allowDestructive, dryRun: false},
		startedAt: runtime.now(),
	});
	let reported: readonly StepRecord[] = playbook.steps.map(step => ({id: step.id, status: 'not-reached', attempts: []}));
	const reportRefusals = (state: FixState) => {
		for (const [index, record] of state.records.entries()) {
			if (record.status === 'refused' && reported[index]?.status !== 'refused') {
				write(`\nStep ${index + 1} of ${state.records.length}: ${stepPlanAt(state, index).title}\n  refused: ${record.reason ?? ''}\n`);
			}
		}

		reported = state.records;
	};

	for (const [name, line] of Object.entries(initial.capturedFrom)) {
		write(`{${name}} = ${showValue(initial.values[name] ?? '')}, filled in from the error text: ${line}\n`);
	}

	reportRefusals(initial);
	// Ctrl-C, or SIGTERM (a closing terminal, a supervisor, kill): either way the step's whole
	// process group is stopped before unblock exits; left to Node's default, SIGTERM would end
	// unblock at once and leave the step's processes running.
	const controller = new AbortController();
	let exitCode: number = exitCodes.interrupted;
	const interrupt = (signal: NodeJS.Signals) => {
		exitCode = signal === 'SIGTERM' ? exitCodes.terminated : exitCodes.interrupted;
		controller.abort();
	};

	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	let workState = initial;
	let final: FixState;
	try {
		final = await driveFix(initial, runtime, {
			signal: controller.signal,
			onWork(work, state) {
				workState = state;
				if (work.kind === 'command') {
					const plan = stepPlanAt(state, state.stepIndex);
					write(`\nStep ${state.stepIndex + 1} of ${state.playbook.steps.length}: ${plan.title}\n$ ${work.command.display}\n`);
				} else if (state.phase.name === 'final-check') {
					write('\nEvery check of the playbook, once more\n');
				}
			},
			onAction(action, state) {
				if (action.type === 'output-received') {
					for (const line of action.lines) {
						write(`  │ ${line.text}\n`);
					}
				} else if (action.type === 'check-finished') {
					write(`  ${action.result.status}  ${checkDescription(workState, action.index)}: ${action.result.detail}\n`);
				}

				reportRefusals(state);
			},
		});
	} finally {
		process.off('SIGINT', interrupt);
		process.off('SIGTERM', interrupt);
	}

	const summary = summarizeFix(final);
	write(`\n${formatFixSummary(summary)}`);
	if (controller.signal.aborted) {
		return exitCode;
	}

	return summary.verdict === 'fixed' ? exitCodes.ok : exitCodes.problem;
}

function checkDescription(state: FixState, index: number): string {
	if (state.phase.name === 'checking') {
		return state.phase.checks[index]?.description ?? 'check';
	}

	return state.final?.checks[index]?.planned.description ?? 'check';
}
