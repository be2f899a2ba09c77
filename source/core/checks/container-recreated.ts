import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {asContainerReference} from './container-reference.js';

/**
 * The container was created anew after the step began: what a change to the compose file or the
 * image needs before it counts (`docker compose up -d` recreates a service whose definition
 * changed; a restart keeps the old definition). A container that merely restarted fails it.
 */
export const containerRecreated = defineCheckType({
	type: 'container-recreated',
	schema: z => z.object({type: z.literal('container-recreated'), container: z.string(), ...checkBase(z)}).strict(),
	interim: true,
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 30,
	describe: check => `container ${check.container} was created anew after the step began (recreated from the changed definition)`,
	async run(check, {signal, since, tools}) {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		let info;
		try {
			info = await tools.inspectContainer(name, signal);
		} catch (error) {
			return fail(tools.describeEngineError(error, name));
		}

		const created = Date.parse(info.Created ?? '');
		if (!Number.isFinite(created)) {
			return fail(`the engine does not say when ${name} was created`);
		}

		const at = new Date(created).toISOString().replace('T', ' ').slice(0, 19);
		// Engine and host clocks may differ by a little; a second either way is the same moment.
		return created >= since - 1000
			? pass(`created at ${at} UTC, after the step began`)
			: fail(`still the container created at ${at} UTC, before the step began: a restart keeps the old definition; recreate it (docker compose up -d in the project's folder)`);
	},
});
