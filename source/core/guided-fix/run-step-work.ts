import type {FixAction, WorkAction} from './fix-action.js';
import type {CommandResult, FixRuntime, OutputLine} from './fix-runtime-contract.js';
import type {FixWork} from './pending-work.js';

/** Output lines are handed on in batches at most this often, so a chatty command does not flood the reducer. */
const outputBatchMilliseconds = 50;

/**
 * Where a fix step runs: the step's command, or its checks, done through the runtime (the real
 * one runs commands in adapters/command-runner.ts and checks in adapters/checks/run-check.ts),
 * reported back to the reducer with WorkActions. The wizard and `unblock fix --yes` both call it. After `signal`
 * aborts it reports nothing more: the reducer has already moved on. Resolves once the work has
 * ended (for a command: once its process group is gone).
 */
export async function runStepWork(work: FixWork, runtime: FixRuntime, dispatch: (action: FixAction) => void, signal: AbortSignal): Promise<void> {
	const report = (action: WorkAction) => {
		if (!signal.aborted) {
			dispatch(action);
		}
	};

	if (work.kind === 'command') {
		let pending: OutputLine[] = [];
		let timer: ReturnType<typeof setTimeout> | undefined;
		const flush = () => {
			timer = undefined;
			if (pending.length > 0) {
				report({type: 'output-received', workId: work.id, lines: pending});
				pending = [];
			}
		};

		const startedAt = runtime.now();
		let result: CommandResult;
		try {
			result = await runtime.runCommand(work.command, line => {
				pending.push(line);
				timer ??= setTimeout(flush, outputBatchMilliseconds);
			}, signal);
		} catch (error) {
			// The runtime promises not to throw; if it does, a rejection here would go unhandled in the wizard.
			result = {outcome: {kind: 'not-started', reason: `the command could not run: ${(error as Error).message}`}, output: [], truncated: false};
		} finally {
			clearTimeout(timer);
		}

		flush();
		report({type: 'command-finished', workId: work.id, result, startedAt});
		return;
	}

	// The checks of a step look at once, each until it passes or its time is up (none depends on
	// another having passed: log-absent watches its own window), so a failing fix reports after its
	// slowest check, not after the sum of them.
	const startedAt = runtime.now();
	await Promise.all(work.checks.map(async (item, index) => {
		const since = item.since ?? startedAt;
		let result;
		try {
			result = await runtime.runCheck(item.check, signal, since);
		} catch (error) {
			result = {status: 'fail' as const, detail: `the check could not run: ${(error as Error).message}`};
		}

		report({type: 'check-finished', workId: work.id, index, result, since});
	}));
}
