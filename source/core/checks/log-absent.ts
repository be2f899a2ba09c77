import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {asContainerReference} from './container-reference.js';
import {compileCheckPattern} from './output-pattern.js';

const lookAgainMilliseconds = 1000;

/**
 * No log line matches the pattern from the step's start until `watchSeconds` after it: the
 * container gets that long to show the error again. A match fails at once; a step that started
 * longer ago than that (the final round) is read once.
 */
export const logAbsent = defineCheckType({
	type: 'log-absent',
	schema: z => z
		.object({
			type: z.literal('log-absent'),
			container: z.string(),
			pattern: z.string(),
			watchSeconds: z.number().min(0).max(300).default(10),
			...checkBase(z),
		})
		.strict(),
	waitsItself: true,
	patternFields: ['pattern'],
	commandFields: [],
	minimumSeconds: check => check.watchSeconds + 5,
	defaultTimeoutSeconds: check => check.watchSeconds + 15,
	describe: check => `the log of ${check.container} shows no /${check.pattern}/ within ${check.watchSeconds}s of the step`,
	async run(check, {signal, since, deadline, tools}) {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		const pattern = compileCheckPattern(check.pattern);
		if ('problem' in pattern) {
			return fail(pattern.problem);
		}

		const watchedUntil = since + (check.watchSeconds * 1000);
		const from = new Date(since).toISOString().slice(11, 19);
		for (;;) {
			let text: string;
			try {
				text = await tools.containerLogSince(name, since, signal);
			} catch (error) {
				return fail(tools.describeEngineError(error, name));
			}

			const lines = neutralizeTerminalText(text).split('\n');
			const match = lines.find(line => pattern.regex.test(line));
			if (match !== undefined) {
				// run-check redacts the detail, with the step's secrets.
				return fail(`logged since ${from} UTC: ${match.trim()}`);
			}

			const now = tools.now();
			if (now >= watchedUntil || signal.aborted || now + lookAgainMilliseconds >= deadline) {
				const watched = Math.round((Math.min(now, watchedUntil) - since) / 1000);
				return pass(`no line matches /${check.pattern}/ in the ${watched}s since ${from} UTC (${lines.filter(Boolean).length} lines read)`);
			}

			await tools.sleep(Math.min(lookAgainMilliseconds, watchedUntil - now), signal);
		}
	},
});
