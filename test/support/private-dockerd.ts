/**
 * A Docker engine of the suite's own, for the suites that stop and start one: a dockerd (with the
 * containerd it starts) whose data root, exec root, pid file, config and socket all live in one
 * temporary directory, without a bridge or iptables rules, so it shares nothing with the engine at
 * /var/run/docker.sock that every other suite uses. It needs root and dockerd; without them the
 * suite skips with the reason, or fails under UNBLOCK_REQUIRE_DOCKER=1.
 */
import {execFile, spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe} from 'vitest';
import {docker, ensureTestImage, removeTestResources, required, waitFor} from './docker-cli.js';

export type PrivateDockerd = {
	/** unix:///tmp/unblock-dockerd-XXXXXX/docker.sock */
	readonly host: string;
	/** Starts dockerd and waits until it answers, the busybox test image imported. */
	start(): Promise<void>;
	/**
	 * SIGTERM (as `systemctl stop docker` sends) or SIGKILL (a crash); resolves once dockerd has
	 * exited. On SIGTERM it takes new connections no more at once, answers what it was asked on
	 * the connections it has, and exits seconds later, its containers and containerd stopped.
	 */
	stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
	/** Whether the dockerd this suite started is running (not stopped or crashed by a test). */
	readonly running: boolean;
	/** The docker CLI against this engine. */
	docker(args: readonly string[], options?: {readonly allowFailure?: boolean}): string;
	/** Removes the containers this run labelled, stops dockerd and removes its directory. */
	dispose(): Promise<void>;
};

/** Why a dockerd of the suite's own cannot be started here, or undefined when it can. */
function unavailable(): string | undefined {
	if (process.getuid?.() !== 0) {
		return 'starting a dockerd needs root';
	}

	for (const [program, flag] of [['dockerd', '--version'], ['docker', '--version'], ['unshare', '--version']] as const) {
		if (spawnSync(program, [flag], {stdio: 'ignore', timeout: 15_000}).status !== 0) {
			return `${program} is not installed`;
		}
	}

	return undefined;
}

/**
 * `describe` for suites that need an engine of their own: runs them where root can start dockerd;
 * otherwise skips them with the reason, or fails loudly when UNBLOCK_REQUIRE_DOCKER=1.
 */
export function describeWithPrivateDockerd(name: string, body: (dockerd: PrivateDockerd) => void): void {
	const reason = unavailable();
	if (reason && required) {
		describe(name, () => {
			throw new Error(`UNBLOCK_REQUIRE_DOCKER=1 but this suite cannot start a Docker engine of its own: ${reason}.`);
		});
		return;
	}

	if (reason) {
		console.warn(`[unblock tests] skipping "${name}": it starts a Docker engine of its own and ${reason}. Set UNBLOCK_REQUIRE_DOCKER=1 to make this a failure.`);
	}

	describe.skipIf(reason !== undefined)(name, () => {
		body(privateDockerd());
	});
}

/** The directory is made when the suite starts the engine, not when it is only declared. */
function privateDockerd(): PrivateDockerd {
	let directory: string | undefined;
	let daemon: ChildProcess | undefined;
	let exited: Promise<void> = Promise.resolve();
	const self: PrivateDockerd = {
		get host() {
			// The path must be short: a unix socket's is at most 107 bytes, containerd's sits deeper.
			directory ??= mkdtempSync(path.join(os.tmpdir(), 'unblock-dockerd-'));
			return `unix://${path.join(directory, 'docker.sock')}`;
		},

		async start() {
			const {host} = self;
			const root = directory!;
			writeFileSync(path.join(root, 'daemon.json'), '{}\n');
			const log = openSync(path.join(root, 'dockerd.log'), 'a');
			// In a network namespace of its own: a second dockerd with `--bridge none` deletes the
			// host's docker0 bridge as it starts, and every other suite's containers need it.
			daemon = spawn('unshare', ['--net', 'dockerd',
				'--config-file', path.join(root, 'daemon.json'),
				'--data-root', path.join(root, 'data'),
				'--exec-root', path.join(root, 'exec'),
				'--pidfile', path.join(root, 'dockerd.pid'),
				'--host', host,
				'--bridge', 'none',
				'--iptables=false',
				'--ip6tables=false',
				'--shutdown-timeout', '1',
				'--log-level', 'warn',
			], {stdio: ['ignore', log, log]});
			closeSync(log);
			const child = daemon;
			exited = new Promise(resolve => {
				child.once('exit', () => {
					resolve();
				});
			});
			// Should the test process end without dispose, dockerd still shuts down as it should.
			process.once('exit', () => {
				if (running(child)) {
					child.kill('SIGTERM');
				}
			});
			const deadline = Date.now() + 60_000;
			while (!await answers(host)) {
				if (!running(child) || Date.now() > deadline) {
					throw new Error(`dockerd did not start: ${readFileSync(path.join(root, 'dockerd.log'), 'utf8').trim().split('\n').slice(-5).join('\n')}`);
				}

				await new Promise(resolve => setTimeout(resolve, 100));
			}

			ensureTestImage(['docker', '--host', host]);
		},

		get running() {
			return daemon !== undefined && running(daemon);
		},

		async stop(signal = 'SIGTERM') {
			daemon?.kill(signal);
			await exited;
			if (signal === 'SIGKILL') {
				await forgetCrashedContainerd(path.join(directory!, 'exec', 'containerd', 'containerd.pid'));
			}
		},

		docker(args, options = {}) {
			return docker(args, {host: self.host, allowFailure: options.allowFailure});
		},

		async dispose() {
			if (!directory) {
				return;
			}

			try {
				// Stopped or crashed by a test: started again, so its containers are removed the usual way.
				if (!self.running) {
					await self.start();
				}

				removeTestResources(self.host);
			} finally {
				await self.stop();
			}

			stopLeftovers(directory);
			rmSync(directory, {recursive: true, force: true});
		},
	};
	return self;
}

function running(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

async function answers(host: string): Promise<boolean> {
	return new Promise(resolve => {
		execFile('docker', ['--host', host, 'version', '--format', '{{.Server.Version}}'], {timeout: 5000}, error => {
			resolve(!error);
		});
	});
}

/**
 * The containerd a dockerd starts dies with it, but stays a zombie until init reaps it, and a
 * dockerd started meanwhile takes its pid file for a containerd still running and waits for it in
 * vain. Once it is dead, the pid file goes, so the next dockerd starts a containerd of its own.
 */
async function forgetCrashedContainerd(pidFile: string): Promise<void> {
	let pid = '';
	try {
		pid = readFileSync(pidFile, 'utf8').trim();
	} catch {
		return;
	}

	const alive = () => {
		try {
			// The third field of /proc/PID/stat is the state: Z for a zombie.
			return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[0] !== 'Z';
		} catch {
			return false;
		}
	};

	await waitFor(() => !alive(), 30_000, 50);
	rmSync(pidFile, {force: true});
}

/**
 * What a crashed dockerd leaves behind in its directory: container shims it started (they outlive
 * it by design) and the mounts of its data root. Only processes and mounts that name the
 * directory, which is this suite's alone.
 */
function stopLeftovers(directory: string): void {
	for (const pid of readdirSync('/proc').filter(entry => /^\d+$/.test(entry))) {
		let commandLine: string;
		try {
			commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
		} catch {
			continue;
		}

		if (commandLine.includes(directory)) {
			try {
				process.kill(Number(pid), 'SIGKILL');
			} catch {
				// It ended on its own meanwhile.
			}
		}
	}

	const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n')
		.map(line => line.split(' ')[4] ?? '')
		.filter(mountPoint => mountPoint.startsWith(`${directory}/`))
		// The deepest first: a mount inside another is unmounted before it.
		.sort((left, right) => right.length - left.length);
	for (const mountPoint of mounts) {
		spawnSync('umount', ['--lazy', mountPoint], {stdio: 'ignore'});
	}
}
