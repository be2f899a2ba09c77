/**
 * The Docker engine the checks talk to when the caller hands in none: one client per process, at
 * the address a scan without --host uses (DOCKER_HOST, else the local socket).
 */
import type Docker from 'dockerode';
import {connectToEngine} from '../docker-engine.js';

let shared: Docker | undefined;

export function engineClient(): Docker {
	shared ??= connectToEngine(undefined, process.env).docker;
	return shared;
}
