/**
 * The checks that shipped playbooks prove their steps with, on the real engine: each fails before
 * its step's own command runs and passes after it. The steps and checks are the playbooks' own,
 * filled in for labelled test containers, volumes and networks.
 */
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {loadPlaybookFile} from '../../source/adapters/playbook-loader.js';
import {runCheck} from '../../source/adapters/checks/run-check.js';
import type {CheckResult} from '../../source/core/checks/check-result.js';
import {placeholdersIn} from '../../source/core/template.js';
import {fillCheck} from '../../source/core/step-plans/render-check.js';
import {renderStepCommand} from '../../source/core/step-plans/render-command.js';
import {describeWithEngine, docker, ensureTestImage, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

const root = path.join(import.meta.dirname, '..', '..');

type Proof = {
	readonly before: readonly CheckResult[];
	readonly command: {readonly exitCode: number | null; readonly output: string};
	readonly after: readonly CheckResult[];
	readonly interim: readonly boolean[];
};

/** Runs the step's checks (one look each), then the step's own command, then its checks as the fix does. */
async function proveStep(playbookId: string, stepId: string, values: Record<string, string>): Promise<Proof> {
	const {playbook, diagnostics} = await loadPlaybookFile(path.join(root, 'playbooks', `${playbookId}.yaml`), 'shipped', root);
	const step = playbook?.steps.find(candidate => candidate.id === stepId);
	if (!step) {
		throw new Error(`playbooks/${playbookId}.yaml has no step "${stepId}": ${JSON.stringify(diagnostics)}`);
	}

	const checks = step.checks.map(check => fillCheck(check, values));
	const unfilled = checks.flatMap(check => placeholdersIn(JSON.stringify(check)));
	const argv = renderStepCommand(step, values)?.argv ?? [];
	if (checks.length === 0 || unfilled.length > 0 || argv.length === 0) {
		throw new Error(`${playbookId}/${stepId}: ${checks.length} checks, unfilled ${unfilled.join(', ')}, command ${argv.join(' ')}`);
	}

	const before = await Promise.all(checks.map(async check => runCheck({...check, oneShot: true})));
	const result = spawnSync(argv[0]!, argv.slice(1), {encoding: 'utf8', timeout: 60_000});
	const after = await Promise.all(checks.map(async check => runCheck(check, {since: Date.now()})));
	return {before, command: {exitCode: result.status, output: `${result.stdout}${result.stderr}`}, after, interim: checks.map(check => check.interim === true)};
}

function expectProven(proof: Proof): void {
	expect(proof.before.map(result => result.status), JSON.stringify(proof.before)).toEqual(proof.before.map(() => 'fail'));
	expect(proof.command, proof.command.output).toMatchObject({exitCode: 0});
	expect(proof.after.map(result => result.status), JSON.stringify(proof.after)).toEqual(proof.after.map(() => 'pass'));
}

/** A container that stops at once on `docker stop` (busybox sleep as PID 1 ignores SIGTERM). */
function runSleeper(name: string, args: readonly string[] = []): void {
	docker(['run', '-d', '--name', name, ...labelArgs(), '--stop-timeout', '1', ...args, testImage, 'sleep', '600']);
}

describeWithEngine('shipped playbook steps are proven by their checks on the real engine', () => {
	let hostDirectory = '';

	beforeAll(() => {
		ensureTestImage();
		hostDirectory = mkdtempSync(path.join(os.tmpdir(), 'unblock-step-proofs-'));
	});

	afterAll(() => {
		removeTestResources();
		rmSync(hostDirectory, {recursive: true, force: true});
	});

	test('docker rm -f: no container by that name any more; a later step recreates it, so the check is interim', async () => {
		const container = uniqueName('conflict');
		runSleeper(container);
		const proof = await proveStep('container-name-conflict', 'remove-existing', {container});
		expectProven(proof);
		expect(proof.after[0]?.detail).toMatch(/exited 1 and printed: .*no such container/i);
		expect(proof.interim).toEqual([true]);
	});

	test('docker volume rm: no volume by that name any more', async () => {
		const volume = uniqueName('initdb');
		docker(['volume', 'create', ...labelArgs(), volume]);
		const proof = await proveStep('db-init-env-ignored-existing-volume', 'remove-volume', {volume});
		expectProven(proof);
		expect(proof.after[0]?.detail).toMatch(/no such volume/i);
	});

	test('docker stop: the container no longer runs', async () => {
		const container = uniqueName('locked-db');
		runSleeper(container);
		const proof = await proveStep('db-lock-file-in-use', 'stop-this-container', {container});
		expectProven(proof);
		expect(proof.before[0]?.detail).toMatch(/printed nothing matching \/\^false\$\/: true$/);
	});

	test('a lock file in a named volume, removed through a helper container: gone from the same volume', async () => {
		const volume = uniqueName('lock-data');
		docker(['volume', 'create', ...labelArgs(), volume]);
		docker(['run', '--rm', ...labelArgs(), '-v', `${volume}:/data`, testImage, 'sh', '-c', 'mkdir -p /data/pgdata && echo 7 > /data/pgdata/postmaster.pid']);
		const proof = await proveStep('db-lock-file-in-use', 'remove-stale-lock', {'mount-source': volume, image: testImage, 'lock-file': 'pgdata/postmaster.pid'});
		expectProven(proof);
		expect(proof.interim).toEqual([true]);
	});

	test('a pidfile in a bind-mounted host folder, removed through a helper container: gone from the same folder', async () => {
		writeFileSync(path.join(hostDirectory, 'celerybeat.pid'), '1\n');
		const proof = await proveStep('stale-pidfile-on-restart', 'remove-pidfile', {'mount-source': hostDirectory, image: testImage, pidfile: 'celerybeat.pid'});
		expectProven(proof);
	});

	test('chown of the data directory: it belongs to the named user', async () => {
		const volume = uniqueName('pgdata');
		docker(['volume', 'create', ...labelArgs(), volume]);
		const dataDirectory = '/var/lib/postgresql/data';
		const proof = await proveStep('db-data-dir-permissions', 'fix-owner', {
			'mount-source': volume, 'mount-destination': dataDirectory, image: testImage, owner: 'nobody', pgdata: dataDirectory,
		});
		expectProven(proof);
		expect(proof.interim).toEqual([false]);
	});

	test('docker network connect: the network shows among the container\'s own', async () => {
		const network = uniqueName('shared');
		const container = uniqueName('resolver');
		docker(['network', 'create', ...labelArgs(), network]);
		runSleeper(container);
		const proof = await proveStep('service-hostname-unresolvable', 'connect-network', {network, container});
		expectProven(proof);
	});

	test('a reference to a removed network: detached by force, then attached to an existing one', async () => {
		const gone = uniqueName('gone');
		const existing = uniqueName('existing');
		const container = uniqueName('stale-net');
		docker(['network', 'create', ...labelArgs(), gone]);
		docker(['network', 'create', ...labelArgs(), existing]);
		docker(['create', '--name', container, ...labelArgs(), '--network', gone, testImage, 'sleep', '600']);
		docker(['network', 'rm', gone]);
		expect(await waitFor(() => docker(['network', 'ls', '-q', '--filter', `name=^${gone}$`]) === '')).toBe(true);

		expectProven(await proveStep('stale-network-reference', 'detach-stale-network', {network: gone, container}));
		expectProven(await proveStep('stale-network-reference', 'attach-network', {'new-network': existing, container}));
	});
});
