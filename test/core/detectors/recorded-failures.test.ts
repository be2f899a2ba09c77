/**
 * Every detector together over inspect answers and logs recorded from real containers
 * (test/fixtures/engine, written by record-fixtures.ts): each reproduced failure gives exactly
 * the expected finding, and healthy, exited-0 and noisy-but-running containers give none.
 */
import {describe, expect, it} from 'vitest';
import {detectFindings} from '../../../source/core/detectors/registry.js';
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

	it.each(['healthy-service', 'one-shot-exited-zero', 'noisy-but-running'])('%s is not reported', fixture => {
		const {snapshot} = loadEngineFixture(fixture);
		expect(detectFindings(snapshot)).toEqual([]);
	});
});
