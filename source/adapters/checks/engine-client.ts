/**
 * The Docker engine the checks talk to. For now each process makes one dockerode client that
 * follows DOCKER_HOST (docker-modem reads it); the app can hand in its shared connection with
 * setEngineClient().
 */
import Docker from 'dockerode';

let shared: Docker | undefined;

export function engineClient(): Docker {
	shared ??= new Docker();
	return shared;
}

/** Makes every check use this client from now on (the connection the scan already opened). */
export function setEngineClient(client: Docker): void {
	shared = client;
}
