/**
 * The Docker engine the checks talk to when the caller hands in none: one connection per process,
 * to the engine a scan without flags uses (DOCKER_HOST, DOCKER_CONTEXT, the current context, the
 * local socket).
 */
import {connectToEngine, type EngineConnection} from '../docker-client.js';

let shared: EngineConnection | undefined;

export function engineClient(): EngineConnection {
	shared ??= connectToEngine({}, process.env);
	return shared;
}
