/** Each detector's rules at their edges, over small hand-made snapshots. */
import {describe, expect, it} from 'vitest';
import {containerFromInspect, withRunEnding} from '../../../source/adapters/container-from-inspect.js';
import {dependencyNotReadyDetector} from '../../../source/core/detectors/dependency-not-ready.js';
import {exitedWithErrorDetector} from '../../../source/core/detectors/exited-with-error.js';
import {neverStartedDetector} from '../../../source/core/detectors/never-started.js';
import {oomKilledDetector} from '../../../source/core/detectors/oom-killed.js';
import {portConflictDetector} from '../../../source/core/detectors/port-conflict.js';
import {detectFindings, detectors} from '../../../source/core/detectors/registry.js';
import {restartLoopDetector} from '../../../source/core/detectors/restart-loop.js';
import {unhealthyDetector} from '../../../source/core/detectors/unhealthy.js';
import {summarizeContainer} from '../../../source/core/container-summary.js';
import type {ContainerSnapshot} from '../../../source/core/snapshot.js';
import {blockedOnPort8080, container, secondsBefore, snapshot} from './snapshot-builders.js';

describe('restart-loop', () => {
	it.each([
		['restarting', container({name: 'a', state: 'restarting', restartCount: 1, exitCode: 1}), true],
		['running again 5 s after its 4th restart', container({name: 'a', state: 'running', restartCount: 4, startedAt: secondsBefore(5)}), true],
		['running for 10 minutes after 4 restarts (recovered)', container({name: 'a', state: 'running', restartCount: 4, startedAt: secondsBefore(600)}), false],
		['running 5 s after 2 restarts', container({name: 'a', state: 'running', restartCount: 2, startedAt: secondsBefore(5)}), false],
		['running 5 s after 2 restarts, the run before dead on its own a moment ago', container({name: 'a', state: 'running', restartCount: 2, startedAt: secondsBefore(5), lastRun: {exitCode: 1, at: secondsBefore(6)}}), true],
		['running 5 s after 2 restarts, the run before stopped by someone', container({name: 'a', state: 'running', restartCount: 2, startedAt: secondsBefore(5), lastRun: {exitCode: 137, at: secondsBefore(6), requested: 'stop'}}), false],
		['running 5 s after 1 restart, the run before dead on its own', container({name: 'a', state: 'running', restartCount: 1, startedAt: secondsBefore(5), lastRun: {exitCode: 1, at: secondsBefore(6)}}), false],
		['exited after retries', container({name: 'a', state: 'exited', restartCount: 5, exitCode: 1}), false],
	])('%s -> %s', (_name, subject, expected) => {
		expect(restartLoopDetector.detect(snapshot([subject])).length === 1).toBe(expected);
	});

	it.each([
		['restarting: the state has the code', container({name: 'a', state: 'restarting', restartCount: 4, exitCode: 1}), 'keeps restarting: 4 restarts, last exit code 1 (the application reported an error)', 1],
		['caught running: the die event has it, not the state\'s 0', container({name: 'a', state: 'running', restartCount: 4, exitCode: 0, startedAt: secondsBefore(2), lastRun: {exitCode: 1, at: secondsBefore(3)}}), 'keeps restarting: 4 restarts, last exit code 1 (the application reported an error)', 1],
		['caught running, the events long gone: no code rather than a wrong one', container({name: 'a', state: 'running', restartCount: 4, exitCode: 0, startedAt: secondsBefore(2)}), 'keeps restarting: 4 restarts', undefined],
	])('reports the exit code of the last run that ended: %s', (_name, subject, summary, exitCode) => {
		const [finding] = restartLoopDetector.detect(snapshot([subject]));
		expect(finding?.summary).toBe(summary);
		expect(finding?.exitCode).toBe(exitCode);
	});
});

describe('exited-with-error', () => {
	it.each([
		[1, 'error'],
		[127, 'error'],
		[137, 'warning'],
	] as const)('exit %s is reported as %s', (exitCode, severity) => {
		const [finding] = exitedWithErrorDetector.detect(snapshot([container({name: 'job', state: 'exited', exitCode})]));
		expect(finding?.severity).toBe(severity);
	});

	it.each([0, 130, 143])('exit %s (success or a clean stop) is not reported', exitCode => {
		expect(exitedWithErrorDetector.detect(snapshot([container({name: 'job', state: 'exited', exitCode})]))).toEqual([]);
	});

	it.each([
		['docker stop of a process that ignores SIGTERM', {exitCode: 137, lastRun: {exitCode: 137, requested: 'stop' as const}}, 'stopped, exit 137'],
		['docker kill', {exitCode: 137, lastRun: {exitCode: 137, requested: 'kill' as const}}, 'killed, exit 137'],
		['docker stop of a process that exits 1 on SIGTERM', {exitCode: 1, lastRun: {exitCode: 1, requested: 'stop' as const}}, 'stopped, exit 1'],
		['a restart policy that would have brought it back', {exitCode: 137, restartPolicy: 'unless-stopped'}, 'stopped, exit 137'],
	] as Array<[string, Partial<ContainerSnapshot>, string]>)('what the user did is not a fault: %s', (_name, overrides, shown) => {
		const subject = container({name: 'job', state: 'exited', ...overrides});
		expect(exitedWithErrorDetector.detect(snapshot([subject]))).toEqual([]);
		expect(summarizeContainer(subject, {separator: ', ', exitCode: 'not-running', ports: false})).toBe(shown);
	});

	it.each([
		['a crash the events saw', {exitCode: 137, lastRun: {exitCode: 137}}],
		['a restart policy that gave up (on-failure)', {exitCode: 1, restartPolicy: 'on-failure:3', restartCount: 3}],
		['a restart policy that could not start it again', {exitCode: 128, restartPolicy: 'always', error: 'driver failed programming external connectivity'}],
	])('a crash is still one: %s', (_name, overrides) => {
		expect(exitedWithErrorDetector.detect(snapshot([container({name: 'job', state: 'exited', ...overrides})]))).toHaveLength(1);
	});
});

describe('unhealthy', () => {
	const refused = {start: '', end: '', exitCode: 1, output: 'wget: can\'t connect to remote host (127.0.0.1): Connection refused'};
	const probing = (probe: typeof refused, startedSecondsAgo: number, listeners: ContainerSnapshot['listeners']) => container({
		name: 'web', startedAt: secondsBefore(startedSecondsAgo), listeners,
		health: {status: 'unhealthy', failingStreak: 4, test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/'], log: [probe]},
	});
	const fact = (subject: ContainerSnapshot) => unhealthyDetector.detect(snapshot([subject]))[0]?.sourcedText?.facts;

	it.each([
		['a few seconds up with no port open yet', probing(refused, 6, {via: 'proc', listeners: []}), 'unhealthy after only 6s up, and nothing in the container listens on a TCP port yet'],
		['up for minutes with no port open', probing(refused, 600, {via: 'proc', listeners: []}), ''],
		['young, but listening already', probing(refused, 6, {via: 'proc', listeners: [{address: '0.0.0.0', port: 3000}]}), ''],
		['young, but its probe\'s own program is missing', probing({start: '', end: '', exitCode: 127, output: '/bin/sh: curl: not found'}, 6, {via: 'proc', listeners: []}), ''],
		['listeners not read', probing(refused, 6, undefined), ''],
	])('says it is still starting only when it is: %s', (_name, subject, expected) => {
		expect(fact(subject) ?? '').toBe(expected);
	});

	it('shows the failing probe, and passes on no exit code when the probe never ran', () => {
		const subject = container({
			name: 'api',
			health: {status: 'unhealthy', failingStreak: 7, test: ['CMD', 'curl', '-f', 'http://localhost/'], log: [
				{start: '', end: '', exitCode: -1, output: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown'},
			]},
		});
		const [finding] = unhealthyDetector.detect(snapshot([subject]));
		expect(finding?.evidence.map(item => item.text)).toEqual([
			'health: unhealthy, failing streak 7',
			'probe: CMD curl -f http://localhost/',
			'probe output (exit -1): OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown',
		]);
		expect(finding?.exitCode).toBeUndefined();
	});

	it('ignores a container whose health is only starting', () => {
		expect(unhealthyDetector.detect(snapshot([container({name: 'api', health: {status: 'starting', failingStreak: 1, log: []}})]))).toEqual([]);
	});
});

describe('restart-loop', () => {
	it('says a loop whose runs end with exit code 0 is no crash, and leaves the others as they are', () => {
		const clean = restartLoopDetector.detect(snapshot([container({name: 'w', state: 'restarting', restartCount: 6, exitCode: 0})]));
		expect(clean[0]?.sourcedText?.facts).toBe('its last run ended by itself with exit code 0, and the restart policy started it again (6 restarts)');
		const crashing = restartLoopDetector.detect(snapshot([container({name: 'w', state: 'restarting', restartCount: 6, exitCode: 1})]));
		expect(crashing[0]?.sourcedText?.facts).toBe('');
	});
});

describe('oom-killed', () => {
	it('says when there was no memory limit', () => {
		const [finding] = oomKilledDetector.detect(snapshot([container({name: 'w', state: 'exited', exitCode: 137, oomKilled: true})]));
		expect(finding?.evidence.map(item => item.text)).toContain('no memory limit on the container: the host or Docker VM ran out of memory');
	});

	it('cites the oom event where the engine logged one, and the exit code of the run that died, not the running state\'s 0', () => {
		const looping = withRunEnding(container({name: 'w', state: 'running', restartCount: 4, exitCode: 0, startedAt: secondsBefore(1), memoryLimit: 16 * 1024 * 1024}), {exitCode: 137, oomKilled: true});
		const [finding] = oomKilledDetector.detect(snapshot([looping]));
		expect(finding?.summary).toBe('was killed for memory (OOMKilled, exit code 137)');
		expect(finding?.evidence.map(item => item.text).slice(0, 2)).toEqual(['the engine logged an oom event, then the process died (exit code 137)', 'memory limit: 16 MiB']);
	});
});

describe('an oom event in the last run', () => {
	it.each([
		['an exited container whose flag the engine missed', container({name: 'w', state: 'exited', exitCode: 137}), true],
		['a container the engine is restarting', container({name: 'w', state: 'restarting', exitCode: 137, restartCount: 2}), true],
		['a loop the engine brought back', container({name: 'w', state: 'running', restartCount: 3}), true],
		['a container started again by hand after the kill', container({name: 'w', state: 'running', restartCount: 0}), false],
	])('counts as killed for memory: %s', (_name, subject, expected) => {
		expect(withRunEnding(subject, {exitCode: 137, oomKilled: true}).oomKilled).toBe(expected);
		expect(withRunEnding(subject, {exitCode: 137}).oomKilled).toBe(false);
	});
});

describe('never-started', () => {
	it('ignores a container that was only created (docker create), with no start error', () => {
		expect(neverStartedDetector.detect(snapshot([container({name: 'c', state: 'created'})]))).toEqual([]);
	});
});

describe('port-conflict', () => {
	const failed = blockedOnPort8080();

	it.each([
		['a container of another project (docker-proxy)', [{port: 8080, protocol: 'tcp' as const, address: '0.0.0.0', pid: 42, process: '/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080'}], 'cannot publish port 8080: held by another container (docker-proxy, pid 42)'],
		['a host process', [{port: 8080, protocol: 'tcp' as const, address: '127.0.0.1', pid: 7, process: '/usr/local/bin/python3 -m http.server 8080'}], 'cannot publish port 8080: held by host process python3 (pid 7)'],
		['a socket whose owner cannot be read', [{port: 8080, protocol: 'tcp' as const, address: '::'}], 'cannot publish port 8080: held by a host process listening on :::8080'],
		['nothing visible', [], 'cannot publish port 8080: already in use'],
		['a kubectl port-forward', [{port: 8080, protocol: 'tcp' as const, address: '127.0.0.1', pid: 4242, process: '/usr/local/bin/kubectl -n shop port-forward svc/web 8080:80'}], 'cannot publish port 8080: held by kubectl port-forward (pid 4242)'],
		['an ssh tunnel', [{port: 8080, protocol: 'tcp' as const, address: '127.0.0.1', pid: 977, process: 'ssh -N -L 8080:web.internal:80 bastion'}], 'cannot publish port 8080: held by an ssh tunnel (pid 977)'],
		['an ssh session without a forward', [{port: 8080, protocol: 'tcp' as const, address: '127.0.0.1', pid: 978, process: 'ssh deploy@build-host'}], 'cannot publish port 8080: held by host process ssh (pid 978)'],
		['kubectl doing something else', [{port: 8080, protocol: 'tcp' as const, address: '127.0.0.1', pid: 979, process: 'kubectl proxy --port 8080'}], 'cannot publish port 8080: held by host process kubectl (pid 979)'],
	])('names %s', (_name, listeners, summary) => {
		const [finding] = portConflictDetector.detect(snapshot([failed], listeners));
		expect(finding?.summary).toBe(summary);
		expect(finding?.facts.port).toBe('8080');
	});

	it('gives the holder\'s pid and command line as evidence, and the fact that decides the cause', () => {
		const [finding] = portConflictDetector.detect(snapshot([failed], [{port: 8080, protocol: 'tcp', address: '127.0.0.1', pid: 4242, process: 'kubectl port-forward svc/web 8080:80'}]));
		expect(finding?.evidence.map(item => item.text).slice(0, 2)).toEqual(['host port 8080 is already taken: held by kubectl port-forward (pid 4242)', 'holder: pid 4242: kubectl port-forward svc/web 8080:80']);
		expect(finding?.sourcedText?.facts).toBe('host port 8080 is held by kubectl port-forward (pid 4242)');
		expect(finding?.facts.pid).toBe('4242');
	});

	it('names the container behind another container\'s docker-proxy by its address', () => {
		const holder = container({name: 'other-web-1', attachments: [{network: 'other_default', aliases: ['web'], ipAddress: '172.19.0.3'}]});
		const [finding] = portConflictDetector.detect(snapshot([failed, holder], [{port: 8080, protocol: 'tcp', address: '0.0.0.0', pid: 42, process: '/usr/bin/docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.19.0.3 -container-port 80'}]));
		expect(finding?.summary).toBe('cannot publish port 8080: held by container other-web-1 (docker-proxy, pid 42)');
		expect(finding?.facts['other-container']).toBe('other-web-1');
	});
});

describe('dependency-not-ready', () => {
	const labels = {project: 'shop', dependsOn: ['db']};
	it.each([
		['exited', container({name: 'shop-db-1', project: 'shop', service: 'db', state: 'exited', exitCode: 1}), 'depends on db: container shop-db-1 exited with exit code 1 (the application reported an error)'],
		['restarting', container({name: 'shop-db-1', project: 'shop', service: 'db', state: 'restarting', restartCount: 6, exitCode: 1}), 'depends on db: container shop-db-1 keeps restarting (6 restarts)'],
	])('reports a waiting service whose dependency %s', (_name, database, line) => {
		const [finding] = dependencyNotReadyDetector.detect(snapshot([database, container({name: 'shop-app-1', service: 'app', state: 'created', ...labels})]));
		expect(finding?.container).toBe('shop-app-1');
		expect(finding?.evidence.map(item => item.text)).toContain(line);
	});

	it('does not report a running dependent, or a dependency that is fine', () => {
		const database = container({name: 'shop-db-1', project: 'shop', service: 'db', health: {status: 'unhealthy', failingStreak: 3, log: []}});
		expect(dependencyNotReadyDetector.detect(snapshot([database, container({name: 'shop-app-1', service: 'app', ...labels})]))).toEqual([]);
		const fine = container({name: 'shop-db-1', project: 'shop', service: 'db'});
		expect(dependencyNotReadyDetector.detect(snapshot([fine, container({name: 'shop-app-1', service: 'app', state: 'created', ...labels})]))).toEqual([]);
	});
});

describe('registry', () => {
	it('lists one detector per id', () => {
		expect(detectors.map(detector => detector.id)).toEqual(['port-conflict', 'never-started', 'oom-killed', 'unhealthy', 'restart-loop', 'unreachable-port', 'failing-while-running', 'failing-to-write', 'registry-off-cluster-network', 'exited-with-error', 'dependency-not-ready']);
	});

	it('merges several problems of one container into one finding led by the most specific', () => {
		const subject = container({name: 'worker', state: 'restarting', restartCount: 9, exitCode: 137, oomKilled: true, memoryLimit: 32 * 1024 * 1024});
		const findings = detectFindings(snapshot([subject]));
		expect(findings).toHaveLength(1);
		expect(findings[0]?.symptom).toBe('oom-killed');
		expect(findings[0]?.conditions).toEqual(['restarting', 'oom-killed']);
		expect(findings[0]?.evidence.map(item => item.text)).toEqual([
			'OOMKilled: true, exit code 137',
			'memory limit: 32 MiB',
			'restarts: 9',
			'last run: exit code 137 (killed (SIGKILL))',
		]);
	});
});

describe('secrets in evidence', () => {
	it('never shows a secret from the environment, even where the log echoes it', () => {
		const subject = containerFromInspect({
			Name: '/api',
			State: {Status: 'exited', ExitCode: 1},
			Config: {Env: ['DB_PASSWORD=s3cr3t-value', 'DATABASE_URL=postgres://app:pw1234@db/app'], Cmd: ['--password=s3cr3t-value']},
		}, {logs: {truncated: false, lines: [
			{stream: 'stderr', text: 'error: login failed for app with s3cr3t-value'},
			{stream: 'stderr', text: 'fatal: cannot connect to postgres://app:pw1234@db/app'},
		]}});
		const [finding] = detectFindings(snapshot([subject]));
		const shown = [...finding?.evidence.map(item => item.text) ?? [], finding?.matchText ?? '', ...subject.command, ...subject.env].join('\n');
		expect(shown).not.toContain('s3cr3t-value');
		expect(shown).not.toContain('pw1234');
		expect(finding?.evidence.map(item => item.text)).toContain('log: error: login failed for app with [redacted]');
	});
});
