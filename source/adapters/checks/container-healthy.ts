import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {asContainerReference} from './container-reference.js';
import {inspectContainer} from './container-inspect.js';
import {describeEngineError} from './engine-error.js';
import {waitForPass} from './wait-and-retry.js';

/** The container's health check reports healthy; waits for it up to the deadline, else says what the last probe printed. */
export async function checkContainerHealthy(check: CheckOf<'container-healthy'>, context: CheckContext): Promise<CheckResult> {
	const name = asContainerReference(check.container);
	if (!name) {
		return fail(`"${check.container}" is not a container name`);
	}

	const engine = context.engine();
	let noHealthCheck = false;
	const result = await waitForPass(context, 500, async () => {
		let info;
		try {
			info = await inspectContainer(engine, name, context.signal);
		} catch (error) {
			return fail(describeEngineError(error, name, engine.endpoint));
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
	return result;
}
