/**
 * The one object the guided-fix UI gets for its side effects: run a command, run a check, tell the
 * time. UI tests hand in a fake FixRuntime instead.
 */
import type {FixRuntime} from '../core/guided-fix/fix-runtime-contract.js';
import {runCheck} from './checks/run-check.js';
import {runCommand} from './command-runner.js';
import type {EngineConnection} from './docker-client.js';
import type {EngineChoice} from './engine-endpoint.js';

export type {FixRuntime} from '../core/guided-fix/fix-runtime-contract.js';

export type FixRuntimeOptions = {
	/** Where commands run. */
	readonly cwd?: string;
	/** The engine connection for container checks (default: one that follows DOCKER_HOST). */
	readonly engine?: () => EngineConnection;
	/** Literal secret values (passwords in the user's environment) to redact from output and details. */
	readonly secrets?: readonly string[];
	/** The engine given with --host or --context: step commands get it, so `docker` reaches the engine the scan did. */
	readonly engineChoice?: EngineChoice;
};

/** DOCKER_HOST for --host; DOCKER_CONTEXT for --context, without a DOCKER_HOST that would win over it. */
function engineEnvironment(choice: EngineChoice | undefined): Record<string, string | undefined> | undefined {
	if (choice?.host) {
		return {DOCKER_HOST: choice.host};
	}

	return choice?.context ? {DOCKER_CONTEXT: choice.context, DOCKER_HOST: undefined} : undefined;
}

export function createFixRuntime(options: FixRuntimeOptions = {}): FixRuntime {
	return {
		runCommand: async (command, onOutput, signal) => runCommand(command.argv, {
			timeoutSeconds: command.timeoutSeconds,
			onOutput,
			signal,
			cwd: options.cwd,
			env: engineEnvironment(options.engineChoice),
			secrets: options.secrets,
		}),
		runCheck: async (check, signal, since) => runCheck(check, {signal, since, engine: options.engine, secrets: options.secrets}),
		now: () => Date.now(),
	};
}
