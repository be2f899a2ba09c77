import type {RunningMount} from '../../core/checks/check-tools.js';
import type {EngineConnection} from '../docker-client.js';
import {containerList} from '../engine-answers.js';

/** The running containers and what they mount, from one list request (GET /containers/json). */
export async function runningMounts(engine: EngineConnection, signal: AbortSignal): Promise<Array<{name: string; mounts: RunningMount[]}>> {
	const answer = await engine.request({signal}, async (docker, abortSignal) => docker.listContainers({filters: {status: ['running', 'restarting']}, abortSignal}));
	return containerList(answer).map(container => ({
		name: (container.Names?.[0] ?? container.Id).replace(/^\//, ''),
		mounts: (container.Mounts ?? []).map(mount => ({
			type: mount.Type ?? '',
			...(mount.Name ? {name: mount.Name} : {}),
			source: mount.Source ?? '',
			destination: mount.Destination ?? '',
		})),
	}));
}
