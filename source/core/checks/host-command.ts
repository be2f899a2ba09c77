import {displayArgv} from '../display-argv.js';
import {checkBase, defineCheckType, fail} from './check-type.js';
import {commandCheckFields, judgeCommand, printsPattern} from './command-verdict.js';
import {compileCheckPattern} from './output-pattern.js';

/** The command (argv, no shell) exits with the expected code on this host, and its output matches when asked. */
export const hostCommand = defineCheckType({
	type: 'host-command',
	schema: z => z
		.object({
			type: z.literal('host-command'),
			...commandCheckFields(z),
			...checkBase(z),
		})
		.strict(),
	patternFields: ['outputMatches'],
	commandFields: ['command'],
	defaultTimeoutSeconds: () => 30,
	describe: check => `${displayArgv(check.command)} exits ${check.exitCode}${printsPattern(check.outputMatches)}`,
	async run(check, {signal, deadline, tools}) {
		const pattern = check.outputMatches === undefined ? undefined : compileCheckPattern(check.outputMatches);
		if (pattern && 'problem' in pattern) {
			return fail(pattern.problem);
		}

		const shown = displayArgv(check.command);
		const result = await tools.runOnHost(check.command, {timeoutSeconds: Math.max(0.1, (deadline - tools.now()) / 1000), signal});
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
	},
});
