import {scanDefaults} from '../../source/adapters/docker-engine.js';

/**
 * How long one scan may take by its own timeouts, each waited for in full and one after another:
 * the engine's first answer, the list, one container's inspect and then its logs, and the ping
 * that asks whether the engine is still there after each failed request. Doubled for a busy
 * machine and a process's start: the bound the fault suites hold `diagnose` and the wizard to.
 */
export const scanDeadlineMs = 2 * ((3 * scanDefaults.connectTimeoutMs) + (3 * scanDefaults.requestTimeoutMs));
