/** The processes the benchmark runs: the built CLI, `node -e 0`, each as an argv with the timing environment. */
import path from 'node:path';
import type {TimedCommand} from './process-timer.js';

export type CommandSetting = {
	/** The package root: dist/cli.js is under it. */
	readonly root: string;
	readonly env: NodeJS.ProcessEnv;
	/** Node options before the script (the memory probe's preload). */
	readonly nodeArguments?: readonly string[];
};

export function cliCommand(setting: CommandSetting, label: string, args: readonly string[], okExitCodes: readonly number[] = [0]): TimedCommand {
	return {
		label,
		argv: [process.execPath, ...setting.nodeArguments ?? [], path.join(setting.root, 'dist', 'cli.js'), ...args],
		cwd: setting.root,
		env: setting.env,
		okExitCodes,
	};
}

export const nodeBaselineLabel = 'node -e 0';

export function nodeBaseline(setting: CommandSetting): TimedCommand {
	return {label: nodeBaselineLabel, argv: [process.execPath, ...setting.nodeArguments ?? [], '-e', '0'], cwd: setting.root, env: setting.env};
}

/** The same command run in a pseudo-terminal wrapper. */
export function wrapped(command: TimedCommand, wrap: (argv: readonly string[]) => [string, ...string[]]): TimedCommand {
	return {...command, argv: wrap(command.argv), keepStdinOpen: true};
}
