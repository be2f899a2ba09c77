/**
 * The one object the guided-fix UI gets for its side effects: run a command, run a check, tell the
 * time. UI tests hand in a fake FixRuntime instead.
 */
import type {FixRuntime} from '../core/step-runner/fix-runtime-contract.js';
import {runCheck} from './checks/run-check.js';
import {runCommand} from './command-runner.js';
import type {EngineClient} from './engine-api-client.js';

export type {FixRuntime} from '../core/step-runner/fix-runtime-contract.js';

export type FixRuntimeOptions = {
	/** Where commands run. */
	readonly cwd?: string;
	/** The engine connection for container checks (default: one that follows DOCKER_HOST). */
	readonly engine?: () => EngineClient;
	/** Literal secret values (passwords in the user's environment) to redact from output and details. */
	readonly secrets?: readonly string[];
	/** The engine given with --host: step commands get it as DOCKER_HOST, as checks already use it. */
	readonly host?: string;
};

export function createFixRuntime(options: FixRuntimeOptions = {}): FixRuntime {
	return {
		runCommand: async (command, onOutput, signal) => runCommand(command.argv, {
			timeoutSeconds: command.timeoutSeconds,
			onOutput,
			signal,
			cwd: options.cwd,
			env: options.host ? {DOCKER_HOST: options.host} : undefined,
			secrets: options.secrets,
		}),
		runCheck: async (check, signal, since) => runCheck(check, {signal, since, engine: options.engine, secrets: options.secrets}),
		now: () => Date.now(),
	};
}
