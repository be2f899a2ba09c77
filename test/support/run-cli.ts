import {spawn, spawnSync} from 'node:child_process';
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

export type TimedLine = {readonly at: number; readonly text: string};
export type TimedCliResult = CliResult & {readonly lines: readonly TimedLine[]; readonly startedAt: number; readonly endedAt: number};

/**
 * Runs the built binary like runCli, but without blocking the test's event loop (so child
 * processes of the test stay reaped and its timers run), and notes when each stdout line came.
 */
export async function runCliTimed(args: readonly string[], options: {env?: Record<string, string | undefined>; timeout?: number} = {}): Promise<TimedCliResult> {
	const startedAt = Date.now();
	const child = spawn(process.execPath, [cliPath, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: options.timeout ?? 60_000,
		env: {...process.env, NO_COLOR: '1', ...options.env},
	});
	const lines: TimedLine[] = [];
	let stdout = '';
	let stderr = '';
	let partial = '';
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		const at = Date.now();
		stdout += chunk;
		const parts = (partial + chunk).split('\n');
		partial = parts.pop() ?? '';
		lines.push(...parts.map(text => ({at, text})));
	});
	child.stderr.on('data', (chunk: string) => {
		stderr += chunk;
	});
	const code = await new Promise<number | null>((resolve, reject) => {
		child.once('error', reject);
		child.once('close', resolve);
	});
	if (partial) {
		lines.push({at: Date.now(), text: partial});
	}

	return {code, stdout, stderr, lines, startedAt, endedAt: Date.now()};
}
