/**
 * Values that fill a playbook's commands come from containers, logs and the user. A container
 * named `x; rm -rf ~` or `--privileged`, or a value carrying `$(...)`, a backquote or a line
 * break, must reach the command as one literal argument or be refused with a reason; nothing of
 * it may run. Commands really run here (through the command runner), with a marker file that
 * appears only if an injection worked.
 */
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {parsePlaybookText} from '../../source/adapters/playbook-file-parser.js';
import {runCommand} from '../../source/adapters/command-runner.js';
import {resolveVariables} from '../../source/core/step-plans/resolve-variables.js';
import {planStep} from '../../source/core/step-plans/step-plan.js';
import type {Playbook} from '../../source/core/playbook-schema.js';
import {runCliProcess} from './cli-process.js';
import {playbookYaml} from './playbook-text.js';

let scratch: string;
let marker: string;

beforeAll(() => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-hostile-injection-'));
	marker = path.join(scratch, 'pwned');
});

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

function load(id: string, edit: (playbook: Record<string, unknown>) => void, source: 'team' | 'flag' = 'team'): Playbook {
	const result = parsePlaybookText(playbookYaml(id, edit), {file: `/team/.unblock/playbooks/${id}.yaml`, shown: `.unblock/playbooks/${id}.yaml`, source});
	if (!result.playbook) {
		throw new Error(result.diagnostics.map(diagnostic => diagnostic.message).join('; '));
	}

	return result.playbook;
}

/** A playbook whose steps print the container value: as an argv item, in a script word, and inside a longer argument. */
function echoPlaybook(): Playbook {
	return load('echo-value', playbook => {
		playbook.variables = {container: {description: 'the container', from: 'evidence', evidence: 'container'}};
		playbook.steps = [
			{id: 'as-argument', title: 'As an argument', explanation: 'Prints it.', command: ['printf', '[%s]\\n', '{container}'], risk: 'read-only'},
			{id: 'in-script', title: 'In a script', explanation: 'Prints it.', shell: 'printf "[%s]\\n" {container} | cat', risk: 'read-only'},
			{id: 'inside-argument', title: 'Inside an argument', explanation: 'Prints it.', command: ['printf', '[%s]\\n', 'name={container}'], risk: 'read-only'},
		];
	});
}

const injections = (file: string) => [
	`x; touch ${file}`,
	`$(touch ${file})`,
	`\`touch ${file}\``,
	`x && touch ${file}`,
	`x | touch ${file}`,
	`'; touch ${file}; '`,
	`"; touch ${file}; "`,
	`x > ${file}`,
	'* ~ $HOME',
];

describe('values that look like shell syntax stay one literal argument', () => {
	test.each(injections('/tmp/unblock-pwned-marker'))('%s', async value => {
		const playbook = echoPlaybook();
		const resolution = resolveVariables(playbook, {facts: {container: value}});
		expect(resolution.refused).toEqual([]);
		expect(resolution.values.container).toBe(value);
		for (const [index, step] of playbook.steps.entries()) {
			const plan = planStep(playbook, step, index, resolution.values);
			expect(plan.missing).toEqual([]);
			const result = await runCommand(plan.command!.argv, {timeoutSeconds: 20});
			expect(result.outcome).toEqual({kind: 'exited', exitCode: 0});
			const expected = step.id === 'inside-argument' ? `[name=${value}]` : `[${value}]`;
			expect(result.output.map(line => line.text)).toEqual([expected]);
		}

		expect(existsSync('/tmp/unblock-pwned-marker')).toBe(false);
	});

	test('the command as shown quotes the value so that pasting it is as safe as running it', () => {
		const playbook = echoPlaybook();
		const {values} = resolveVariables(playbook, {facts: {container: 'x; rm -rf ~'}});
		expect(planStep(playbook, playbook.steps[0]!, 0, values).command?.display).toBe('printf \'[%s]\\n\' \'x; rm -rf ~\'');
		expect(planStep(playbook, playbook.steps[1]!, 1, values).command?.display).toBe('printf "[%s]\\n" \'x; rm -rf ~\' | cat');
	});
});

describe('values that cannot be used are refused with a reason', () => {
	test.each([
		['--privileged', '--privileged', 'it starts with "-", so the command would read it as an option'],
		['-rf', '-rf', 'it starts with "-", so the command would read it as an option'],
		['a line break', 'web\ntouch /tmp/x', 'it contains a line break'],
		['a title-changing escape', 'web\u001B]0;pwned\u0007', 'it contains a tab or another control character'],
		['a NUL', 'web\u0000', 'it contains a tab or another control character'],
		['nothing', '', 'it is empty'],
		['5,000 characters', 'x'.repeat(5000), 'it is longer than 1000 characters'],
	])('%s', (_name, value, reason) => {
		const playbook = echoPlaybook();
		const resolution = resolveVariables(playbook, {facts: {container: value}});
		expect(resolution.values.container).toBeUndefined();
		expect(resolution.refused).toHaveLength(1);
		expect(resolution.refused[0]).toMatchObject({name: 'container', source: 'evidence', reason});
		expect(resolution.refused[0]!.shown).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
		for (const [index, step] of playbook.steps.entries()) {
			const plan = planStep(playbook, step, index, resolution.values);
			expect(plan.missing).toEqual(['container']);
		}
	});
});

describe('a team playbook cannot put a placeholder where its value would be code', () => {
	const diagnosticsOf = (id: string, step: Record<string, unknown>) => parsePlaybookText(playbookYaml(id, playbook => {
		playbook.variables = {name: {description: 'a name', from: 'ask', question: 'Which name?'}};
		playbook.steps = [{id: 'greet', title: 'Greet', explanation: 'Prints it.', risk: 'read-only', ...step}];
	}), {file: `/team/.unblock/playbooks/${id}.yaml`, shown: `.unblock/playbooks/${id}.yaml`, source: 'team'}).diagnostics.map(diagnostic => diagnostic.message);

	test.each([
		['inside double quotes in a script, where $(...) in the value would run', {shell: 'echo "hello {name}"'}, '{name} is inside quotes in the script, where its value could run as code; write it bare (unblock quotes each value as one word)'],
		['inside single quotes in a script, which the value could close', {shell: 'sh -c \'echo {name}\''}, '{name} is inside quotes in the script, where its value could run as code; write it bare (unblock quotes each value as one word)'],
		['in the script of sh -c in an argv', {command: ['sh', '-c', 'echo {name}']}, '{name} is inside the script of sh -c, where its value would run as code; pass it after the script and read it as "$1"'],
		['in the script of docker exec ... bash -lc', {command: ['docker', 'exec', 'web', 'bash', '-lc', 'ls /data/{name}']}, '{name} is inside the script of sh -c, where its value would run as code; pass it after the script and read it as "$1"'],
		['in the script of a check\'s command', {manual: 'Look.', checks: [{type: 'host-command', command: ['sh', '-c', 'test -e {name}']}]}, '{name} is inside the script of sh -c, where its value would run as code; pass it after the script and read it as "$1"'],
	])('%s is refused when the playbook loads', (_name, step, message) => {
		expect(diagnosticsOf('quoted-placeholder', step)).toEqual([message]);
	});

	test.each([
		['bare in a script', {shell: 'echo hello {name} | cat'}],
		['inside $(...) within double quotes, where quoting starts afresh', {shell: 'echo "name: $(printf %s {name})"'}],
		['passed after the script of sh -c and read as "$1"', {command: ['sh', '-c', 'echo "hello $1"', 'sh', '{name}']}],
	])('%s is accepted', (_name, step) => {
		expect(diagnosticsOf('bare-placeholder', step)).toEqual([]);
	});

	test('the accepted forms keep `$(touch ...)` a literal when they really run', async () => {
		const file = path.join(scratch, 'accepted-forms');
		for (const step of [
			{shell: 'echo hello {name} | cat'},
			{shell: 'echo "name: $(printf %s {name})"'},
			{command: ['sh', '-c', 'echo "hello $1"', 'sh', '{name}']},
		]) {
			const playbook = load('accepted-form', playbook => {
				playbook.variables = {name: {description: 'a name', from: 'ask', question: 'Which name?'}};
				playbook.steps = [{id: 'greet', title: 'Greet', explanation: 'Prints it.', risk: 'read-only', ...step}];
			});
			const {values} = resolveVariables(playbook, {answers: {name: `$(touch ${file})`}});
			const result = await runCommand(planStep(playbook, playbook.steps[0]!, 0, values).command!.argv, {timeoutSeconds: 20});
			expect(result.outcome).toEqual({kind: 'exited', exitCode: 0});
			expect(result.output.map(line => line.text).join('\n')).toContain(`$(touch ${file})`);
		}

		expect(existsSync(file)).toBe(false);
	});
});

describe('unblock fix --yes through the binary', () => {
	let repository: string;

	beforeAll(() => {
		repository = path.join(scratch, 'repository');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		mkdirSync(path.join(repository, '.unblock', 'playbooks'), {recursive: true});
		writeFileSync(path.join(repository, '.unblock', 'playbooks', 'clean-cache.yaml'), playbookYaml('clean-cache', playbook => {
			playbook.variables = {container: {description: 'the container', from: 'evidence', evidence: 'container'}};
			playbook.steps = [
				{id: 'show', title: 'Show the name', explanation: 'Prints it.', command: ['printf', 'container=[%s]\\n', '{container}'], risk: 'read-only'},
				{
					id: 'wipe',
					title: 'Wipe the cache',
					explanation: 'Removes the cache file.',
					command: ['sh', '-c', 'echo wiped > "$0"', 'wiped-marker'],
					risk: 'destructive',
					destroys: 'the cache of {container}',
				},
			];
		}));
	});

	const fix = async (...flags: string[]) => runCliProcess(['fix', 'clean-cache', '--yes', ...flags], {
		cwd: repository,
		env: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'},
	});

	test('--yes refuses the destructive step, runs the others, and shows each command before its output', async () => {
		rmSync(path.join(repository, 'wiped-marker'), {force: true});
		// Never an `rm` here: if the quoting were broken, the test would do what it guards against.
		const value = `x; touch ${marker}`;
		const result = await fix('--container', value);
		expect(existsSync(path.join(repository, 'wiped-marker'))).toBe(false);
		expect(existsSync(marker)).toBe(false);
		expect(result.stdout).toContain('Its commands come from your team: ');
		const shown = result.stdout.indexOf(`$ printf 'container=[%s]\\n' '${value}'`);
		const output = result.stdout.indexOf(`container=[${value}]`);
		expect(shown).toBeGreaterThan(-1);
		expect(output).toBeGreaterThan(shown);
		expect(result.stdout).toContain(`refused: it destroys the cache of ${value}; --yes runs destructive steps only with --allow-destructive`);
	});

	test('--yes --allow-destructive runs it', async () => {
		rmSync(path.join(repository, 'wiped-marker'), {force: true});
		const result = await fix('--container', 'web-1', '--allow-destructive');
		expect(result.stdout).toContain('$ sh -c \'echo wiped > "$0"\' wiped-marker');
		expect(readFileSync(path.join(repository, 'wiped-marker'), 'utf8')).toBe('wiped\n');
	});

	test('a container named --privileged is refused, and nothing runs with it', async () => {
		const result = await fix('--container=--privileged');
		expect(result.stdout).not.toContain('container=[--privileged]');
		expect(result.stdout).toContain('needs {container}, and --yes asks no questions: pass --set container=<value>');
	});

	test('--dry-run marks every step of a team playbook as such', async () => {
		const result = await runCliProcess(['fix', 'clean-cache', '--dry-run', '--container', 'web-1'], {cwd: repository, env: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'}});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Its commands were not written by unblock: read each one before you run it.');
		expect(result.stdout).toContain('Step 1 of 2: Show the name (read-only, team playbook)');
		expect(result.stdout).toContain('Step 2 of 2: Wipe the cache (destructive, team playbook)');
	});
});
