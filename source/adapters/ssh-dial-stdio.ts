/**
 * An engine behind ssh, reached the way the docker CLI reaches it: one `ssh ... -- host docker
 * system dial-stdio` process per connection, whose stdin and stdout carry the HTTP bytes. The
 * process is started from an argv array, never through a shell.
 */
import {spawn, type ChildProcessWithoutNullStreams} from 'node:child_process';
import {Duplex} from 'node:stream';
import {isSshHost, isSshUser} from './engine-endpoint.js';
import {sshDialFailure} from './engine-failure.js';

export type SshTarget = {
	readonly host: string;
	readonly port?: number;
	readonly user?: string;
};

/** How long ssh may take to connect, as the docker CLI sets it. */
const connectTimeoutSeconds = 30;

/**
 * ssh's arguments, after the program name. BatchMode: every connection is its own ssh process, so
 * a password prompt would come up once per connection, in the middle of the wizard's screen;
 * with it, ssh fails at once and the error names the way to fix it (a key in ssh-agent).
 */
export function sshDialArguments(target: SshTarget): string[] {
	if (!isSshHost(target.host)) {
		throw new Error(`"${target.host}" is not an ssh host name`);
	}

	if (target.user !== undefined && !isSshUser(target.user)) {
		throw new Error(`"${target.user}" is not an ssh user name`);
	}

	if (target.port !== undefined && !(Number.isInteger(target.port) && target.port > 0 && target.port < 65_536)) {
		throw new Error(`"${target.port}" is not a port`);
	}

	return [
		'-o', `ConnectTimeout=${connectTimeoutSeconds}`,
		'-o', 'BatchMode=yes',
		'-T',
		...(target.user === undefined ? [] : ['-l', target.user]),
		...(target.port === undefined ? [] : ['-p', String(target.port)]),
		'--',
		target.host,
		'docker', 'system', 'dial-stdio',
	];
}

/** What ssh printed on stderr is kept for the error, up to this much. */
const maximumStderrBytes = 4096;

/**
 * A connection for http.Agent: a Duplex over one ssh process's stdio, with the few net.Socket
 * methods the agent and the HTTP client call on a socket (keep-alive, timeouts, ref and unref).
 */
export class SshDialConnection extends Duplex {
	/** http.Agent compares this with its own timeout before it sets one. */
	timeout = 0;
	private readonly child: ChildProcessWithoutNullStreams;
	private stderr = '';
	private answered = false;

	constructor(target: SshTarget, program = 'ssh') {
		super({allowHalfOpen: false});
		this.child = spawn(program, sshDialArguments(target), {stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true});
		this.child.stdout.on('data', (data: Buffer) => {
			this.answered = true;
			if (!this.push(data)) {
				this.child.stdout.pause();
			}
		});
		this.child.stdout.on('end', () => {
			if (this.answered) {
				this.push(null);
			}
		});
		this.child.stderr.setEncoding('utf8').on('data', (text: string) => {
			if (this.stderr.length < maximumStderrBytes) {
				this.stderr += text;
			}
		});
		this.child.stdin.on('error', () => undefined);
		this.child.on('error', (error: NodeJS.ErrnoException) => {
			this.destroy(Object.assign(new Error(`cannot run ${program} (${error.code ?? error.message})`), {code: sshDialFailure}));
		});
		// Without an answer, the end waits for ssh's exit code: when ssh gave up, say what it said
		// rather than let the HTTP client report a bare "socket hang up".
		this.child.on('close', code => {
			if (this.answered || this.destroyed) {
				return;
			}

			if (code === 0) {
				this.push(null);
				return;
			}

			const said = this.stderr.trim().split('\n').at(-1) ?? '';
			this.destroy(Object.assign(new Error(`ssh exited with ${code ?? 'a signal'}${said ? `: ${said}` : ''}`), {code: sshDialFailure}));
		});
	}

	override _read(): void {
		this.child.stdout.resume();
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
		this.child.stdin.write(chunk, callback);
	}

	override _final(callback: (error?: Error | null) => void): void {
		this.child.stdin.end(callback);
	}

	override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
		this.child.stdin.destroy();
		this.child.stdout.destroy();
		this.child.stderr.destroy();
		if (this.child.exitCode === null && this.child.signalCode === null) {
			this.child.kill();
		}

		callback(error);
	}

	setKeepAlive(): this {
		return this;
	}

	/** What the HTTP client calls on a connection it will not keep: close once the last bytes are written. */
	destroySoon(): void {
		if (this.writable) {
			this.end();
		}

		if (this.writableFinished) {
			this.destroy();
		} else {
			this.once('finish', () => this.destroy());
		}
	}

	setNoDelay(): this {
		return this;
	}

	setTimeout(timeout: number, onTimeout?: () => void): this {
		// The client's requests carry their own timeouts and signals; an idle kept-alive connection needs none.
		this.timeout = timeout;
		if (onTimeout) {
			this.once('timeout', onTimeout);
		}

		return this;
	}

	/** A kept-alive connection must not keep the process alive. */
	unref(): this {
		this.child.unref();
		for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) {
			(stream as unknown as {unref?: () => void}).unref?.();
		}

		return this;
	}

	ref(): this {
		this.child.ref();
		for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) {
			(stream as unknown as {ref?: () => void}).ref?.();
		}

		return this;
	}
}
