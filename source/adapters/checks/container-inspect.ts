import type {EngineConnection} from '../docker-client.js';
import {jsonObject, type InspectAnswer} from '../engine-answers.js';

/** The container's inspect answer, for checks that watch its state; rejects as the engine does (404, 409). */
export async function inspectContainer(engine: EngineConnection, container: string, signal: AbortSignal): Promise<InspectAnswer> {
	return engine.request({signal}, async (docker, abortSignal) =>
		jsonObject<InspectAnswer>(await docker.getContainer(container).inspect({abortSignal}), 'inspect'));
}
