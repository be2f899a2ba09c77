/**
 * Every detector together over inspect answers and logs recorded from real containers
 * (test/fixtures/engine, written by record-fixtures.ts): each reproduced failure gives exactly
 * the expected finding, and healthy, exited-0 and noisy-but-running containers give none.
 */
import {describe, expect, it} from 'vitest';
import {detectFindings} from '../../../source/core/detectors/registry.js';
import {summarizeContainer} from '../../../source/core/container-summary.js';
import {loadEngineFixture} from './engine-fixtures.js';

type Expected = {
	readonly fixture: string;
	readonly symptom: string;
	readonly summary: string | RegExp;
	readonly evidence: readonly string[];
	readonly conditions: readonly string[];
	readonly exitCode?: number;
	/** A line the text sent to matching must contain. */
	readonly matchLine: string;
	/** A fact (fact-lines.ts) the finding must state. */
	readonly fact?: RegExp;
};

const reported: readonly Expected[] = [
	{
		fixture: 'celery-beat-schedule-permission',
		symptom: 'restart-loop',
		summary: 'keeps restarting: 3 restarts, last exit code 1 (the application reported an error)',
		evidence: ['restarts: 3 (restart policy always)', 'log: PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\''],
		conditions: ['restarting'],
		exitCode: 1,
		matchLine: 'PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'',
	},
	{
		fixture: 'nextjs-trace-permission',
		symptom: 'restart-loop',
		summary: 'keeps restarting: 3 restarts, last exit code 1 (the application reported an error)',
		evidence: ['log: [Error: EACCES: permission denied, open \'/app/.next/trace\'] {', 'log: code: \'EACCES\','],
		conditions: ['restarting'],
		exitCode: 1,
		matchLine: '[Error: EACCES: permission denied, open \'/app/.next/trace\'] {',
	},
	{
		fixture: 'healthcheck-curl-missing',
		symptom: 'unhealthy',
		summary: 'is unhealthy: 2 failing health checks in a row',
		evidence: ['health: unhealthy, failing streak 2', 'probe: CMD-SHELL curl -fsS http://localhost:6333/healthz', 'probe output (exit 127): /bin/sh: curl: not found'],
		conditions: ['unhealthy', 'running'],
		exitCode: 127,
		matchLine: '/bin/sh: curl: not found',
	},
	{
		fixture: 'oom-killed',
		symptom: 'oom-killed',
		summary: 'was killed for memory (OOMKilled, exit code 137)',
		evidence: ['OOMKilled: true, exit code 137', 'memory limit: 16 MiB'],
		conditions: ['oom-killed', 'exited'],
		exitCode: 137,
		matchLine: 'OOMKilled: true',
	},
	{
		fixture: 'command-not-found',
		symptom: 'never-started',
		summary: 'never started: exec: "celery": executable file not found in $PATH',
		evidence: [
			'state: created, never started (exit code 127 (command not found))',
			'engine error: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "celery": executable file not found in $PATH: unknown',
		],
		conditions: ['created'],
		exitCode: 127,
		matchLine: 'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "celery": executable file not found in $PATH: unknown',
	},
	{
		fixture: 'crlf-entrypoint',
		symptom: 'exited-with-error',
		summary: 'exited with exit code 1 (the application reported an error)',
		evidence: ['log: exec /scripts/docker-entrypoint.sh: no such file or directory'],
		conditions: ['exited'],
		exitCode: 1,
		matchLine: 'exec /scripts/docker-entrypoint.sh: no such file or directory',
	},
	{
		fixture: 'port-taken-by-container',
		symptom: 'port-conflict',
		summary: /^cannot publish port \d+: held by container unblock-test-holder-[\da-f]{6}$/,
		evidence: [],
		conditions: ['created'],
		exitCode: 128,
		matchLine: 'failed: port is already allocated',
	},
	{
		fixture: 'port-taken-by-host-process',
		symptom: 'port-conflict',
		summary: /^cannot publish port \d+: held by host process node \(pid \d+\)$/,
		evidence: [],
		conditions: ['created'],
		exitCode: 128,
		matchLine: 'bind: address already in use',
	},
	{
		fixture: 'mongodb-lock-file-loop',
		symptom: 'restart-loop',
		summary: 'keeps restarting: 3 restarts, last exit code 100 (the application\'s own error code)',
		evidence: ['restarts: 3 (restart policy always)', 'last run: exit code 100 (the application\'s own error code)'],
		conditions: ['restarting'],
		exitCode: 100,
		matchLine: 'DBPathInUse: Unable to lock the lock file',
	},
	{
		fixture: 'dependency-unhealthy',
		symptom: 'dependency-not-ready',
		summary: 'waits for db (unhealthy)',
		evidence: ['state: created, never started'],
		conditions: ['created'],
		matchLine: 'dependency failed to start: container unblock-test-db-',
	},
	{
		fixture: 'app-binds-loopback',
		symptom: 'unreachable-port',
		summary: /^publishes \d+->8080, but the process listens on 127\.0\.0\.1:8080 only$/,
		evidence: ['listening in the container (its network namespace): 127.0.0.1:8080'],
		conditions: ['running'],
		matchLine: 'but the process listens on 127.0.0.1:8080 only',
		fact: /^publishes \d+->8080, but the process listens on 127\.0\.0\.1:8080 only$/,
	},
	{
		fixture: 'published-port-not-served',
		symptom: 'unreachable-port',
		summary: /^publishes \d+->8080, but nothing in the container listens on port 8080; it listens on 0\.0\.0\.0:3000, which is not published$/,
		evidence: ['listening in the container (its network namespace): 0.0.0.0:3000'],
		conditions: ['running'],
		matchLine: 'nothing in the container listens on port 8080',
		fact: /^publishes \d+->8080, but nothing in the container listens on port 8080/,
	},
	{
		fixture: 'healthcheck-probes-wrong-port',
		symptom: 'unhealthy',
		summary: /^is unhealthy: \d+ failing health checks in a row$/,
		evidence: ['probe output (exit 1): wget: can\'t connect to remote host (127.0.0.1): Connection refused', 'the health check probes port 8080, where nothing in the container listens; it listens on 0.0.0.0:3000'],
		conditions: ['unhealthy', 'running'],
		exitCode: 1,
		matchLine: 'wget: can\'t connect to remote host (127.0.0.1): Connection refused',
		fact: /^the health check probes port 8080, where nothing in the container listens; it listens on 0\.0\.0\.0:3000$/,
	},
	{
		fixture: 'healthcheck-greps-json',
		symptom: 'unhealthy',
		summary: /^is unhealthy: \d+ failing health checks in a row$/,
		evidence: ['probe: CMD-SHELL wget -q -O- http://127.0.0.1:8008/patroni | grep -q \'"state":"running"\'', 'probe output (exit 1): (no output)'],
		conditions: ['unhealthy', 'running'],
		exitCode: 1,
		matchLine: '',
	},
	{
		fixture: 'localhost-instead-of-service',
		symptom: 'failing-while-running',
		summary: /^keeps failing while running: connection to 127\.0\.0\.1:5432 refused, \d+ times in \d+ s, and nothing since says it recovered$/,
		evidence: ['dials 127.0.0.1:5432, where nothing in the container listens; service db listens on 5432: use db:5432 instead of 127.0.0.1:5432'],
		conditions: ['running'],
		matchLine: 'Error: connect ECONNREFUSED 127.0.0.1:5432',
		fact: /^dials 127\.0\.0\.1:5432, where nothing in the container listens; service db listens on 5432/,
	},
	{
		fixture: 'service-name-unknown',
		symptom: 'failing-while-running',
		summary: /^keeps failing while running: db2 does not resolve, \d+ times in \d+ s, and nothing since says it recovered$/,
		evidence: ['dials db2, but no service, alias or container on its networks is called db2'],
		conditions: ['running'],
		matchLine: 'Error: getaddrinfo ENOTFOUND db2',
		fact: /^dials db2, but no service, alias or container on its networks is called db2$/,
	},
	{
		fixture: 'dependency-down',
		symptom: 'failing-while-running',
		summary: /^keeps failing while running: cache does not resolve, \d+ times in \d+ s, and nothing since says it recovered$/,
		evidence: [],
		conditions: ['running'],
		matchLine: 'Error -2 connecting to cache:6379. Name or service not known.',
		fact: /^dials cache:6379, but container unblock-test-cache-[\da-f]{6} behind cache is exited \(exit code 1 \(the application reported an error\)\)$/,
	},
	{
		fixture: 'kind-registry-off-network',
		symptom: 'registry-off-cluster-network',
		summary: /^is not on network unblock-test-kind-[\da-f]{6}, where the nodes of kind cluster unblock-test-cluster-[\da-f]{6} are$/,
		evidence: [],
		conditions: ['running'],
		matchLine: 'is not on network unblock-test-kind-',
		fact: /^registry container unblock-test-kind-registry-[\da-f]{6} is not on network unblock-test-kind-[\da-f]{6} of kind cluster unblock-test-cluster-[\da-f]{6} \(it is on bridge\)$/,
	},
	{
		fixture: 'port-held-by-kubectl-port-forward',
		symptom: 'port-conflict',
		summary: /^cannot publish port \d+: held by kubectl port-forward \(pid \d+\)$/,
		evidence: [],
		conditions: ['created'],
		exitCode: 128,
		matchLine: 'bind: address already in use',
		fact: /^host port \d+ is held by kubectl port-forward \(pid \d+\)$/,
	},
	{
		fixture: 'port-held-by-ssh-tunnel',
		symptom: 'port-conflict',
		summary: /^cannot publish port \d+: held by an ssh tunnel \(pid \d+\)$/,
		evidence: [],
		conditions: ['created'],
		exitCode: 128,
		matchLine: 'bind: address already in use',
		fact: /^host port \d+ is held by an ssh tunnel \(pid \d+\)$/,
	},
	{
		fixture: 'replica-data-dir-uid',
		symptom: 'restart-loop',
		summary: 'keeps restarting: 3 restarts, last exit code 1 (the application reported an error)',
		evidence: ['log: pg_basebackup: error: could not create directory "/var/lib/postgresql/data/pgroot": Permission denied'],
		conditions: ['restarting'],
		exitCode: 1,
		matchLine: 'could not create directory',
		fact: /^a writable mount is owned by uid 0 \(mode 755\), not by the container's uid 999$/,
	},
];

describe('recorded failures', () => {
	it.each(reported)('$fixture: $symptom', expected => {
		const {snapshot, subject} = loadEngineFixture(expected.fixture);
		const finding = detectFindings(snapshot).find(candidate => candidate.container === subject);
		expect(finding?.symptom).toBe(expected.symptom);
		if (typeof expected.summary === 'string') {
			expect(finding?.summary).toBe(expected.summary);
		} else {
			expect(finding?.summary).toMatch(expected.summary);
		}

		const evidence = finding?.evidence.map(item => item.text) ?? [];
		for (const line of expected.evidence) {
			expect(evidence).toContain(line);
		}

		expect(new Set(evidence).size).toBe(evidence.length);
		expect(finding?.conditions).toEqual(expected.conditions);
		expect(finding?.exitCode).toBe(expected.exitCode);
		expect(finding?.matchText).toContain(expected.matchLine);
		expect(finding?.facts.container).toBe(subject);
		if (expected.fact) {
			expect(finding?.sourcedText?.facts?.split('\n')).toContainEqual(expect.stringMatching(expected.fact));
		}
	});

	it('names the other container holding the port, and the port as a fact', () => {
		const {snapshot, subject, others} = loadEngineFixture('port-taken-by-container');
		const finding = detectFindings(snapshot).find(candidate => candidate.container === subject);
		const port = finding?.facts.port;
		expect(port).toMatch(/^\d+$/);
		expect(finding?.evidence[0]?.text).toBe(`host port ${port} is already taken: held by container ${others[0]}`);
		// The holder is fine and is not reported.
		expect(detectFindings(snapshot).map(candidate => candidate.container)).toEqual([subject]);
	});

	it('reports the unhealthy dependency too, on its own', () => {
		const {snapshot, subject, others} = loadEngineFixture('dependency-unhealthy');
		const findings = detectFindings(snapshot);
		expect(findings.map(finding => `${finding.container} ${finding.symptom}`).sort()).toEqual([`${subject} dependency-not-ready`, `${others[0]} unhealthy`].sort());
		expect(findings.find(finding => finding.container === subject)?.evidence.map(item => item.text)).toContain(`depends on db: container ${others[0]} is unhealthy`);
	});

	it('keeps the matched log text short: errors and the last lines, not the whole log', () => {
		const {snapshot, subject} = loadEngineFixture('celery-beat-schedule-permission');
		const finding = detectFindings(snapshot).find(candidate => candidate.container === subject);
		expect(finding?.matchText.split('\n')).toEqual([
			'Traceback (most recent call last):',
			'PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'',
			'File "/usr/local/lib/python3.11/shelve.py", line 243, in __init__',
		]);
	});

	it.each(['healthy-service', 'one-shot-exited-zero', 'noisy-but-running', 'recovered-client', 'stopped-by-user'])('%s is not reported', fixture => {
		const {snapshot} = loadEngineFixture(fixture);
		expect(detectFindings(snapshot)).toEqual([]);
	});

	it('shows a container stopped with docker stop as stopped, from the engine\'s events', () => {
		const {snapshot, subject} = loadEngineFixture('stopped-by-user');
		const stopped = snapshot.containers.find(container => container.name === subject)!;
		expect(stopped.lastRun).toMatchObject({exitCode: 137, requested: 'stop'});
		expect(summarizeContainer(stopped, {separator: ', ', exitCode: 'not-running', ports: false})).toBe('stopped, exit 137');
	});
});
