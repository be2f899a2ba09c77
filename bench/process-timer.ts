/**
 * Whole-process timing: spawn an argv (never a shell string), drain its output, and measure from
 * spawn until its output closes, or until a pattern appears in it. Measured command and baseline
 * take turns run by run, so whatever else the machine is doing hits both.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {performance} from 'node:perf_hooks';
import {stripVTControlCharacters} from 'node:util';
import {killProcessTree} from './process-tree.js';

export type TimedCommand = {
	readonly label: string;
	readonly argv: readonly [string, ...string[]];
	readonly cwd?: string;
	readonly env: NodeJS.ProcessEnv;
	/** Exit codes that mean the command did its job (diagnose exits 1 when something is broken). */
	readonly okExitCodes?: readonly number[];
	/** A pipe on stdin that stays open (a pty wrapper reads it); otherwise stdin is /dev/null. */
	readonly keepStdinOpen?: boolean;
};

export class ProcessFailure extends Error {
	constructor(readonly command: TimedCommand, detail: string) {
		super(`${command.label} failed: ${detail}`);
		this.name = 'ProcessFailure';
	}
}

const running = new Set<ChildProcess>();

/** Kills whatever the benchmark has running (Ctrl-C, an error): a pty's child included. */
export function stopRunningProcesses(): void {
	for (const child of running) {
		if (child.pid !== undefined) {
			killProcessTree(child.pid);
		}
	}
}

export type WatchOptions<T> = {
	/** Stop at the first output that matches (ANSI codes removed); without it, wait for the process to end. */
	readonly until?: RegExp;
	/** Called the moment the pattern appears, before the process is stopped. */
	readonly atMatch?: (pid: number) => T;
	readonly timeoutMs?: number;
};

export type WatchResult<T> = {
	readonly elapsedMs: number;
	readonly matched?: T | true;
};

/**
 * Runs a command to its end, or until `until` shows in its output, and then kills its process
 * tree. The time is from just before spawn until the output closed, or until the match.
 */
export async function watchProcess<T>(command: TimedCommand, options: WatchOptions<T> = {}): Promise<WatchResult<T>> {
	const [file, ...args] = command.argv;
	return new Promise((resolve, reject) => {
		let output = '';
		let errorTail = '';
		let matched: T | true | undefined;
		let matchedAt: number | undefined;
		const started = performance.now();
		// Its own process group, so Ctrl-C at the terminal reaches only the benchmark, which then cleans up.
		const child = spawn(file, args, {cwd: command.cwd, env: command.env, stdio: [command.keepStdinOpen ? 'pipe' : 'ignore', 'pipe', 'pipe'], detached: true});
		running.add(child);
		let failure: string | undefined;
		const timeoutMs = options.timeoutMs ?? 120_000;
		const timer = setTimeout(() => {
			failure = `no ${options.until ? `"${options.until.source}" in its output` : 'exit'} within ${timeoutMs} ms`;
			stop();
		}, timeoutMs);

		const stop = () => {
			if (child.pid !== undefined) {
				killProcessTree(child.pid);
			}
		};

		child.stdout?.on('data', (chunk: Buffer) => {
			if (!options.until || matchedAt !== undefined) {
				return;
			}

			// The pattern is looked for in the whole chunk (one frame can be many kilobytes) and in what
			// came just before it, for a line split across chunks; only that tail is kept.
			const text = output + stripVTControlCharacters(chunk.toString('utf8'));
			output = text.slice(-4096);
			if (options.until.test(text)) {
				matchedAt = performance.now();
				matched = options.atMatch && child.pid !== undefined ? options.atMatch(child.pid) : true;
				stop();
			}
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			errorTail = (errorTail + chunk.toString('utf8')).slice(-2000);
		});
		child.on('error', error => {
			failure = error.message;
		});
		child.on('close', code => {
			const endedAt = performance.now();
			clearTimeout(timer);
			running.delete(child);
			child.stdin?.destroy();
			if (failure) {
				reject(new ProcessFailure(command, failure));
			} else if (options.until && matchedAt === undefined) {
				reject(new ProcessFailure(command, `it ended (exit ${code}) before "${options.until.source}" appeared: ${lastLine(errorTail || output)}`));
			} else if (matchedAt === undefined && !(command.okExitCodes ?? [0]).includes(code ?? -1)) {
				reject(new ProcessFailure(command, `exit ${code}: ${lastLine(errorTail || output)}`));
			} else {
				resolve({elapsedMs: (matchedAt ?? endedAt) - started, ...(matched === undefined ? {} : {matched})});
			}
		});
	});
}

export async function timeProcess(command: TimedCommand): Promise<number> {
	return (await watchProcess(command)).elapsedMs;
}

export type Side = 'measured' | 'baseline';

/** The order of runs: warm-up rounds first (untimed), then timed ones, each round both sides, alternating which goes first. */
export function interleavedOrder(runs: number, warmup: number): Array<{readonly side: Side; readonly timed: boolean}> {
	const order: Array<{side: Side; timed: boolean}> = [];
	for (let round = 0; round < warmup + runs; round++) {
		const timed = round >= warmup;
		const sides: Side[] = round % 2 === 0 ? ['measured', 'baseline'] : ['baseline', 'measured'];
		order.push(...sides.map(side => ({side, timed})));
	}

	return order;
}

export type PairedSamples = Record<Side, number[]>;

/** Runs both sides in interleavedOrder and returns the timed samples of each. */
export async function timeInterleaved(runs: number, warmup: number, measure: Record<Side, () => Promise<number>>): Promise<PairedSamples> {
	const samples: PairedSamples = {measured: [], baseline: []};
	for (const {side, timed} of interleavedOrder(runs, warmup)) {
		const elapsed = await measure[side]();
		if (timed) {
			samples[side].push(elapsed);
		}
	}

	return samples;
}

function lastLine(text: string): string {
	return stripVTControlCharacters(text).trim().split('\n').at(-1)?.slice(0, 300) ?? '';
}
