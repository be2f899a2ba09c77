import {z} from 'zod';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {asContainerReference} from './container-reference.js';
import {compileCheckPattern} from './output-pattern.js';

/**
 * No log line since the step started matches the pattern. It looks once: put it after a
 * container-running check with stableSeconds, so the container has had time to show the error.
 */
export const logAbsent = defineCheckType({
	schema: z
		.object({
			type: z.literal('log-absent'),
			container: z.string(),
			pattern: z.string(),
			...checkBase,
		})
		.strict(),
	patternFields: ['pattern'],
	commandFields: [],
	defaultTimeoutSeconds: () => 15,
	describe: check => `the log of ${check.container} shows no /${check.pattern}/ since the step started`,
	async run(check, {signal, since, tools}) {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		const pattern = compileCheckPattern(check.pattern);
		if ('problem' in pattern) {
			return fail(pattern.problem);
		}

		let text: string;
		try {
			text = await tools.containerLogSince(name, since, signal);
		} catch (error) {
			return fail(tools.describeEngineError(error, name));
		}

		const lines = neutralizeTerminalText(text).split('\n');
		const match = lines.find(line => pattern.regex.test(line));
		const from = new Date(since).toISOString().slice(11, 19);
		return match === undefined
			? pass(`no line matches /${check.pattern}/ since ${from} UTC (${lines.filter(Boolean).length} lines read)`)
			// run-check redacts the detail, with the step's secrets.
			: fail(`logged since ${from} UTC: ${match.trim()}`);
	},
});
