/**
 * The Docker engine the checks talk to when the caller hands in none: one client per process, at
 * the address a scan without --host uses (DOCKER_HOST, else the local socket).
 */
import {connectToEngine} from '../docker-engine.js';
import type {EngineClient} from '../engine-api-client.js';

let shared: EngineClient | undefined;

export function engineClient(): EngineClient {
	shared ??= connectToEngine(undefined, process.env).docker;
	return shared;
}
