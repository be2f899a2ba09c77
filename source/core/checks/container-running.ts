import type {ContainerStateAnswer} from './check-tools.js';
import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {asContainerReference} from './container-reference.js';

const pollMilliseconds = 500;
const createdLongAgoMilliseconds = 10_000;

/**
 * The container runs and has stayed up for `stableSeconds` without a restart. It waits for that
 * (up to the deadline), so a container in a restart loop fails with how often it restarted.
 */
export const containerRunning = defineCheckType({
	type: 'container-running',
	schema: z => z
		.object({
			type: z.literal('container-running'),
			container: z.string(),
			stableSeconds: z.number().min(0).max(300).default(5),
			...checkBase(z),
		})
		.strict(),
	waitsItself: true,
	patternFields: [],
	commandFields: [],
	minimumSeconds: check => check.stableSeconds + 10,
	defaultTimeoutSeconds: check => check.stableSeconds + 30,
	describe: check => `container ${check.container} is running and stays up for ${check.stableSeconds}s without a restart`,
	async run(check, {signal, deadline, tools}) {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		const wanted = check.stableSeconds * 1000;
		let firstRestartCount: number | undefined;
		let lastStart: string | undefined;
		let seenUpSince: number | undefined;
		let restartsSeen = 0;
		let last = fail(`container ${name} was not looked at before the deadline`);

		for (;;) {
			let info;
			try {
				info = await tools.inspectContainer(name, signal);
			} catch (error) {
				if (signal.aborted || !tools.isMissingContainer(error)) {
					return signal.aborted ? last : fail(tools.describeEngineError(error, name));
				}

				// Gone for now, as during a recreate: not a failure until the deadline says so.
				lastStart = undefined;
				seenUpSince = undefined;
				last = fail(`there is no container named ${name}${restartsSeen > 0 || firstRestartCount !== undefined ? ' any more' : ' (yet)'}`);
				if (tools.now() + pollMilliseconds >= deadline) {
					return last;
				}

				await tools.sleep(pollMilliseconds, signal);
				continue;
			}

			const now = tools.now();
			const restartCount = info.RestartCount ?? 0;
			firstRestartCount ??= restartCount;
			const state = info.State ?? {};
			const running = state.Status === 'running' && !state.Restarting;
			if (running) {
				if (state.StartedAt !== lastStart) {
					if (lastStart !== undefined) {
						restartsSeen++;
					}

					lastStart = state.StartedAt;
					const started = Date.parse(state.StartedAt ?? '');
					// The engine's start time, when the clocks agree; else from when it was first seen up.
					seenUpSince = Number.isFinite(started) && started <= now ? started : now;
				}

				const up = now - (seenUpSince ?? now);
				if (up >= wanted) {
					return pass(`running for ${formatDuration(up)}, no restart${restartsSeen > 0 ? ` since it restarted ${times(restartsSeen)} while watched` : ''}`);
				}

				// A loop whose back-off outlasts the wait restarts no more while watched, yet it is one.
				const restarts = restartCount > firstRestartCount
					? `; restarted ${times(restartCount - firstRestartCount)} while watched`
					: restartCount > 0 ? `, ${restartCount} restarts so far` : '';
				last = fail(`running for only ${formatDuration(up)} of the ${check.stableSeconds}s asked${restarts}`);
			} else {
				if (lastStart !== undefined) {
					restartsSeen++;
					lastStart = undefined;
				}

				seenUpSince = undefined;
				const restarts = restartCount > 0 ? `, ${restartCount} restarts so far` : '';
				last = fail(`container ${name} is ${state.Restarting ? 'restarting' : state.Status ?? 'in an unknown state'} (exit code ${state.ExitCode ?? 'unknown'}${state.OOMKilled ? ', killed for memory' : ''}${restarts})`);
				// Nothing starts it again: waiting until the deadline would only make the failure slower.
				if (!state.Restarting && (state.Status === 'exited' || state.Status === 'dead') && !restartsByItself(info)) {
					return last;
				}

				// Created and never started: a restart policy does not start it, and one that has sat
				// so for a while is not a compose up in the middle of starting it.
				if (state.Status === 'created' && now - Date.parse(info.Created ?? '') > createdLongAgoMilliseconds) {
					return fail(`container ${name} was created but never started; nothing starts it by itself`);
				}
			}

			if (signal.aborted || now + pollMilliseconds >= deadline) {
				return last;
			}

			await tools.sleep(pollMilliseconds, signal);
		}
	},
});

/** Whether the engine's restart policy may still start a stopped container on its own. */
function restartsByItself(info: ContainerStateAnswer): boolean {
	const policy = info.HostConfig?.RestartPolicy;
	switch (policy?.Name) {
		case 'always':
		case 'unless-stopped': {
			return true;
		}

		case 'on-failure': {
			const retries = policy.MaximumRetryCount ?? 0;
			return (info.State?.ExitCode ?? 0) !== 0 && (retries === 0 || (info.RestartCount ?? 0) < retries);
		}

		default: {
			return false;
		}
	}
}

function formatDuration(milliseconds: number): string {
	const seconds = Math.floor(milliseconds / 1000);
	if (seconds < 120) {
		return `${seconds}s`;
	}

	const minutes = Math.floor(seconds / 60);
	return minutes < 120 ? `${minutes}m` : `${Math.floor(minutes / 60)}h`;
}

function times(count: number): string {
	return count === 1 ? 'once' : `${count} times`;
}
