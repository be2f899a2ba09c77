import type {EngineConnection} from '../docker-client.js';
import {jsonObject, type InspectAnswer} from '../engine-answers.js';
import {readRunEvents, runEnding} from '../run-endings.js';

/** How long the engine's events about a run may take to read before the state is taken as it is. */
const eventsTimeoutMs = 2000;

/** The container's inspect answer; rejects as the engine does (404, 409). */
export async function inspectContainer(engine: EngineConnection, container: string, signal: AbortSignal): Promise<InspectAnswer> {
	return engine.request({signal}, async (docker, abortSignal) =>
		jsonObject<InspectAnswer>(await docker.getContainer(container).inspect({abortSignal}), 'inspect'));
}

/**
 * The inspect answer for checks that watch the container's state: a process that died with an
 * error is OOM-killed when the engine logged an oom event in that run, which its flag sometimes misses.
 */
export async function inspectContainerState(engine: EngineConnection, container: string, signal: AbortSignal): Promise<InspectAnswer> {
	const info = await inspectContainer(engine, container, signal);
	const state = info.State;
	if (!state || state.OOMKilled || !info.Id || state.ExitCode === 0 || (state.Status !== 'exited' && state.Status !== 'dead')) {
		return info;
	}

	const ending = runEnding(info, await readRunEvents(engine, [info.Id], eventsTimeoutMs));
	return ending?.oomKilled ? {...info, State: {...state, OOMKilled: true}} : info;
}
