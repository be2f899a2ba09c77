import {firstPlainLine} from '../../core/neutralize-terminal-text.js';
import {classifyEngineFailure, EngineError, engineErrorMessage, isConnectionFailure, statusCodeOf, type EngineLocation} from '../engine-failure.js';

/**
 * One line for a failed engine request: no such container, not running, an engine that cannot be
 * reached (with the hint that fits how it was chosen), or what the engine said.
 */
export function describeEngineError(error: unknown, container: string, engine?: EngineLocation): string {
	if (error instanceof EngineError) {
		return `${error.message}: ${error.hint}`;
	}

	const status = statusCodeOf(error);
	if (status === 404) {
		return `no container named ${container}`;
	}

	if (status === 409) {
		return `container ${container} is not running`;
	}

	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	if ((error as Error | undefined)?.name === 'AbortError' || code === 'ETIMEDOUT' || code === 'ABORT_ERR') {
		return 'the engine did not answer in time';
	}

	if (engine && (isConnectionFailure(error) || code === 'EACCES' || code === 'EPERM')) {
		const failure = classifyEngineFailure(error, engine);
		return `${failure.message}: ${failure.hint}`;
	}

	return firstPlainLine(engineErrorMessage(error)) || 'the engine request failed';
}
