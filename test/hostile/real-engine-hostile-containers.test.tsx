/**
 * Hostile containers on the real engine. One has POSTGRES_PASSWORD set to a random value and
 * prints it in its log beside a title change, a bell and a screen clear; one reports it in its
 * health-check output; one writes 100 MB of log; one writes a 1 MB line. The value must appear
 * nowhere: not in `diagnose`, not in `diagnose --json`, not on the wizard's screens, not in a
 * recorded note. The escapes must not reach any of them, and the floods are read bounded.
 */
import {randomBytes} from 'node:crypto';
import {mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';
import {runCliProcess, type CliRun} from './cli-process.js';
import {playbookYaml} from './playbook-text.js';
import {framesOfEveryFindingDetail} from './wizard-finding-details.js';

// What a hostile log tries to send: OSC (title, clipboard), BEL, CSI that clears or moves.
const terminalControl = /\u001B\]|\u0007|\u001B\[[\d;]*[HJKABCDf]|\u009B|\u009D/;
const jsonEscapedControl = /\\u001b|\\u0007|\\u0000|\\u009b|\\u009d/i;

type Report = {
	containers: Array<{name: string}>;
	findings: Array<{container: string; evidence: string[]}>;
};

describeWithEngine('hostile containers on the real engine', () => {
	const project = uniqueName('hostile');
	const secret = `Pw${randomBytes(12).toString('hex')}`;
	const names = {
		secret: `${project}-db-1`,
		health: `${project}-cache-1`,
		flood: `${project}-flood-1`,
		longLine: `${project}-long-1`,
	};
	let text: CliRun;
	let json: CliRun;
	let report: Report;
	let scratch: string;

	const run = (service: string, args: readonly string[]) => {
		docker(['run', '-d', '--name', `${project}-${service}-1`, ...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service}), ...args]);
	};

	beforeAll(async () => {
		scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-hostile-engine-'));
		run('db', ['-e', `POSTGRES_PASSWORD=${secret}`, testImage, 'sh', '-c', [
			'printf "\\033]0;pwned\\007\\007connecting to postgres with password %s\\n" "$POSTGRES_PASSWORD"',
			'printf "\\033[2J\\033[Hretrying postgres://app:%s@db:5432/app\\n" "$POSTGRES_PASSWORD"',
			'printf "\\033]52;c;cm0gLXJmIH4=\\007FATAL:  data directory \\"/var/lib/postgresql/data\\" has wrong ownership\\n"',
			'exit 1',
		].join('; ')]);
		run('cache', [
			'-e', `REDIS_PASSWORD=${secret}`,
			'--health-cmd', 'printf "\\033]0;pwned\\007auth %s failed: curl: not found\\n" "$REDIS_PASSWORD"; exit 1',
			'--health-interval', '1s', '--health-retries', '1', '--health-start-period', '0s',
			testImage, 'sleep', '3600',
		]);
		// 100 MB of 1000-character lines, then the line that matters.
		run('flood', [testImage, 'sh', '-c', 'line=$(head -c 1000 /dev/zero | tr "\\0" a); yes "$line" | head -c 104857600; echo; echo "Error: EACCES: permission denied, open \'/data/flood.log\'"; exit 1']);
		// One line of 1 MB, then the error.
		run('long', [testImage, 'sh', '-c', 'head -c 1048576 /dev/zero | tr "\\0" b; echo; echo "Error: EACCES: permission denied, open \'/data/long.log\'"; exit 1']);

		const ready = await waitFor(() => inspectState(names.secret).Status === 'exited'
			&& inspectState(names.flood).Status === 'exited'
			&& inspectState(names.longLine).Status === 'exited'
			&& inspectState(names.health).Health?.Status === 'unhealthy', 240_000, 1000);
		if (!ready) {
			throw new Error('the hostile containers did not reach their states within 240 s');
		}

		// A heap of 128 MB: reading 100 MB of log whole would not fit.
		text = await runCliProcess(['diagnose', '--project', project], {timeout: 120_000, nodeOptions: ['--max-old-space-size=128']});
		json = await runCliProcess(['diagnose', '--json', '--project', project], {timeout: 120_000, nodeOptions: ['--max-old-space-size=128']});
		report = JSON.parse(json.stdout) as Report;
	}, 400_000);

	afterAll(() => {
		cleanup();
		removeTestResources();
		rmSync(scratch, {recursive: true, force: true});
	});

	test('diagnose reports all four containers and exits 1', () => {
		expect(text.code).toBe(1);
		expect(json.code).toBe(1);
		expect(report.containers.map(container => container.name).sort()).toEqual(Object.values(names).sort());
		for (const name of Object.values(names)) {
			expect(text.stdout).toContain(name);
		}
	});

	test('the password is nowhere in the text report or the JSON', () => {
		for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
			expect(output).not.toContain(secret);
		}

		expect(text.stdout).toContain('[redacted]');
	});

	test('no escape sequence or bell reaches the text report or the JSON', () => {
		expect(text.stdout).not.toMatch(terminalControl);
		expect(json.stdout).not.toMatch(terminalControl);
		expect(json.stdout).not.toMatch(jsonEscapedControl);
	});

	test('the 100 MB log and the 1 MB line are read by their tails: the last error is the evidence, the output stays small', () => {
		const evidence = (name: string) => report.findings.find(finding => finding.container === name)?.evidence.join('\n') ?? '';
		expect(evidence(names.flood)).toContain('Error: EACCES: permission denied, open \'/data/flood.log\'');
		expect(evidence(names.longLine)).toContain('Error: EACCES: permission denied, open \'/data/long.log\'');
		expect(text.stdout.length).toBeLessThan(64 * 1024);
		expect(json.stdout.length).toBeLessThan(256 * 1024);
	});

	test('the wizard\'s screens, on the same containers, show neither the password nor the escapes', async () => {
		const frames = await framesOfEveryFindingDetail({cwd: scratch, project, firstContainer: names.secret, findings: Object.keys(names).length});
		expect(frames).toContain(names.secret);
		expect(frames).not.toContain(secret);
		expect(frames).not.toMatch(/\u001B\]|\u0007|\u001B\[2J|\u009B|\u009D/);
	}, 120_000);

	test('a fix step that prints the container\'s log (unblock fix --yes) shows the log without the password or the escapes', async () => {
		const repository = path.join(scratch, 'fix-logs');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		mkdirSync(path.join(repository, '.unblock', 'playbooks'), {recursive: true});
		writeFileSync(path.join(repository, '.unblock', 'playbooks', 'read-the-log.yaml'), playbookYaml('read-the-log', playbook => {
			playbook.variables = {container: {description: 'the container', from: 'evidence', evidence: 'container'}};
			playbook.steps = [{id: 'read', title: 'Read the log', explanation: 'Shows the last lines.', command: ['docker', 'logs', '--tail', '20', '{container}'], risk: 'read-only'}];
		}));
		const fixed = await runCliProcess(['fix', 'read-the-log', '--yes', '--container', names.secret, '--project', project], {cwd: repository, timeout: 120_000});
		expect(fixed.stdout).toContain('$ docker logs --tail 20 ' + names.secret);
		expect(fixed.stdout).toContain('has wrong ownership');
		expect(fixed.stdout).not.toContain(secret);
		expect(fixed.stdout).not.toMatch(terminalControl);
	});

	test('a note recorded from the diagnosed evidence does not hold the password', async () => {
		const repository = path.join(scratch, 'from-evidence');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		const evidence = report.findings.find(finding => finding.container === names.secret)?.evidence ?? [];
		expect(evidence.length).toBeGreaterThan(0);
		const recorded = await runCliProcess([
			'record',
			'--title', 'Postgres will not start',
			'--symptom', 'exits at once',
			'--resolution', 'fixed the ownership',
			'--file', 'BLOCKERS.md',
			...evidence.flatMap(line => ['--evidence', line]),
			'--evidence', `docker run -e POSTGRES_PASSWORD=${secret} postgres`,
		], {cwd: repository, env: {POSTGRES_PASSWORD: undefined}});
		expect(recorded.code).toBe(0);
		const note = readFileSync(path.join(repository, 'BLOCKERS.md'), 'utf8');
		expect(note).toContain('Postgres will not start');
		expect(note).not.toContain(secret);
		expect(note).not.toMatch(terminalControl);
		expect(readdirSync(repository).filter(name => name.includes('unblock-tmp') || name.endsWith('.lock'))).toEqual([]);
	});

	test('a note recorded from the raw log pasted in, with the password in the environment, does not hold it', async () => {
		const repository = path.join(scratch, 'from-raw-log');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		const rawLog = docker(['logs', names.secret]);
		expect(rawLog).toContain(secret);
		const recorded = await runCliProcess([
			'record',
			'--title', 'Postgres will not start',
			'--symptom', 'exits at once',
			'--resolution', 'fixed the ownership',
			'--file', 'BLOCKERS.md',
			'--evidence', rawLog,
		], {cwd: repository, env: {POSTGRES_PASSWORD: secret}});
		expect(recorded.code).toBe(0);
		const note = readFileSync(path.join(repository, 'BLOCKERS.md'), 'utf8');
		expect(note).not.toContain(secret);
		expect(note).not.toMatch(terminalControl);
	});
});
