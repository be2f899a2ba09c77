/**
 * The seeds' failures, reproduced as real containers on the real engine with the busybox test
 * image, plus containers that must not be reported. The diagnose integration test runs them and
 * checks what is found; test/fixtures/engine/record-fixtures.ts records them for the detector
 * unit tests. Every container carries the run's label and the scenario's compose project.
 */
import {spawn, type ChildProcess} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {docker, inspectState, labelArgs, restartCount, rootOwnedDirectory, testImage, uniqueName} from '../support/docker-cli.js';

export type Expectation =
	| {readonly reported: false}
	| {
		readonly reported: true;
		readonly symptom: string;
		/** The cause the first (or, with top 3, one of the first three) matches must have; absent: not asserted. */
		readonly cause?: string;
		readonly within?: 1 | 3;
		/** An evidence line that must be there, exactly. */
		readonly evidence?: (names: ScenarioNames) => string;
		/** Facts the finding must carry for its fix (a value, or a pattern the value matches). */
		readonly facts?: Readonly<Record<string, string | RegExp>>;
	};

export type ScenarioNames = {
	/** The container the expectation is about. */
	readonly subject: string;
	/** Other containers the scenario created (the port holder, the dependency). */
	readonly others: readonly string[];
	readonly port?: number;
	readonly pid?: number;
	readonly network?: string;
	readonly cluster?: string;
};

export type ScenarioContext = {
	readonly project: string;
	readonly labels: (service: string, extra?: Record<string, string>) => string[];
	/** Cleanups run after the suite, last first. */
	readonly defer: (cleanup: () => void | Promise<void>) => void;
};

export type Reproduction = {
	readonly id: string;
	readonly title: string;
	readonly setup: (context: ScenarioContext) => Promise<ScenarioNames>;
	/** The failure has fully shown (enough restarts, unhealthy, exited...). */
	readonly ready: (names: ScenarioNames) => boolean;
	/** What the user does last, right before unblock looks (a `docker stop`). */
	readonly beforeDiagnose?: (names: ScenarioNames) => void;
	readonly expected: Expectation;
};

const run = (args: readonly string[]) => docker(['run', '-d', ...args]);
/** `docker run` of a container the engine refuses to start: the failure is the point. */
const runFailing = (args: readonly string[]) => docker(['run', '-d', ...args], {allowFailure: true});

function state(name: string): ReturnType<typeof inspectState> | undefined {
	try {
		return inspectState(name);
	} catch {
		return undefined;
	}
}

const startedAt = (name: string): number => Date.parse(docker(['inspect', '--format', '{{.State.StartedAt}}', name], {allowFailure: true}));
/** Running for at least this long: what a detector waits for before it says nothing listens or a failure keeps repeating. */
const runningFor = (seconds: number) => (names: ScenarioNames) => state(names.subject)?.Status === 'running' && Date.now() - startedAt(names.subject) >= seconds * 1000;
const restartedAtLeast = (count: number) => (names: ScenarioNames) => restartCount(names.subject) >= count && state(names.subject)?.Status !== 'running';
const hasStatus = (status: string) => (names: ScenarioNames) => state(names.subject)?.Status === status;

/** A free high port: the OS picks one, then lets it go. */
export async function freePort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>(resolve => server.listen(0, '0.0.0.0', resolve));
	const {port} = server.address() as net.AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

/**
 * A node process on the host holding `port`, stopped by its own pid. `as` names the program the
 * process says it is (its argv[0], as /proc shows it), with its arguments: a forgotten
 * `kubectl port-forward` or `ssh -L`.
 */
async function holdPortOnHost(port: number, as?: {program: string; args: readonly string[]; address: string}): Promise<ChildProcess> {
	const code = `require('node:net').createServer().listen(${port}, ${JSON.stringify(as?.address ?? '0.0.0.0')}, () => console.log('listening'))`;
	const child = as
		// After `--` node reads no more options of its own, so `-L` and `-N` are left to the script.
		? spawn(process.execPath, ['-e', code, '--', ...as.args], {stdio: ['ignore', 'pipe', 'inherit'], argv0: as.program})
		: spawn(process.execPath, ['-e', code], {stdio: ['ignore', 'pipe', 'inherit']});
	await new Promise<void>((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', code => reject(new Error(`the port holder exited with ${code}`)));
	});
	return child;
}

/** A user-defined network for a scenario's containers, as compose makes one per project. */
export function projectNetwork(purpose: string, project: string): string {
	const name = uniqueName(purpose);
	docker(['network', 'create', ...labelArgs({'com.docker.compose.project': project}), name]);
	return name;
}

export function temporaryDirectory(purpose: string, defer: ScenarioContext['defer']): string {
	const directory = mkdtempSync(path.join(os.tmpdir(), `unblock-test-${purpose}-`));
	defer(() => rmSync(directory, {recursive: true, force: true}));
	return directory;
}

function rootOwned(purpose: string, defer: ScenarioContext['defer']): string {
	const directory = rootOwnedDirectory(purpose);
	defer(() => rmSync(directory, {recursive: true, force: true}));
	return directory;
}

const celeryBeat = `echo "celery beat v5.3.6 (emerald-rush) is starting."
if ! (: > celerybeat-schedule) 2>/dev/null; then
  echo 'Traceback (most recent call last):' >&2
  echo '  File "/usr/local/lib/python3.11/shelve.py", line 243, in __init__' >&2
  echo "PermissionError: [Errno 13] Permission denied: 'celerybeat-schedule'" >&2
  exit 1
fi
sleep 600`;

const nextTrace = `echo '   ▲ Next.js 14.2.3'
if ! (: > /app/.next/trace) 2>/dev/null; then
  printf "[Error: EACCES: permission denied, open '/app/.next/trace'] {\\n  errno: -13,\\n  code: 'EACCES',\\n  syscall: 'open',\\n  path: '/app/.next/trace'\\n}\\n" >&2
  exit 1
fi
sleep 600`;

const mongoLock = `echo '{"t":{"$date":"2025-01-15T10:00:00.000+00:00"},"s":"I","c":"CONTROL","id":20698,"ctx":"main","msg":"***** SERVER RESTARTED *****"}'
echo '{"t":{"$date":"2025-01-15T10:00:00.100+00:00"},"s":"E","c":"STORAGE","id":20557,"ctx":"initandlisten","msg":"DBException in initAndListen, terminating","attr":{"error":"DBPathInUse: Unable to lock the lock file: /bitnami/mongodb/data/db/mongod.lock (Resource temporarily unavailable). Another mongod instance is already running on the /bitnami/mongodb/data/db directory"}}'
exit 100`;

const noisy = `while true; do
  echo "ERROR: upstream connection refused, retrying in 1s"
  echo "Traceback (most recent call last): handled, continuing" >&2
  sleep 1
done`;

/** A client that keeps dialling where nothing answers, and says so the way its library would. */
export const dialLoop = (target: string, port: number, message: string) => `while true; do
  if ! nc ${target} ${port} </dev/null 2>/dev/null; then echo '${message}' >&2; fi
  sleep 1
done`;

const recoveringClient = `i=0
while [ $i -lt 17 ]; do echo "Error: connect ECONNREFUSED 10.0.0.9:5432" >&2; sleep 1; i=$((i+1)); done
echo "connected to postgres at 10.0.0.9:5432"
while true; do echo "processed batch"; sleep 5; done`;

const replicaBootstrap = `echo "2025-01-15 10:00:00,000 INFO: trying to bootstrap from leader 'patroni1'"
if ! mkdir /var/lib/postgresql/data/pgroot 2>/dev/null; then
  echo 'pg_basebackup: error: could not create directory "/var/lib/postgresql/data/pgroot": Permission denied' >&2
  echo "2025-01-15 10:00:01,000 ERROR: Error creating replica using method basebackup: command failed" >&2
  exit 1
fi
sleep 600`;

const patroniStatus = `mkdir -p /www && printf '{"state": "running", "role": "replica"}' > /www/patroni && exec httpd -f -p 0.0.0.0:8008 -h /www`;

/**
 * A container that cannot publish its port because a host process holds it, one that says it is
 * another program (argv[0] and its arguments, as /proc shows them) and listens on 127.0.0.1 as a
 * forward does: port-forward-orphan must come first, the holder named with its pid.
 */
function portHeldBy(scenario: {id: string; title: string; service: string; containerPort: number; holder: (port: number) => {program: string; args: readonly string[]}; heldBy: string}): Reproduction {
	return {
		id: scenario.id,
		title: scenario.title,
		async setup({labels, defer}) {
			const port = await freePort();
			const holder = await holdPortOnHost(port, {...scenario.holder(port), address: '127.0.0.1'});
			defer(() => {
				holder.kill();
			});
			const subject = uniqueName(scenario.service);
			runFailing(['--name', subject, ...labels(scenario.service), '-p', `${port}:${scenario.containerPort}`, testImage, 'sleep', '600']);
			return {subject, others: [], port, pid: holder.pid};
		},
		ready: hasStatus('created'),
		expected: {
			reported: true,
			symptom: 'port-conflict',
			cause: 'port-forward-orphan',
			within: 1,
			evidence: names => `host port ${names.port} is already taken: held by ${scenario.heldBy} (pid ${names.pid})`,
		},
	};
}

export const reproductions: readonly Reproduction[] = [
	{
		id: 'celery-beat-schedule-permission',
		title: 'celery beat as uid 1000 cannot write its schedule in a root-owned bind mount, in a restart loop',
		async setup({labels, defer}) {
			const subject = uniqueName('celery-beat');
			const directory = rootOwned('celery', defer);
			run(['--name', subject, ...labels('celery-beat'), '--restart', 'always', '--user', '1000', '-w', '/app/data', '-v', `${directory}:/app/data`, testImage, 'sh', '-c', celeryBeat]);
			return {subject, others: []};
		},
		ready: restartedAtLeast(3),
		// First: app-crash-on-startup's bare "Traceback" signature is marked generic, so the specific
		// "PermissionError: [Errno 13]" one outranks it.
		expected: {reported: true, symptom: 'restart-loop', cause: 'volume-permission-uid-mismatch', within: 1},
	},
	{
		id: 'nextjs-trace-permission',
		title: 'Next.js as uid 1000 cannot write .next/trace in a root-owned bind mount, in a restart loop',
		async setup({labels, defer}) {
			const subject = uniqueName('frontend');
			const directory = rootOwned('next', defer);
			run(['--name', subject, ...labels('frontend'), '--restart', 'always', '--user', '1000', '-v', `${directory}:/app/.next`, testImage, 'sh', '-c', nextTrace]);
			return {subject, others: []};
		},
		ready: restartedAtLeast(3),
		expected: {
			reported: true,
			symptom: 'restart-loop',
			cause: 'volume-permission-uid-mismatch',
			within: 1,
			evidence: () => 'log: [Error: EACCES: permission denied, open \'/app/.next/trace\'] {',
		},
	},
	{
		id: 'healthcheck-curl-missing',
		title: 'a health check that calls curl in an image without it',
		async setup({labels}) {
			const subject = uniqueName('qdrant');
			run(['--name', subject, ...labels('qdrant'), '--health-cmd', 'curl -fsS http://localhost:6333/healthz', '--health-interval', '1s', '--health-retries', '2', '--health-timeout', '2s', testImage, 'sh', '-c', 'echo "Qdrant HTTP listening on 6333"; sleep 600']);
			return {subject, others: []};
		},
		ready: names => state(names.subject)?.Health?.Status === 'unhealthy',
		expected: {reported: true, symptom: 'unhealthy', cause: 'healthcheck-tool-missing', within: 1, evidence: () => 'probe output (exit 127): /bin/sh: curl: not found'},
	},
	{
		id: 'oom-killed',
		title: 'a 16 MiB memory limit that the process outgrows',
		async setup({labels}) {
			const subject = uniqueName('oom');
			run(['--name', subject, ...labels('worker'), '--memory', '16m', '--memory-swap', '16m', testImage, 'sh', '-c', 'echo loading model; x=0123456789abcdef; while true; do x="$x$x"; done']);
			return {subject, others: []};
		},
		ready: hasStatus('exited'),
		expected: {reported: true, symptom: 'oom-killed', cause: 'oom-killed', within: 1, evidence: () => 'memory limit: 16 MiB'},
	},
	{
		id: 'oom-killed-loop',
		title: 'a worker the kernel kills for memory on every run, in a restart loop (running or waiting to restart when looked at)',
		async setup({labels}) {
			const subject = uniqueName('oom-loop');
			run(['--name', subject, ...labels('worker'), '--restart', 'always', '--memory', '16m', '--memory-swap', '16m', testImage, 'sh', '-c', 'echo warming up; sleep 4; x=0123456789abcdef; while true; do x="$x$x"; done']);
			return {subject, others: []};
		},
		ready: names => restartCount(names.subject) >= 2,
		expected: {reported: true, symptom: 'oom-killed', cause: 'oom-killed', within: 1, evidence: () => 'memory limit: 16 MiB'},
	},
	{
		id: 'server-goes-to-background',
		title: 'a start script that puts its server in the background and ends, under restart: always',
		async setup({labels}) {
			const subject = uniqueName('mongo');
			run(['--name', subject, ...labels('mongo'), '--restart', 'always', testImage, 'sh', '-c', '(sleep 600 &); echo "child process started successfully, parent exiting"; exit 0']);
			return {subject, others: []};
		},
		ready: restartedAtLeast(3),
		expected: {reported: true, symptom: 'restart-loop', cause: 'no-foreground-process', within: 1},
	},
	{
		id: 'uploads-denied-while-up',
		title: 'an uploader as uid 1000 that stays Up but keeps failing to write its root-owned bind mount',
		async setup({labels, defer}) {
			const subject = uniqueName('uploader');
			const directory = rootOwned('uploads', defer);
			run(['--name', subject, ...labels('uploader'), '--user', '1000', '-v', `${directory}:/data`, testImage, 'sh', '-c',
				'while true; do (: > /data/upload.part) 2>/dev/null || echo "ERROR: could not save /data/upload.part: Permission denied" >&2; sleep 1; done']);
			return {subject, others: []};
		},
		ready: runningFor(17),
		expected: {reported: true, symptom: 'failing-while-running', cause: 'volume-permission-uid-mismatch', within: 1},
	},
	{
		id: 'name-on-default-bridge',
		title: 'two containers started with docker run on the default bridge: one dials the other by name',
		async setup({labels}) {
			const subject = uniqueName('api');
			const database = uniqueName('db');
			// Compose labels, but `docker run` without --network: both are on the default bridge.
			run(['--name', database, ...labels('bridge-db'), testImage, 'sleep', '600']);
			run(['--name', subject, ...labels('bridge-api'), testImage, 'sh', '-c', `while true; do nslookup ${database} >/dev/null 2>&1 && echo "connected to ${database}" || echo "Error: getaddrinfo ENOTFOUND ${database}" >&2; sleep 1; done`]);
			return {subject, others: [database]};
		},
		ready: runningFor(17),
		expected: {
			reported: true,
			symptom: 'failing-while-running',
			cause: 'service-hostname-unresolvable',
			within: 1,
			evidence: names => `dials ${names.others[0]}, but container ${names.others[0]} and this one share only the default bridge network, where container names do not resolve`,
		},
	},
	{
		id: 'command-not-found',
		title: 'a command that is not in the image',
		async setup({labels}) {
			const subject = uniqueName('beat');
			runFailing(['--name', subject, ...labels('beat'), '-e', 'PATH=/usr/local/bin:/bin', testImage, 'celery', '-A', 'app', 'beat']);
			return {subject, others: []};
		},
		ready: hasStatus('created'),
		expected: {reported: true, symptom: 'never-started', cause: 'command-not-found', within: 1, evidence: () => 'celery is in none of the container\'s PATH folders (/usr/local/bin:/bin)'},
	},
	{
		id: 'script-not-in-image',
		title: 'a start script named by the entrypoint that the image does not have',
		async setup({labels}) {
			const subject = uniqueName('worker');
			runFailing(['--name', subject, ...labels('worker'), '-e', 'PATH=/usr/local/bin:/bin', '--entrypoint', 'start-worker.sh', testImage]);
			return {subject, others: []};
		},
		ready: hasStatus('created'),
		expected: {reported: true, symptom: 'never-started', cause: 'command-not-found', within: 1, evidence: () => 'start-worker.sh is in none of the container\'s PATH folders (/usr/local/bin:/bin)'},
	},
	{
		id: 'script-in-path-not-executable',
		title: 'a start script in a PATH folder without its execute bit (the runtime says "not found in $PATH")',
		async setup({labels, defer}) {
			const subject = uniqueName('worker');
			const directory = temporaryDirectory('script', defer);
			const script = path.join(directory, 'start-worker.sh');
			writeFileSync(script, '#!/bin/sh\nexec sleep 600\n');
			chmodSync(script, 0o644);
			// As a COPY without --chmod leaves it: in the image, on PATH, mode 644.
			docker(['create', '--name', subject, ...labels('worker'), '-e', 'PATH=/usr/local/bin:/bin', '--entrypoint', 'start-worker.sh', testImage]);
			docker(['cp', script, `${subject}:/bin/start-worker.sh`]);
			docker(['start', subject], {allowFailure: true});
			return {subject, others: []};
		},
		ready: hasStatus('created'),
		expected: {
			reported: true,
			symptom: 'never-started',
			cause: 'entrypoint-not-executable',
			within: 1,
			evidence: () => 'start-worker.sh is at /bin/start-worker.sh in the container (mode 644), but not executable',
			facts: {script: '/bin/start-worker.sh'},
		},
	},
	{
		id: 'crlf-entrypoint',
		title: 'an entrypoint script with Windows line endings',
		async setup({labels, defer}) {
			const subject = uniqueName('crlf');
			const directory = temporaryDirectory('crlf', defer);
			const script = path.join(directory, 'docker-entrypoint.sh');
			writeFileSync(script, '#!/bin/sh\r\nset -e\r\nexec "$@"\r\n');
			chmodSync(script, 0o755);
			run(['--name', subject, ...labels('api'), '-v', `${directory}:/scripts:ro`, '--entrypoint', '/scripts/docker-entrypoint.sh', testImage, 'sleep', '600']);
			return {subject, others: []};
		},
		ready: hasStatus('exited'),
		// The fix converts the very file the bind mount puts at the entrypoint's path.
		expected: {
			reported: true,
			symptom: 'exited-with-error',
			cause: 'crlf-line-endings',
			within: 1,
			evidence: () => 'the script /scripts/docker-entrypoint.sh has Windows (CRLF) line endings',
			facts: {script: '/scripts/docker-entrypoint.sh', 'host-script': /^\/.+\/docker-entrypoint\.sh$/},
		},
	},
	{
		id: 'bash-script-in-image-without-bash',
		title: 'a script whose first line asks for bash, in an image that has only sh (the runtime says "no such file or directory")',
		async setup({labels, defer}) {
			const subject = uniqueName('migrate');
			const directory = temporaryDirectory('bash-script', defer);
			const script = path.join(directory, 'migrate.sh');
			writeFileSync(script, '#!/bin/bash\nset -euo pipefail\nexec sleep 600\n');
			chmodSync(script, 0o755);
			run(['--name', subject, ...labels('migrate'), '-v', `${directory}:/scripts:ro`, '--entrypoint', '/scripts/migrate.sh', testImage]);
			return {subject, others: []};
		},
		ready: hasStatus('exited'),
		expected: {reported: true, symptom: 'exited-with-error', cause: 'shell-missing-in-image', within: 1, evidence: () => 'the script /scripts/migrate.sh starts with #!/bin/bash, and /bin/bash is not in the container'},
	},
	{
		id: 'bash-entrypoint-without-bash',
		title: 'an entrypoint of bash in an image that has only sh',
		async setup({labels}) {
			const subject = uniqueName('tools');
			runFailing(['--name', subject, ...labels('tools'), '-e', 'PATH=/usr/local/bin:/bin', '--entrypoint', 'bash', testImage, '-c', 'echo ready']);
			return {subject, others: []};
		},
		ready: hasStatus('created'),
		expected: {reported: true, symptom: 'never-started', cause: 'shell-missing-in-image', within: 1, evidence: () => 'bash is in none of the container\'s PATH folders (/usr/local/bin:/bin)'},
	},
	{
		id: 'port-taken-by-container',
		title: 'a second container on a host port another container already publishes',
		async setup({labels}) {
			const port = await freePort();
			const holder = uniqueName('holder');
			const subject = uniqueName('web');
			run(['--name', holder, ...labels('old-web'), '-p', `${port}:80`, testImage, 'sleep', '600']);
			runFailing(['--name', subject, ...labels('web'), '-p', `${port}:80`, testImage, 'sleep', '600']);
			return {subject, others: [holder], port};
		},
		ready: hasStatus('created'),
		expected: {reported: true, symptom: 'port-conflict', cause: 'host-port-conflict', within: 1, evidence: names => `host port ${names.port} is already taken: held by container ${names.others[0]}`},
	},
	{
		id: 'port-taken-by-host-process',
		title: 'a container publishing a port a host process listens on',
		async setup({labels, defer}) {
			const port = await freePort();
			const holder = await holdPortOnHost(port);
			defer(() => {
				holder.kill();
			});
			const subject = uniqueName('api');
			runFailing(['--name', subject, ...labels('api'), '-p', `${port}:80`, testImage, 'sleep', '600']);
			return {subject, others: [], port, pid: holder.pid};
		},
		ready: hasStatus('created'),
		expected: {
			reported: true,
			symptom: 'port-conflict',
			cause: 'host-port-conflict',
			within: 1,
			evidence: names => `host port ${names.port} is already taken: held by host process node (pid ${names.pid})`,
		},
	},
	{
		id: 'mongodb-lock-file-loop',
		title: 'MongoDB-style DBPathInUse lock-file error, exit 100, in a restart loop',
		async setup({labels}) {
			const subject = uniqueName('mongodb');
			run(['--name', subject, ...labels('mongodb'), '--restart', 'always', testImage, 'sh', '-c', mongoLock]);
			return {subject, others: []};
		},
		ready: restartedAtLeast(3),
		expected: {reported: true, symptom: 'restart-loop', cause: 'db-lock-file-in-use', within: 1},
	},
	{
		id: 'dependency-unhealthy',
		title: 'a service that never starts because the database it depends on is unhealthy',
		async setup({labels}) {
			const database = uniqueName('db');
			const subject = uniqueName('app');
			run(['--name', database, ...labels('db'), '--health-cmd', 'echo "db not accepting connections"; exit 1', '--health-interval', '1s', '--health-retries', '2', testImage, 'sleep', '600']);
			docker(['create', '--name', subject, ...labels('app', {'com.docker.compose.depends_on': 'db:service_healthy:false'}), testImage, 'sleep', '600']);
			return {subject, others: [database]};
		},
		ready: names => state(names.others[0] ?? '')?.Health?.Status === 'unhealthy',
		expected: {reported: true, symptom: 'dependency-not-ready', evidence: names => `depends on db: container ${names.others[0]} is unhealthy`},
	},
	{
		id: 'app-binds-loopback',
		title: 'a web server that listens on 127.0.0.1 inside its container behind a published port',
		async setup({labels}) {
			const port = await freePort();
			const subject = uniqueName('web');
			run(['--name', subject, ...labels('web'), '-p', `${port}:8080`, testImage, 'httpd', '-f', '-p', '127.0.0.1:8080']);
			return {subject, others: [], port};
		},
		ready: hasStatus('running'),
		expected: {
			reported: true,
			symptom: 'unreachable-port',
			cause: 'app-binds-loopback-in-container',
			within: 1,
			evidence: names => `publishes ${names.port}->8080, but the process listens on 127.0.0.1:8080 only`,
		},
	},
	{
		id: 'published-port-not-served',
		title: 'a published container port nothing listens on, while the server listens on another',
		async setup({labels}) {
			const port = await freePort();
			const subject = uniqueName('api');
			run(['--name', subject, ...labels('api'), '-p', `${port}:8080`, testImage, 'httpd', '-f', '-p', '0.0.0.0:3000']);
			return {subject, others: [], port};
		},
		ready: runningFor(16),
		expected: {
			reported: true,
			symptom: 'unreachable-port',
			cause: 'service-port-not-published',
			within: 1,
			evidence: names => `publishes ${names.port}->8080, but nothing in the container listens on port 8080; it listens on 0.0.0.0:3000, which is not published`,
		},
	},
	{
		id: 'healthcheck-probes-wrong-port',
		title: 'a health check that probes port 8080 of a server listening on 3000',
		async setup({labels}) {
			const subject = uniqueName('site');
			run(['--name', subject, ...labels('site'), '--health-cmd', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1', '--health-interval', '1s', '--health-retries', '2', testImage, 'httpd', '-f', '-p', '0.0.0.0:3000']);
			return {subject, others: []};
		},
		ready: names => state(names.subject)?.Health?.Status === 'unhealthy' && runningFor(16)(names),
		expected: {
			reported: true,
			symptom: 'unhealthy',
			cause: 'healthcheck-wrong-port',
			within: 1,
			evidence: () => 'the health check probes port 8080, where nothing in the container listens; it listens on 0.0.0.0:3000',
		},
	},
	{
		id: 'healthcheck-greps-json',
		title: 'a health check that greps "state":"running" from JSON written with a space after the colon',
		async setup({labels}) {
			const subject = uniqueName('patroni');
			run(['--name', subject, ...labels('patroni'), '--health-cmd', 'wget -q -O- http://127.0.0.1:8008/patroni | grep -q \'"state":"running"\'', '--health-interval', '1s', '--health-retries', '2', testImage, 'sh', '-c', patroniStatus]);
			return {subject, others: []};
		},
		ready: names => state(names.subject)?.Health?.Status === 'unhealthy',
		expected: {reported: true, symptom: 'unhealthy', cause: 'healthcheck-output-parsing', within: 1, evidence: () => 'probe output (exit 1): (no output)'},
	},
	{
		id: 'localhost-instead-of-service',
		title: 'an API that dials 127.0.0.1:5432 every second while the database is the sibling service db',
		async setup({project, labels}) {
			const network = projectNetwork('net', project);
			const database = uniqueName('db');
			const subject = uniqueName('api');
			run(['--name', database, ...labels('db'), '--network', network, '--network-alias', 'db', '--expose', '5432', testImage, 'httpd', '-f', '-p', '0.0.0.0:5432']);
			run(['--name', subject, ...labels('api'), '--network', network, testImage, 'sh', '-c', dialLoop('127.0.0.1', 5432, 'Error: connect ECONNREFUSED 127.0.0.1:5432')]);
			return {subject, others: [database]};
		},
		ready: runningFor(17),
		expected: {
			reported: true,
			symptom: 'failing-while-running',
			cause: 'localhost-inside-container',
			within: 1,
			evidence: () => 'dials 127.0.0.1:5432, where nothing in the container listens; service db listens on 5432: use db:5432 instead of 127.0.0.1:5432',
		},
	},
	{
		id: 'service-name-unknown',
		title: 'a worker that dials db2, a name no service, alias or container has',
		async setup({project, labels}) {
			const network = projectNetwork('net', project);
			const subject = uniqueName('worker');
			run(['--name', subject, ...labels('worker'), '--network', network, testImage, 'sh', '-c', dialLoop('db2', 5432, 'Error: getaddrinfo ENOTFOUND db2')]);
			return {subject, others: []};
		},
		ready: runningFor(17),
		expected: {
			reported: true,
			symptom: 'failing-while-running',
			cause: 'service-hostname-unresolvable',
			within: 1,
			evidence: () => 'dials db2, but no service, alias or container on its networks is called db2',
		},
	},
	{
		id: 'dependency-down',
		title: 'an app that cannot resolve cache because the cache container exited',
		async setup({project, labels}) {
			const network = projectNetwork('net', project);
			const cache = uniqueName('cache');
			const subject = uniqueName('app');
			run(['--name', cache, ...labels('cache'), '--network', network, '--network-alias', 'cache', testImage, 'sh', '-c', 'echo "Fatal error loading the DB: Permission denied. Exiting." >&2; exit 1']);
			run(['--name', subject, ...labels('app'), '--network', network, testImage, 'sh', '-c', dialLoop('cache', 6379, 'redis.exceptions.ConnectionError: Error -2 connecting to cache:6379. Name or service not known.')]);
			return {subject, others: [cache]};
		},
		ready: runningFor(17),
		expected: {
			reported: true,
			symptom: 'failing-while-running',
			cause: 'dependency-container-not-running',
			within: 1,
			evidence: names => `dials cache:6379, but container ${names.others[0]} behind cache is exited (exit code 1 (the application reported an error))`,
		},
	},
	{
		id: 'kind-registry-off-network',
		title: 'a kind cluster whose local registry container is not attached to the cluster\'s network',
		async setup({project, labels}) {
			const network = projectNetwork('kind', project);
			const cluster = uniqueName('cluster');
			const node = `${cluster}-control-plane`;
			const registry = uniqueName('kind-registry');
			const port = await freePort();
			run(['--name', node, ...labels('kind-node', {'io.x-k8s.kind.cluster': cluster, 'io.x-k8s.kind.role': 'control-plane'}), '--network', network, testImage, 'sleep', '600']);
			run(['--name', registry, ...labels('registry'), '-p', `127.0.0.1:${port}:5000`, testImage, 'httpd', '-f', '-p', '0.0.0.0:5000']);
			return {subject: registry, others: [node], port, network, cluster};
		},
		ready: hasStatus('running'),
		expected: {
			reported: true,
			symptom: 'registry-off-cluster-network',
			cause: 'registry-not-on-cluster-network',
			within: 1,
			evidence: names => `registry container ${names.subject} is not on network ${names.network} of kind cluster ${names.cluster} (it is on bridge)`,
		},
	},
	portHeldBy({
		id: 'port-held-by-kubectl-port-forward',
		title: 'a container that cannot publish a port a forgotten kubectl port-forward holds',
		service: 'web',
		containerPort: 80,
		holder: port => ({program: 'kubectl', args: ['port-forward', 'svc/web', `${port}:80`]}),
		heldBy: 'kubectl port-forward',
	}),
	portHeldBy({
		id: 'port-held-by-ssh-tunnel',
		title: 'a container that cannot publish a port an ssh -L tunnel holds',
		service: 'db',
		containerPort: 5432,
		holder: port => ({program: 'ssh', args: ['-N', '-L', `${port}:db.internal:5432`, 'bastion.example']}),
		heldBy: 'an ssh tunnel',
	}),
	{
		id: 'replica-data-dir-uid',
		title: 'a database replica running as 999:999 that cannot create its data directory in a root-owned bind mount',
		async setup({labels, defer}) {
			const subject = uniqueName('replica');
			const directory = rootOwned('replica', defer);
			run(['--name', subject, ...labels('patroni2'), '--restart', 'always', '--user', '999:999', '-v', `${directory}:/var/lib/postgresql/data`, testImage, 'sh', '-c', replicaBootstrap]);
			return {subject, others: []};
		},
		ready: restartedAtLeast(3),
		expected: {reported: true, symptom: 'restart-loop', cause: 'volume-permission-uid-mismatch', within: 1},
	},
	{
		id: 'healthy-service',
		title: 'a running service whose health check passes',
		async setup({labels}) {
			const subject = uniqueName('healthy');
			run(['--name', subject, ...labels('cache'), '--health-cmd', 'true', '--health-interval', '1s', testImage, 'sleep', '600']);
			return {subject, others: []};
		},
		ready: names => state(names.subject)?.Health?.Status === 'healthy',
		expected: {reported: false},
	},
	{
		id: 'one-shot-exited-zero',
		title: 'a one-shot job that finished with exit 0',
		async setup({labels}) {
			const subject = uniqueName('migrate');
			run(['--name', subject, ...labels('migrate'), testImage, 'sh', '-c', 'echo "applied 3 migrations"']);
			return {subject, others: []};
		},
		ready: hasStatus('exited'),
		expected: {reported: false},
	},
	{
		id: 'recovered-client',
		title: 'a client refused for 17 seconds while its database started, then connected and working',
		async setup({labels}) {
			const subject = uniqueName('consumer');
			run(['--name', subject, ...labels('consumer'), testImage, 'sh', '-c', recoveringClient]);
			return {subject, others: []};
		},
		ready: names => docker(['logs', names.subject]).includes('processed batch'),
		expected: {reported: false},
	},
	{
		id: 'stopped-by-user',
		title: 'a worker whose process ignores SIGTERM, stopped with docker stop (exit 137, not OOM)',
		async setup({labels}) {
			const subject = uniqueName('stopped');
			run(['--name', subject, ...labels('worker'), testImage, 'sh', '-c', 'echo "worker ready"; while true; do sleep 1; done']);
			return {subject, others: []};
		},
		ready: hasStatus('running'),
		beforeDiagnose(names) {
			docker(['stop', '--time', '1', names.subject]);
		},
		expected: {reported: false},
	},
	{
		id: 'noisy-but-running',
		title: 'a running service that logs the word ERROR all the time',
		async setup({labels}) {
			const subject = uniqueName('noisy');
			run(['--name', subject, ...labels('poller'), testImage, 'sh', '-c', noisy]);
			return {subject, others: []};
		},
		ready: hasStatus('running'),
		expected: {reported: false},
	},
];

export function scenarioLabels(project: string) {
	return (service: string, extra: Record<string, string> = {}) => labelArgs({
		'com.docker.compose.project': project,
		'com.docker.compose.service': service,
		...extra,
	});
}
