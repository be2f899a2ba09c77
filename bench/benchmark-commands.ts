/** The processes the benchmark runs: a CLI under test, `node -e 0`, each as an argv with the timing environment. */
import path from 'node:path';
import type {CliUnderTest} from './installed-package.js';
import type {TimedCommand} from './process-timer.js';

export type CommandSetting = {
	readonly cli: CliUnderTest;
	/** The working directory: outside the checkout, as a user's project is. */
	readonly cwd: string;
	readonly env: NodeJS.ProcessEnv;
	/** Node options before the script (the memory probe's preload); the CLI then runs as `node <options> <script>`. */
	readonly nodeArguments?: readonly string[];
};

/** The CLI with these arguments: its bin when it has one, else `node <script>`. */
export function cliCommand(setting: CommandSetting, label: string, args: readonly string[], okExitCodes: readonly number[] = [0]): TimedCommand {
	const nodeArguments = setting.nodeArguments ?? [];
	const start: [string, ...string[]] = setting.cli.bin && nodeArguments.length === 0 ? [setting.cli.bin] : [process.execPath, ...nodeArguments, setting.cli.script];
	return {label, argv: [...start, ...args], cwd: setting.cwd, env: withThisNode(setting.env), okExitCodes};
}

export const nodeBaselineLabel = 'node -e 0';

export function nodeBaseline(setting: CommandSetting): TimedCommand {
	return {label: nodeBaselineLabel, argv: [process.execPath, ...setting.nodeArguments ?? [], '-e', '0'], cwd: setting.cwd, env: setting.env};
}

/** The same command run in a pseudo-terminal wrapper. */
export function wrapped(command: TimedCommand, wrap: (argv: readonly string[]) => [string, ...string[]]): TimedCommand {
	return {...command, argv: wrap(command.argv), keepStdinOpen: true};
}

/** A bin's `#!/usr/bin/env node` finds the node this benchmark runs on, the one its baseline uses. */
function withThisNode(environment: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return {...environment, PATH: [path.dirname(process.execPath), environment.PATH].filter(Boolean).join(path.delimiter)};
}
