import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {asContainerReference} from './container-reference.js';
import {waitForPass} from './wait-and-retry.js';

/** The container's health check reports healthy; waits for it up to the deadline, else says what the last probe printed. */
export const containerHealthy = defineCheckType({
	type: 'container-healthy',
	schema: z => z.object({type: z.literal('container-healthy'), container: z.string(), ...checkBase(z)}).strict(),
	waitsItself: true,
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 60,
	describe: check => `container ${check.container} is healthy`,
	async run(check, context) {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		const {tools} = context;
		let noHealthCheck = false;
		return waitForPass(context, 500, async () => {
			let info;
			try {
				info = await tools.inspectContainer(name, context.signal);
			} catch (error) {
				return fail(tools.describeEngineError(error, name));
			}

			const state = info.State ?? {};
			const health = state.Health;
			if (!health || !health.Status || health.Status === 'none') {
				noHealthCheck = true;
				return fail(`container ${name} has no health check`);
			}

			if (health.Status === 'healthy') {
				return pass('healthy');
			}

			if (state.Status !== 'running') {
				return fail(`container ${name} is ${state.Status ?? 'in an unknown state'} (exit code ${state.ExitCode ?? 'unknown'})`);
			}

			const probe = health.Log?.at(-1);
			// Docker sends Output; other engines may not.
			const output = probe?.Output?.trim() ?? '';
			const said = probe ? `; the last probe exited ${probe.ExitCode ?? 'with an unknown code'}${output ? `: ${output}` : ''}` : '';
			return fail(`${health.Status}${health.FailingStreak ? `, ${health.FailingStreak} failed probes in a row` : ''}${said}`);
		}, () => noHealthCheck);
	},
});
