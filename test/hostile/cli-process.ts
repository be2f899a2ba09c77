/**
 * The built binary as a child process, without blocking the test worker (spawnSync would stall
 * vitest's own messages for as long as a slow run takes). `startCli` hands back the child so a
 * test can signal it; `runCliProcess` waits for it.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {cliPath} from '../support/run-cli.js';

export type CliRun = {
	readonly code: number | null;
	readonly signal: NodeJS.Signals | null;
	readonly stdout: string;
	readonly stderr: string;
	/** The run was stopped by the test's own deadline. */
	readonly timedOut: boolean;
};

export type CliOptions = {
	readonly cwd?: string;
	readonly input?: string | Buffer;
	readonly env?: Record<string, string | undefined>;
	/** Kill the run (SIGKILL) after this long; the result says timedOut. */
	readonly timeout?: number;
	/** Start it as the leader of its own process group, so the test can find and signal the group. */
	readonly detached?: boolean;
	readonly nodeOptions?: readonly string[];
};

export type StartedCli = {
	readonly child: ChildProcess;
	readonly done: Promise<CliRun>;
	/** Everything written to stdout and stderr so far. */
	output(): {stdout: string; stderr: string};
};

export function startCli(args: readonly string[], options: CliOptions = {}): StartedCli {
	const child = spawn(process.execPath, [...(options.nodeOptions ?? []), cliPath, ...args], {
		cwd: options.cwd,
		env: {...process.env, NO_COLOR: '1', ...options.env},
		stdio: ['pipe', 'pipe', 'pipe'],
		detached: options.detached ?? false,
	});
	let stdout = '';
	let stderr = '';
	child.stdout!.setEncoding('utf8').on('data', (text: string) => {
		stdout += text;
	});
	child.stderr!.setEncoding('utf8').on('data', (text: string) => {
		stderr += text;
	});
	child.stdin!.on('error', () => undefined);
	child.stdin!.end(options.input ?? '');

	let timedOut = false;
	const timer = options.timeout === undefined
		? undefined
		: setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, options.timeout);
	const done = new Promise<CliRun>(resolve => {
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({code, signal, stdout, stderr, timedOut});
		});
	});
	return {child, done, output: () => ({stdout, stderr})};
}

export async function runCliProcess(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
	return startCli(args, {timeout: 60_000, ...options}).done;
}
