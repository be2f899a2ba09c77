/**
 * `unblock diagnose` on the real engine: the seeds' failures reproduced as real containers
 * (failure-reproductions.ts) must each be found with the right cause ranked first, and healthy,
 * exited-0 and noisy-but-running containers must not be reported. Everything runs in compose
 * projects of its own, so other containers on the machine never show up.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadKnowledgeBase} from '../../source/adapters/knowledge-base.js';
import {runDiagnose} from '../../source/commands/diagnose.js';
import type {CommandContext} from '../../source/commands/command-context.js';
import {describeWithEngine, removeTestResources, uniqueName, waitFor} from '../support/engine.js';
import {reproductions, scenarioLabels, type Reproduction, type ScenarioNames} from './failure-reproductions.js';

type Captured = {code: number; stdout: string; stderr: string};

async function diagnose(options: {json: boolean; project?: string; host?: string}, environment: Record<string, string | undefined> = {}): Promise<Captured> {
	let stdout = '';
	let stderr = '';
	const context: CommandContext = {
		cwd: process.cwd(),
		env: environment,
		stdout: {write: text => {
			stdout += text;
		}},
		stderr: {write: text => {
			stderr += text;
		}},
		color: false,
		interactive: false,
	};
	const code = await runDiagnose({...options, playbookDirectories: []}, context);
	return {code, stdout, stderr};
}

type JsonReport = {
	engine: {reachable: boolean; host: string; version: string; apiVersion: string};
	containers: Array<{name: string; image: string; project: string; service: string; state: string; health: string; restartCount: number; exitCode: number; oomKilled: boolean}>;
	findings: Array<{container: string; symptom: string; evidence: string[]; facts: Record<string, string>; matches: Array<{playbook: string; title: string; cause: string; score: number}>}>;
};

/** The exit codes a cause's shipped signatures say its containers end with (what ranking weighs a stated code by). */
async function shippedExitCodes(cause: string): Promise<Set<number>> {
	const {playbooks} = await loadKnowledgeBase({cwd: path.join(import.meta.dirname, '..', '..')});
	return new Set(playbooks.filter(playbook => playbook.cause === cause).flatMap(playbook => playbook.signatures.flatMap(signature => signature.when?.exitCodes ?? [])));
}

describeWithEngine('unblock diagnose on reproduced failures', () => {
	const project = uniqueName('diagnose');
	const cleanups: Array<() => void | Promise<void>> = [];
	const scenarios: Array<{reproduction: Reproduction; names: ScenarioNames}> = [];
	let json: Captured;
	let report: JsonReport;
	let text: Captured;

	beforeAll(async () => {
		for (const reproduction of reproductions) {
			const names = await reproduction.setup({project, labels: scenarioLabels(project), defer: cleanup => cleanups.push(cleanup)});
			scenarios.push({reproduction, names});
		}

		for (const {reproduction, names} of scenarios) {
			if (!await waitFor(() => reproduction.ready(names), 90_000)) {
				throw new Error(`${reproduction.id}: the failure did not show within 90 s`);
			}
		}

		for (const {reproduction, names} of scenarios) {
			reproduction.beforeDiagnose?.(names);
		}

		json = await diagnose({json: true, project});
		report = JSON.parse(json.stdout) as JsonReport;
		text = await diagnose({json: false, project});
	}, 180_000);

	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) {
			await cleanup();
		}

		removeTestResources();
	});

	it('exits 1 because something is broken, and reports the engine', () => {
		expect(json.code).toBe(1);
		// Playbooks being edited may be skipped with a note; nothing else goes to stderr.
		expect(json.stderr.split('\n').filter(line => line && !line.startsWith('unblock: skipped '))).toEqual([]);
		expect(report.engine).toMatchObject({reachable: true, host: 'unix:///var/run/docker.sock', apiVersion: '1.41'});
		expect(report.engine.version).toMatch(/^\d+\.\d+/);
	});

	it('lists every container of the project, and only those', () => {
		const expected = scenarios.flatMap(({names}) => [names.subject, ...names.others]).sort();
		expect(report.containers.map(container => container.name).sort()).toEqual(expected);
		for (const container of report.containers) {
			expect(Object.keys(container)).toEqual(expect.arrayContaining(['name', 'image', 'project', 'service', 'state', 'health', 'restartCount', 'exitCode', 'oomKilled']));
			expect(container.project).toBe(project);
		}
	});

	describe.each(reproductions.map(reproduction => [reproduction.id, reproduction] as const))('%s', (id, reproduction) => {
		const names = () => scenarios.find(scenario => scenario.reproduction.id === id)!.names;
		const finding = () => report.findings.find(candidate => candidate.container === names().subject);
		const expected = reproduction.expected;

		if (!expected.reported) {
			it('is not reported', () => {
				expect(finding()).toBeUndefined();
			});
			return;
		}

		it(`is found as ${expected.symptom}`, () => {
			expect(finding()?.symptom).toBe(expected.symptom);
		});

		if (expected.cause) {
			const within = expected.within ?? 3;
			it(`ranks ${expected.cause} ${within === 1 ? 'first' : 'in the top 3'}`, () => {
				const causes = finding()?.matches.map(match => match.cause) ?? [];
				expect(causes.slice(0, within), `matches were: ${JSON.stringify(finding()?.matches)}`).toContain(expected.cause);
			});
		}

		if (expected.cause) {
			it('ended with an exit code its cause declares, when the cause declares any', async () => {
				const container = report.containers.find(candidate => candidate.name === names().subject)!;
				const declared = await shippedExitCodes(expected.cause!);
				if (declared.size > 0 && ['exited', 'restarting'].includes(container.state)) {
					expect([...declared]).toContain(container.exitCode);
				}
			});
		}

		if (expected.evidence) {
			it('shows the evidence that matters', () => {
				expect(finding()?.evidence).toContain(expected.evidence!(names()));
			});
		}

		if (expected.facts) {
			it('knows the facts its playbook\'s fix fills in', () => {
				const wanted = Object.fromEntries(Object.entries(expected.facts!).map(([key, value]) => [key, typeof value === 'string' ? value : expect.stringMatching(value)]));
				expect(finding()?.facts).toMatchObject(wanted);
			});
		}
	});

	it('does not report the container holding the port, nor any container twice', () => {
		const holder = scenarios.find(scenario => scenario.reproduction.id === 'port-taken-by-container')!.names.others[0];
		expect(report.findings.map(finding => finding.container)).not.toContain(holder);
		const reported = report.findings.map(finding => finding.container);
		expect(new Set(reported).size).toBe(reported.length);
	});

	it('prints a readable report with the next command for each finding', () => {
		const subject = (id: string) => scenarios.find(scenario => scenario.reproduction.id === id)!.names.subject;
		const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const frontend = subject('nextjs-trace-permission');
		const lines = text.stdout.split('\n');
		expect(text.code).toBe(1);
		expect(lines[0]).toMatch(/^Docker \S+ \(API 1\.41\) at unix:\/\/\/var\/run\/docker\.sock$/);
		expect(lines).toContain(project);
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ✓ ${escape(subject('healthy-service'))} +unblock-test/busybox:1 +running, healthy$`)));
		// Between two crashes the engine shows a restart loop as running for a moment.
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ✗ ${escape(frontend)} +unblock-test/busybox:1 +(?:restarting, \\d+ restarts?, exit 1|running, \\d+ restarts?)$`)));
		expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^✗ ${escape(frontend)} \\(restart-loop\\): keeps restarting: \\d+ restarts?, last exit code 1 \\(the application reported an error\\)$`)));
		expect(lines).toContain('    log: [Error: EACCES: permission denied, open \'/app/.next/trace\'] {');
		expect(lines).toContain('  Likely causes:');
		expect(lines).toContain(`  Next: unblock fix volume-permission-uid-mismatch --container ${frontend}`);
		expect(lines).toContain(`  Next: unblock fix healthcheck-tool-missing --container ${subject('healthcheck-curl-missing')}`);
	});
});

describeWithEngine('unblock diagnose on a healthy project', () => {
	const project = uniqueName('healthy');
	const stopped: string[] = [];

	beforeAll(async () => {
		const labels = scenarioLabels(project);
		const healthy = reproductions.filter(reproduction => !reproduction.expected.reported);
		const cleanups: Array<() => void> = [];
		const started = [];
		for (const reproduction of healthy) {
			started.push({reproduction, names: await reproduction.setup({project, labels, defer: cleanup => cleanups.push(cleanup as () => void)})});
		}

		for (const {reproduction, names} of started) {
			expect(await waitFor(() => reproduction.ready(names), 60_000)).toBe(true);
		}

		for (const {reproduction, names} of started) {
			reproduction.beforeDiagnose?.(names);
			stopped.push(...(reproduction.beforeDiagnose ? [names.subject] : []));
		}
	}, 120_000);

	afterAll(() => {
		removeTestResources();
	});

	it('exits 0 and says nothing is broken', async () => {
		const result = await diagnose({json: false, project});
		expect(result.code).toBe(0);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Nothing is broken.');
		// A container the user stopped is shown as stopped: its 137 is docker stop's SIGKILL, not a crash.
		for (const name of stopped) {
			expect(result.stdout.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^  ✓ ${name} +unblock-test/busybox:1 +stopped, exit 137$`)));
		}
	});

	it('exits 0 with no findings in JSON', async () => {
		const result = await diagnose({json: true, project});
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as JsonReport).findings).toEqual([]);
	});

	it('exits 2 naming the projects there are when --project matches no container', async () => {
		await expect(diagnose({json: false, project: `${project}-missing`})).rejects.toMatchObject({
			message: `no container belongs to compose project "${project}-missing"`,
			hint: expect.stringMatching(new RegExp(`^the compose projects here are .*\\b${project}\\b`)) as unknown,
			exitCode: 2,
		});
		const json = await diagnose({json: true, project: `${project}-missing`});
		expect(json.code).toBe(2);
		expect((JSON.parse(json.stdout) as {projects: string[]}).projects).toContain(project);
	});
});

describe('unblock diagnose without an engine', () => {
	it('says so in one line with a hint and exits 2', async () => {
		const result = await diagnose({json: false}, {DOCKER_HOST: 'unix:///nonexistent/docker.sock'});
		expect(result.code).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe('unblock: Docker is not reachable at unix:///nonexistent/docker.sock: check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)\n');
	});

	it('prefers --host over DOCKER_HOST', async () => {
		const result = await diagnose({json: false, host: 'unix:///nonexistent/other.sock'}, {DOCKER_HOST: 'unix:///var/run/docker.sock'});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('unblock: Docker is not reachable at unix:///nonexistent/other.sock: check the address given with --host: is an engine running there?\n');
	});

	it('still prints a JSON document with --json', async () => {
		const result = await diagnose({json: true}, {DOCKER_HOST: 'unix:///nonexistent/docker.sock'});
		expect(result.code).toBe(2);
		expect(JSON.parse(result.stdout)).toEqual({
			engine: {reachable: false, host: 'unix:///nonexistent/docker.sock'},
			error: 'Docker is not reachable at unix:///nonexistent/docker.sock',
			hint: 'check DOCKER_HOST: is an engine running where it points? (unset it to use the current docker context)',
			containers: [],
			findings: [],
		});
	});

	it('gives up on an engine that accepts connections but never answers', async () => {
		const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-hang-'));
		const socket = path.join(directory, 'docker.sock');
		// Accept, read the request, and never answer.
		const server = net.createServer(connection => connection.resume());
		await new Promise<void>(resolve => server.listen(socket, resolve));
		try {
			const result = await diagnose({json: false, host: `unix://${socket}`});
			expect(result.code).toBe(2);
			expect(result.stderr).toBe(`unblock: Docker at unix://${socket} did not answer in time: check that the engine given with --host is running and responsive (docker --host unix://${socket} info)\n`);
		} finally {
			await new Promise<void>(resolve => server.close(() => resolve()));
			rmSync(directory, {recursive: true, force: true});
		}
	}, 20_000);

	it('refuses an address that is not one', async () => {
		const result = await diagnose({json: false, host: 'ftp://example'});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('unblock: "ftp://example" is not an engine address: use unix:///path/to/docker.sock, tcp://host:2375 or ssh://user@host in --host\n');
	});
});
