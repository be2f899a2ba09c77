import {spawnSync} from 'node:child_process';
import path from 'node:path';

export const cliPath = path.join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

export type CliResult = {readonly code: number | null; readonly stdout: string; readonly stderr: string};

/** Runs the built binary as a user would, without a terminal. `npm test` builds it first. */
export function runCli(args: readonly string[], options: {cwd?: string; input?: string; env?: Record<string, string | undefined>; timeout?: number} = {}): CliResult {
	const result = spawnSync(process.execPath, [cliPath, ...args], {
		cwd: options.cwd,
		input: options.input ?? '',
		encoding: 'utf8',
		timeout: options.timeout ?? 60_000,
		env: {...process.env, NO_COLOR: '1', ...options.env},
	});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}
