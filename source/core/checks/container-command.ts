import {displayArgv} from '../display-argv.js';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import {checkBase, defineCheckType, fail} from './check-type.js';
import {commandCheckFields, judgeCommand, printsPattern} from './command-verdict.js';
import {asContainerReference} from './container-reference.js';
import {compileCheckPattern} from './output-pattern.js';

/** The command (argv, no shell) exits with the expected code inside the container, and its output matches when asked. */
export const containerCommand = defineCheckType({
	type: 'container-command',
	schema: z => z
		.object({
			type: z.literal('container-command'),
			container: z.string(),
			...commandCheckFields(z),
			...checkBase(z),
		})
		.strict(),
	patternFields: ['outputMatches'],
	commandFields: ['command'],
	defaultTimeoutSeconds: () => 30,
	describe: check => `${displayArgv(check.command)} in ${check.container} exits ${check.exitCode}${printsPattern(check.outputMatches)}`,
	async run(check, {signal, tools}) {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		const pattern = check.outputMatches === undefined ? undefined : compileCheckPattern(check.outputMatches);
		if (pattern && 'problem' in pattern) {
			return fail(pattern.problem);
		}

		const shown = displayArgv(check.command);
		let result;
		try {
			result = await tools.execInContainer(name, check.command, signal);
		} catch (error) {
			return fail(`${shown} could not run in ${name}: ${tools.describeEngineError(error, name)}`);
		}

		return judgeCommand(shown, result.exitCode, neutralizeTerminalText(result.output), check.exitCode, pattern?.regex, check.outputMatches);
	},
});
