import {firstPlainLine} from '../../core/neutralize-terminal-text.js';

type EngineFailure = Error & {statusCode?: number; code?: string};

/** One line for a failed engine request: no such container, engine not reachable, or what the engine said. */
export function describeEngineError(error: unknown, container?: string): string {
	const failure = error as EngineFailure;
	if (failure.statusCode === 404 && container) {
		return `no container named ${container}`;
	}

	if (failure.statusCode === 409 && container) {
		return `container ${container} is not running`;
	}

	if (failure.code === 'ECONNREFUSED' || failure.code === 'ENOENT' || failure.code === 'EACCES') {
		return `Docker is not reachable (${failure.code}): start Docker, or set DOCKER_HOST`;
	}

	if (failure.name === 'AbortError' || failure.code === 'ETIMEDOUT') {
		return 'the engine did not answer in time';
	}

	return firstPlainLine(failure.message ?? String(error)) || 'the engine request failed';
}
