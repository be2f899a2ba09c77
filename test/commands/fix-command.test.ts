import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import type {CommandContext} from '../../source/commands/command-context.js';
import {UserError} from '../../source/core/user-error.js';
import {runFix, type FixOptions} from '../../source/commands/fix.js';
import {nonInteractiveHint, runWizard} from '../../source/commands/wizard.js';

/** Nothing listens on port 1: the engine is unreachable at once. */
const noEngine = 'tcp://127.0.0.1:1';

const playbook = `id: wizard-test-restart-service
title: The test service needs a restart
cause: app-crash-on-startup
summary: The service needs a restart to pick up its configuration.
symptoms: [wizard test service stuck]
variables:
  container:
    description: The container
    from: evidence
    evidence: container
    question: Which container?
    pattern: '^[a-z0-9][a-z0-9_.-]*$'
  volume:
    description: The data volume
    from: ask
    question: Which volume holds the data?
    default: test-data
steps:
  - id: restart
    title: Restart the container
    explanation: Restarts it so it reads its configuration again.
    command: [docker, restart, '{container}']
    risk: safe
    checks:
      - type: container-running
        container: '{container}'
        stableSeconds: 1
  - id: remove-volume
    title: Remove the data volume
    explanation: Deletes the volume so it starts from empty.
    command: [docker, volume, rm, '{volume}']
    risk: destructive
    destroys: '{volume}'
`;

let directory: string;
let file: string;
let stdout: string;
let stderr: string;

function context(interactive = false): CommandContext {
	return {
		cwd: directory,
		env: {},
		stdout: {write: text => {
			stdout += text;
		}},
		stderr: {write: text => {
			stderr += text;
		}},
		color: false,
		interactive,
	};
}

function options(overrides: Partial<FixOptions> = {}): FixOptions {
	return {playbook: 'wizard-test-restart-service', dryRun: false, yes: false, allowDestructive: false, host: noEngine, playbookDirectories: [directory], knowledgePaths: [], ...overrides};
}

beforeAll(() => {
	directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-fix-command-'));
	file = path.join(directory, 'wizard-test-restart-service.yaml');
	writeFileSync(file, playbook);
});

afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

beforeEach(() => {
	stdout = '';
	stderr = '';
});

describe('unblock fix without a terminal', () => {
	test('an unknown playbook is bad usage naming the close ones', async () => {
		const error = await runFix(options({playbook: 'wizard-test-restart'}), context()).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).message).toBe('there is no playbook "wizard-test-restart"');
		expect((error as UserError).hint).toMatch(/^did you mean wizard-test-restart-service(, [a-z-]+)*\? unblock playbooks lists them all$/);
	});

	test('without --dry-run or --yes it refuses, naming both flags', async () => {
		const error = await runFix(options(), context()).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).message).toBe('a guided fix asks before every step, and there is no terminal to ask in');
		expect((error as UserError).hint).toBe('pass --dry-run to see every step and command (nothing runs), or --yes to run them without questions: unblock fix wizard-test-restart-service --dry-run');
	});

	test('--dry-run prints every step with its command and checks, and runs nothing', async () => {
		expect(await runFix(options({dryRun: true}), context())).toBe(0);
		expect(stdout).toBe([
			'Dry run of wizard-test-restart-service: The test service needs a restart',
			`Nothing is run. Playbook from a --playbooks directory: ${file}`,
			'Its commands were not written by unblock: read each one before you run it.',
			'',
			'Variables',
			'  {container}: not known yet; the fix asks "Which container?"',
			'  {volume} = test-data (default)',
			'',
			'Step 1 of 2: Restart the container (safe)',
			'  Restarts it so it reads its configuration again.',
			'  Needs {container}: asked when the fix runs.',
			'  $ docker restart \'{container}\'',
			'  Check: container {container} is running and stays up for 1s without a restart',
			'',
			'Step 2 of 2: Remove the data volume (destructive)',
			'  Deletes the volume so it starts from empty.',
			'  $ docker volume rm test-data',
			'  Destroys test-data: the fix asks you to type that name first; --yes refuses it without --allow-destructive.',
			'  Checks: none',
			'',
		].join('\n'));
		expect(stderr).toBe('');
	});

	test('--dry-run --container without an engine fills in the name and says why the rest is missing', async () => {
		expect(await runFix(options({dryRun: true, container: 'web-1'}), context())).toBe(0);
		expect(stdout).toContain('  {container} = web-1 (from the evidence)\n');
		expect(stdout).toContain('  $ docker restart web-1\n  Check: container web-1 is running and stays up for 1s without a restart\n');
		expect(stderr).toBe([
			'unblock: Docker is not reachable at tcp://127.0.0.1:1: check the address given with --host: is an engine running there?',
			'unblock: only the container\'s name is known; the other values show as placeholders',
			'',
		].join('\n'));
	});

	test('--yes refuses what needs an answer or destroys data, runs nothing, and exits 1 because nothing is confirmed', async () => {
		expect(await runFix(options({yes: true}), context())).toBe(1);
		expect(stdout).toBe([
			'Fixing wizard-test-restart-service: The test service needs a restart',
			`Its commands come from a --playbooks directory: ${file}`,
			'',
			'Step 1 of 2: Restart the container',
			'  refused: needs {container}, and --yes asks no questions: pass --set container=<value>',
			'',
			'Step 2 of 2: Remove the data volume',
			'  refused: it destroys test-data; --yes runs destructive steps only with --allow-destructive',
			'',
			'Summary of wizard-test-restart-service: The test service needs a restart',
			'  1. Restart the container: refused: needs {container}, and --yes asks no questions: pass --set container=<value>',
			'  2. Remove the data volume: refused: it destroys test-data; --yes runs destructive steps only with --allow-destructive',
			'Checks now',
			'  not run  container {container} is running and stays up for 1s without a restart: restart needs {container}',
			'Nothing confirmed: no check ran.',
			'',
		].join('\n'));
	});
});

describe('unblock fix --set', () => {
	test('a value given with --set fills its variable and says so', async () => {
		expect(await runFix(options({dryRun: true, set: {container: 'web-2', volume: 'other-data'}}), context())).toBe(0);
		expect(stdout).toContain('  {container} = web-2 (given)\n  {volume} = other-data (given)\n');
		expect(stdout).toContain('$ docker volume rm other-data');
	});

	test('a variable the playbook does not declare is bad usage, naming the flag and the variables there are', async () => {
		const error = await runFix(options({yes: true, set: {volumes: 'x'}}), context()).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).message).toBe('--set volumes: wizard-test-restart-service has no variable "volumes"');
		expect((error as UserError).hint).toBe('its variables are container, volume (unblock fix wizard-test-restart-service --dry-run shows each)');
		expect(stdout).toBe('');
	});

	test('a value its variable refuses is bad usage before anything runs', async () => {
		const error = await runFix(options({yes: true, set: {container: 'web; reboot'}}), context()).catch((error_: unknown) => error_);
		expect(error).toBeInstanceOf(UserError);
		expect((error as UserError).message).toBe('--set container="web; reboot" cannot be used: it does not match the pattern ^[a-z0-9][a-z0-9_.-]*$');
		expect(stdout).toBe('');
	});

	test('--yes --allow-destructive still refuses a changing step whose value is only the default, naming the --set to pass', async () => {
		expect(await runFix(options({yes: true, allowDestructive: true}), context())).toBe(1);
		expect(stdout).toContain([
			'Step 2 of 2: Remove the data volume',
			'  refused: it would act on {volume} = test-data, only the playbook\'s default: nothing here confirmed it; pass --set volume=<value> to run it',
		].join('\n'));
	});
});

describe('unblock (the wizard) without a terminal', () => {
	test('prints what diagnose prints, then the commands that work without a terminal', async () => {
		expect(await runWizard({dryRun: false, yes: false, allowDestructive: false, host: noEngine, playbookDirectories: [], knowledgePaths: []}, context())).toBe(2);
		expect(stdout).toBe('');
		expect(stderr).toBe(`unblock: Docker is not reachable at tcp://127.0.0.1:1: check the address given with --host: is an engine running there?\n${nonInteractiveHint}`);
		expect(nonInteractiveHint).toBe([
			'unblock: no terminal here, so the wizard did not open. Without one:',
			'  unblock search "<what you see, or the error>"   rank playbooks and past blockers',
			'  unblock diagnose --json                       this report as JSON',
			'  unblock fix <playbook> --dry-run              every step and command of a fix, nothing run',
			'',
		].join('\n'));
	});
});
