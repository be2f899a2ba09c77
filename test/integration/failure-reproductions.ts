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
	};

export type ScenarioNames = {
	/** The container the expectation is about. */
	readonly subject: string;
	/** Other containers the scenario created (the port holder, the dependency). */
	readonly others: readonly string[];
	readonly port?: number;
	readonly pid?: number;
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

/** A node process on the host holding `port`, stopped by its own pid. */
async function holdPortOnHost(port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${port}, '0.0.0.0', () => console.log('listening'))`], {stdio: ['ignore', 'pipe', 'inherit']});
	await new Promise<void>((resolve, reject) => {
		child.stdout?.once('data', () => resolve());
		child.once('exit', code => reject(new Error(`the port holder exited with ${code}`)));
	});
	return child;
}

function temporaryDirectory(purpose: string, defer: ScenarioContext['defer']): string {
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
		id: 'command-not-found',
		title: 'a command that is not in the image',
		async setup({labels}) {
			const subject = uniqueName('beat');
			runFailing(['--name', subject, ...labels('beat'), testImage, 'celery', '-A', 'app', 'beat']);
			return {subject, others: []};
		},
		ready: hasStatus('created'),
		expected: {reported: true, symptom: 'never-started', cause: 'command-not-found', within: 1},
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
		expected: {reported: true, symptom: 'exited-with-error', cause: 'crlf-line-endings', within: 1},
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
