/**
 * Runs one command of a guided fix. Argv only: a script reaches here as ['sh', '-c', script] from
 * the plan, never through a shell of our own. The command gets its own process group, so stopping
 * it (Ctrl-C, timeout) ends everything it started. Output is streamed line by line, in the order
 * it was written, neutralised and redacted, and only the newest lines are kept.
 */
import {accessSync, constants, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';
import {untrustedLineCleaner} from '../core/clean-untrusted-text.js';
import {firstPlainLine, lastVersionOfLine} from '../core/neutralize-terminal-text.js';
import type {CommandOutcome, CommandResult, OutputLine} from '../core/command-result.js';

export type RunCommandOptions = {
	readonly timeoutSeconds: number;
	/** Aborting it stops the whole process group; the outcome is then "cancelled". */
	readonly signal?: AbortSignal;
	readonly onOutput?: (line: OutputLine) => void;
	/** The newest lines kept in the result. */
	readonly maximumLines?: number;
	/** At most this many characters of kept lines. */
	readonly maximumCharacters?: number;
	/** Time between SIGTERM and SIGKILL when stopping. */
	readonly killGraceMilliseconds?: number;
	readonly cwd?: string;
	/**
	 * Added to the inherited environment (undefined removes a variable), e.g. DOCKER_HOST so
	 * `docker` commands reach the engine of --host.
	 */
	readonly env?: Readonly<Record<string, string | undefined>>;
	/** Literal secret values (passwords from the environment) to redact wherever they appear. */
	readonly secrets?: readonly string[];
};

const defaultMaximumLines = 200;
const defaultMaximumCharacters = 64 * 1024;
const defaultKillGraceMilliseconds = 3000;
// A "line" longer than this without a newline is handed on in pieces.
const maximumPendingCharacters = 16 * 1024;
// How often to look whether the group is gone while a pipe is still open after the command exited.
const pipeWatchMilliseconds = 200;

export async function runCommand(argv: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
	const [file, ...args] = argv;
	const tail = new OutputTail(options.maximumLines ?? defaultMaximumLines, options.maximumCharacters ?? defaultMaximumCharacters);
	if (!file) {
		return {outcome: {kind: 'not-started', reason: 'the command is empty'}, output: [], truncated: false};
	}

	// Windows has no sh to merge the streams with: there they are read side by side, as they come.
	const mergeStreams = process.platform !== 'win32';
	const missing = mergeStreams ? programProblem(file, options) : undefined;
	if (missing) {
		return {outcome: {kind: 'not-started', reason: startFailure(file, missing, undefined)}, output: [], truncated: false};
	}

	// A private key printed over several lines is redacted whole.
	const clean = untrustedLineCleaner({secrets: options.secrets});
	const emit = (raw: string) => {
		const line = {text: clean(raw)};
		tail.push(line);
		options.onOutput?.(line);
	};

	let subprocess;
	try {
		// stderr into the same pipe as stdout, as a terminal shows them: two pipes are read a chunk
		// at a time each, and a command's error came out before the lines it printed first. sh only
		// sets up that one redirection and becomes the command (exec): argv reaches it unchanged.
		subprocess = execa(mergeStreams ? 'sh' : file, mergeStreams ? ['-c', 'exec "$@" 2>&1', 'sh', file, ...args] : args, {
			detached: true,
			stdin: 'ignore',
			buffer: false,
			reject: false,
			shell: false,
			cwd: options.cwd,
			env: options.env,
			windowsHide: true,
		});
	} catch (error) {
		// Refused before spawning, e.g. an argument with a NUL byte.
		return {outcome: {kind: 'not-started', reason: startFailure(file, undefined, (error as Error).message)}, output: [], truncated: false};
	}

	// With the streams merged, stderr carries only what sh itself says, should it fail before the command runs.
	const splitters = [new LineSplitter(emit), new LineSplitter(emit)] as const;
	subprocess.stdout?.on('data', (chunk: Uint8Array) => splitters[0].push(chunk));
	subprocess.stderr?.on('data', (chunk: Uint8Array) => splitters[1].push(chunk));

	const grace = options.killGraceMilliseconds ?? defaultKillGraceMilliseconds;
	const group = subprocess.pid;
	let stopping: 'timeout' | 'cancel' | undefined;
	let killTimer: ReturnType<typeof setTimeout> | undefined;
	const stop = (reason: 'timeout' | 'cancel') => {
		if (stopping || group === undefined) {
			return;
		}

		stopping = reason;
		signalGroup(group, 'SIGTERM', () => subprocess.kill('SIGTERM'));
		killTimer = setTimeout(() => signalGroup(group, 'SIGKILL', () => subprocess.kill('SIGKILL')), grace);
	};

	// A process that left the group (setsid, a daemon it started) can hold stdout open after the
	// command and its group have ended; no timeout or Ctrl-C reaches it, and waiting for its pipe
	// would hang the step. Once nothing of the group runs any more, the pipes are closed.
	let pipeTimer: ReturnType<typeof setTimeout> | undefined;
	const watchPipes = () => {
		pipeTimer = setTimeout(() => {
			if (group === undefined || !processGroupAlive(group)) {
				subprocess.stdout?.destroy();
				subprocess.stderr?.destroy();
			} else {
				watchPipes();
			}
		}, pipeWatchMilliseconds);
	};

	subprocess.once('exit', watchPipes);

	const deadline = AbortSignal.timeout(options.timeoutSeconds * 1000);
	const stopSignal = AbortSignal.any([deadline, ...(options.signal ? [options.signal] : [])]);
	const onAbort = () => stop(options.signal?.aborted ? 'cancel' : 'timeout');
	stopSignal.addEventListener('abort', onAbort, {once: true});
	if (stopSignal.aborted) {
		onAbort();
	}

	const result = await subprocess;
	clearTimeout(pipeTimer);
	stopSignal.removeEventListener('abort', onAbort);
	for (const splitter of splitters) {
		splitter.end();
	}

	if (stopping && group !== undefined) {
		// The leader is gone, but what it started may still be stopping; wait out the grace, then kill.
		await waitForGroupToEnd(group, grace);
		signalGroup(group, 'SIGKILL', () => undefined);
	}

	clearTimeout(killTimer);

	let outcome: CommandOutcome;
	if (result.exitCode === undefined && result.signal === undefined) {
		outcome = {kind: 'not-started', reason: startFailure(file, result.code, result.originalMessage ?? result.shortMessage)};
	} else if (stopping === 'cancel') {
		outcome = {kind: 'cancelled'};
	} else if (stopping === 'timeout') {
		outcome = {kind: 'timed-out', afterSeconds: options.timeoutSeconds};
	} else if (result.signal) {
		outcome = {kind: 'killed', signal: result.signal};
	} else {
		outcome = {kind: 'exited', exitCode: result.exitCode ?? 0};
	}

	return {outcome, output: tail.lines(), truncated: tail.truncated};
}

/**
 * Why `file` cannot be started, looked up as execvp would: a name with a slash is a path (from the
 * command's working directory), any other is searched in PATH. Through sh, a missing program would
 * be an exit code like any other; found here, the step says it was not started.
 */
function programProblem(file: string, options: Pick<RunCommandOptions, 'cwd' | 'env'>): 'ENOENT' | 'EACCES' | undefined {
	const cwd = options.cwd ?? process.cwd();
	const searchPath = options.env && 'PATH' in options.env ? options.env.PATH : process.env.PATH;
	const candidates = file.includes('/') ? [path.resolve(cwd, file)] : (searchPath ?? '').split(path.delimiter).map(folder => path.resolve(cwd, folder, file));
	let problem: 'ENOENT' | 'EACCES' = 'ENOENT';
	for (const candidate of candidates) {
		try {
			if (!statSync(candidate).isFile()) {
				continue;
			}

			accessSync(candidate, constants.X_OK);
			return undefined;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'EACCES') {
				problem = 'EACCES';
			}
		}
	}

	return problem;
}

function startFailure(file: string, code: string | undefined, message: string | undefined): string {
	if (code === 'ENOENT') {
		return `${file} was not found; is it installed and on the PATH?`;
	}

	if (code === 'EACCES') {
		return `${file} is not executable`;
	}

	return firstPlainLine(message ?? code ?? '') || 'unknown error';
}

function signalGroup(group: number, signal: NodeJS.Signals, fallback: () => void): void {
	if (process.platform === 'win32') {
		fallback();
		return;
	}

	try {
		process.kill(-group, signal);
	} catch {
		// ESRCH: the group is already gone.
	}
}

async function waitForGroupToEnd(group: number, milliseconds: number): Promise<void> {
	const deadline = Date.now() + milliseconds;
	while (processGroupAlive(group) && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

/**
 * Whether any process of the group still runs. On Linux zombies do not count: where PID 1 does
 * not reap orphans (many containers), killed children linger as zombies forever.
 */
function processGroupAlive(group: number): boolean {
	if (process.platform === 'linux') {
		try {
			return readdirSync('/proc').some(entry => /^\d+$/.test(entry) && isLiveMember(entry, group));
		} catch {
			// No /proc: fall through to kill(0).
		}
	}

	try {
		process.kill(-group, 0);
		return true;
	} catch {
		return false;
	}
}

function isLiveMember(pid: string, group: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// pid (comm) state ppid pgrp ...; comm may hold spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return Number(fields[2]) === group && fields[0] !== 'Z' && fields[0] !== 'X';
	} catch {
		return false;
	}
}

/**
 * Splits a byte stream into lines, decoding UTF-8 across chunk borders. Each line is what a
 * terminal would leave of it: CRLF ends a line, and a carriage return within one (a progress bar)
 * is followed by a new version of it.
 */
class LineSplitter {
	private readonly decoder = new TextDecoder('utf-8', {fatal: false});
	private pending = '';

	constructor(private readonly onLine: (text: string) => void) {}

	push(chunk: Uint8Array): void {
		this.pending += this.decoder.decode(chunk, {stream: true});
		let newline = this.pending.indexOf('\n');
		while (newline >= 0) {
			this.onLine(lastVersionOfLine(this.pending.slice(0, newline)));
			this.pending = this.pending.slice(newline + 1);
			newline = this.pending.indexOf('\n');
		}

		if (this.pending.length > maximumPendingCharacters) {
			this.onLine(lastVersionOfLine(this.pending));
			this.pending = '';
		}
	}

	end(): void {
		this.pending += this.decoder.decode();
		if (this.pending !== '') {
			this.onLine(lastVersionOfLine(this.pending));
			this.pending = '';
		}
	}
}

/** The newest lines, within a line and a character budget. */
class OutputTail {
	truncated = false;
	private readonly kept: OutputLine[] = [];
	private characters = 0;

	constructor(private readonly maximumLines: number, private readonly maximumCharacters: number) {}

	push(line: OutputLine): void {
		this.kept.push(line);
		this.characters += line.text.length;
		while (this.kept.length > this.maximumLines || (this.characters > this.maximumCharacters && this.kept.length > 1)) {
			this.characters -= this.kept.shift()!.text.length;
			this.truncated = true;
		}
	}

	lines(): OutputLine[] {
		return [...this.kept];
	}
}
