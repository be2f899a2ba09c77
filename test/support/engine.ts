/**
 * Suites that need the real engine. Where no engine answers they skip with a message; with
 * UNBLOCK_REQUIRE_DOCKER=1 (CI) they fail instead.
 */
import {describe} from 'vitest';
import {engineAvailability, required} from './docker-cli.js';

export * from './docker-cli.js';

/**
 * `describe` for suites that need the real engine: runs them when it answers; otherwise skips
 * them with the reason, or fails loudly when UNBLOCK_REQUIRE_DOCKER=1.
 */
export function describeWithEngine(name: string, body: () => void): void {
	const {ok, reason} = engineAvailability();
	if (!ok && required) {
		describe(name, () => {
			throw new Error(`UNBLOCK_REQUIRE_DOCKER=1 but no Docker engine answers: ${reason}. Start dockerd (see .ci/run).`);
		});
		return;
	}

	if (!ok) {
		console.warn(`[unblock tests] skipping "${name}": no Docker engine answers (${reason}). Set UNBLOCK_REQUIRE_DOCKER=1 to make this a failure.`);
	}

	describe.skipIf(!ok)(name, body);
}

