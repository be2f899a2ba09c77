/**
 * Every credential shape of the catalogue through every output path, on the real engine. The
 * containers' logs and environments hold every example of credential-shapes.ts; `diagnose`,
 * `diagnose --json`, the wizard's finding details, a recorded incident and a fix step's output
 * must show none of the credentials, while the lines around them still read.
 */
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {credentialShapes} from '../../source/core/credential-shapes.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';
import {runCliProcess, type CliRun} from './cli-process.js';
import {playbookYaml} from './playbook-text.js';
import {framesOfEveryFindingDetail} from './wizard-finding-details.js';

type Example = {readonly shape: string; readonly text: string; readonly secret: string; readonly redacted?: string};

const examples: Example[] = credentialShapes.flatMap(shape => shape.redacts.map(example => ({shape: shape.name, ...example})));
const oneLine = examples.filter(example => !example.text.includes('\n'));
const severalLines = examples.filter(example => example.text.includes('\n'));
// A finding shows a container's last five error lines: five examples each keeps every one in view.
const perContainer = 5;
const groups = [
	...Array.from({length: Math.ceil(oneLine.length / perContainer)}, (_, index) => oneLine.slice(index * perContainer, (index + 1) * perContainer)),
	severalLines,
];

type Report = {findings: Array<{container: string; evidence: string[]}>};

/** The text as a terminal could show it wrapped: a secret cut across lines must not hide from the check. */
function unwrapped(text: string): string {
	return text.replaceAll(/[\s│─╭╮╰╯|]+/g, '');
}

function expectNoSecret(output: string, where: string): void {
	for (const {shape, secret} of examples) {
		expect(output, `${where} shows the ${shape} example's secret`).not.toContain(secret);
		expect(unwrapped(output), `${where} shows the ${shape} example's secret wrapped`).not.toContain(unwrapped(secret));
	}
}

describeWithEngine('every credential shape, through every output path of the real engine', () => {
	const project = uniqueName('shapes');
	const names = groups.map((_, index) => `${project}-app${index}-1`);
	let text: CliRun;
	let json: CliRun;
	let report: Report;
	let scratch: string;

	beforeAll(async () => {
		scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-shapes-'));
		for (const [index, group] of groups.entries()) {
			const variables = group.map((_, position) => `EXAMPLE_${position}`);
			// One-line examples print as errors, so the finding keeps them; keys print as they are.
			const print = index < groups.length - 1
				? `printf 'error: %s\\n' ${variables.map(name => `"$${name}"`).join(' ')}`
				: `printf '%s\\n' ${variables.map(name => `"$${name}"`).join(' ')}`;
			docker(['run', '-d', '--name', names[index]!,
				...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': `app${index}`}),
				...group.flatMap((example, position) => ['-e', `EXAMPLE_${position}=${example.text}`]),
				testImage, 'sh', '-c', `${print}; exit 1`]);
		}

		if (!await waitFor(() => names.every(name => inspectState(name).Status === 'exited'), 120_000, 500)) {
			throw new Error('the containers did not exit within 120 s');
		}

		text = await runCliProcess(['diagnose', '--project', project], {timeout: 120_000});
		json = await runCliProcess(['diagnose', '--json', '--project', project], {timeout: 120_000});
		report = JSON.parse(json.stdout) as Report;
	}, 300_000);

	afterAll(() => {
		cleanup();
		removeTestResources();
		rmSync(scratch, {recursive: true, force: true});
	});

	test('the engine really holds every credential, in the logs and the environment', () => {
		const logs = names.map(name => docker(['logs', name])).join('\n');
		const environment = names.map(name => docker(['inspect', '--format', '{{range .Config.Env}}{{println .}}{{end}}', name])).join('\n');
		for (const {secret} of examples) {
			expect(logs).toContain(secret);
			expect(environment).toContain(secret);
		}
	});

	test('diagnose and diagnose --json show the lines, redacted, and no credential', () => {
		expect(text.code).toBe(1);
		expect(json.code).toBe(1);
		for (const output of [text.stdout, text.stderr, json.stdout, json.stderr]) {
			expectNoSecret(output, 'diagnose');
		}

		const evidence = report.findings.flatMap(finding => finding.evidence).join('\n');
		for (const {text: line, redacted} of oneLine) {
			if (redacted !== undefined) {
				expect(evidence, line).toContain(`error: ${redacted}`);
			}
		}
	});

	test('the wizard\'s finding details show the lines, redacted, and no credential', async () => {
		const frames = await framesOfEveryFindingDetail({cwd: scratch, project, firstContainer: names[0]!, findings: names.length});
		expect(unwrapped(frames ?? '')).toContain(unwrapped('error: PGPASSWORD=[redacted] psql -h db'));
		expectNoSecret(frames ?? '', 'the wizard');
	}, 120_000);

	test('a fix step that prints the logs and the environment shows no credential', async () => {
		const repository = path.join(scratch, 'fix');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		mkdirSync(path.join(repository, '.unblock', 'playbooks'), {recursive: true});
		writeFileSync(path.join(repository, '.unblock', 'playbooks', 'print-everything.yaml'), playbookYaml('print-everything', playbook => {
			playbook.steps = [{
				id: 'print',
				title: 'Print every log and environment of the project',
				explanation: 'Shows what the containers hold.',
				shell: `for c in $(docker ps -aq --filter label=com.docker.compose.project=${project}); do docker logs "$c"; docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$c"; done`,
				risk: 'read-only',
			}];
		}));
		const fixed = await runCliProcess(['fix', 'print-everything', '--yes'], {cwd: repository, timeout: 120_000});
		expect(fixed.stdout).toContain('error: PGPASSWORD=[redacted] psql -h db');
		expect(fixed.stdout).toContain('EXAMPLE_0=');
		expectNoSecret(fixed.stdout, 'the fix output');
		expectNoSecret(fixed.stderr, 'the fix output');
	}, 150_000);

	test('an incident recorded from the evidence and from the raw logs holds no credential', async () => {
		const repository = path.join(scratch, 'record');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		const rawLogs = names.map(name => docker(['logs', name])).join('\n');
		const recorded = await runCliProcess([
			'record',
			'--title', 'Every app exits at once',
			'--symptom', 'exit 1',
			'--resolution', 'rotated every credential',
			'--file', 'BLOCKERS.md',
			...report.findings.flatMap(finding => finding.evidence).flatMap(line => ['--evidence', line]),
			'--evidence', rawLogs,
			...oneLine.flatMap(example => ['--tried', example.text]),
		], {cwd: repository, timeout: 60_000});
		expect(recorded.code).toBe(0);
		const note = readFileSync(path.join(repository, 'BLOCKERS.md'), 'utf8');
		expect(note).toContain('Every app exits at once');
		expectNoSecret(note, 'the recorded incident');
	}, 90_000);
});
