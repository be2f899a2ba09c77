import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {displayArgv} from '../../core/fix-plan/render-command.js';
import {runCommand} from '../command-runner.js';
import {fail, type CheckContext, type CheckOf} from './check-context.js';
import {judgeCommand} from './container-command.js';
import {compileCheckPattern} from './output-pattern.js';

/** The command (argv, no shell) exits with the expected code on this host, and its output matches when asked. */
export async function checkHostCommand(check: CheckOf<'host-command'>, context: CheckContext): Promise<CheckResult> {
	const pattern = check.outputMatches === undefined ? undefined : compileCheckPattern(check.outputMatches);
	if (pattern && 'problem' in pattern) {
		return fail(pattern.problem);
	}

	const shown = displayArgv(check.command);
	const result = await runCommand(check.command, {
		timeoutSeconds: Math.max(0.1, (context.deadline - Date.now()) / 1000),
		signal: context.signal,
		secrets: context.secrets,
		killGraceMilliseconds: 500,
	});
	switch (result.outcome.kind) {
		case 'exited': {
			return judgeCommand(shown, result.outcome.exitCode, result.output.map(line => line.text).join('\n'), check.exitCode, pattern?.regex, check.outputMatches);
		}

		case 'not-started': {
			return fail(`${shown} could not start: ${result.outcome.reason}`);
		}

		case 'timed-out': {
			return fail(`${shown} did not finish within ${Math.round(result.outcome.afterSeconds)}s`);
		}

		case 'killed': {
			return fail(`${shown} was killed by ${result.outcome.signal}`);
		}

		case 'cancelled': {
			return fail(`${shown} was stopped`);
		}
	}
}
