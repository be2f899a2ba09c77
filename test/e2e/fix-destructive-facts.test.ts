/**
 * On the real engine, through the built binary: a stale lock in a named volume is found by the
 * volume's name, kept while another running container mounts that volume, and removed through a
 * helper container once nothing runs on it; compose steps carry the container's own project.
 */
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli, type CliResult} from '../support/run-cli.js';
import {describeWithEngine, docker, ensureTestImage, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

const dataDirectory = '/var/lib/postgresql/data';
const lockExists = (volume: string) =>
	docker(['run', '--rm', ...labelArgs(), '-v', `${volume}:/d`, '--entrypoint', 'sh', testImage, '-c', 'test -f /d/postmaster.pid && echo yes || echo no']) === 'yes';

describeWithEngine('destructive steps act on the engine\'s own facts', () => {
	const volume = uniqueName('lock-data');
	const holder = uniqueName('lock-holder');
	const database = uniqueName('lock-db');
	let whileHeld: CliResult;
	let afterStop: CliResult;
	let heldLockKept = false;

	beforeAll(async () => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		ensureTestImage();
		docker(['volume', 'create', ...labelArgs(), volume]);
		docker(['run', '-d', '--name', holder, ...labelArgs(), '-v', `${volume}:${dataDirectory}`, testImage, 'sh', '-c', `echo 7 > ${dataDirectory}/postmaster.pid; exec sleep 600`]);
		docker(['run', '-d', '--name', database, ...labelArgs(), '-v', `${volume}:${dataDirectory}`, testImage, 'sh', '-c',
			`echo 'FATAL:  lock file "postmaster.pid" already exists' >&2; echo 'HINT:  Is another postmaster (PID 7) running in data directory "${dataDirectory}"?' >&2; exit 1`]);
		await waitFor(() => docker(['inspect', '--format', '{{.State.Status}}', database]) === 'exited');

		whileHeld = runCli(['fix', 'db-lock-file-in-use', '--container', database, '--yes', '--allow-destructive'], {timeout: 240_000});
		heldLockKept = lockExists(volume);
		docker(['stop', '-t', '1', holder]);
		afterStop = runCli(['fix', 'db-lock-file-in-use', '--container', database, '--yes', '--allow-destructive'], {timeout: 240_000});
	}, 600_000);

	afterAll(() => {
		removeTestResources();
	});

	it('lists the containers on the volume by its name, and refuses to remove a lock another running container holds', () => {
		expect(whileHeld.stdout).toContain(`$ docker ps -a --filter volume=${volume} --format '{{.Names}}  {{.Status}}  {{.Image}}'\n`);
		expect(whileHeld.stdout).toMatch(new RegExp(`│ ${holder}  Up `));
		expect(whileHeld.stdout).toContain(`: Remove the stale lock file (only when no other server uses the data)\n  refused: it was not run, because no running container mounts volume ${volume}: ${holder} is running on volume ${volume}: stop it first\n`);
		expect(whileHeld.stdout).not.toContain('--entrypoint rm');
		expect(heldLockKept).toBe(true);
	});

	it('removes the lock the log names through a helper container that mounts the volume by name, once nothing runs on it', () => {
		expect(afterStop.stdout).toContain(`$ docker run --rm --user 0 --entrypoint rm -v ${volume}:/lock-dir ${testImage} -f /lock-dir/postmaster.pid\n`);
		expect(afterStop.stdout).not.toContain('/var/lib/docker/volumes');
		expect(lockExists(volume)).toBe(false);
	});
});

describeWithEngine('compose steps run in the container\'s own compose project', () => {
	const project = uniqueName('compose').toLowerCase();
	const composed = `${project}-web-1`;
	const plain = uniqueName('plain');
	let directory = '';
	let inProject: CliResult;
	let withoutCompose: CliResult;

	beforeAll(() => {
		ensureTestImage();
		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock test project '));
		const files = [path.join(directory, 'compose.yaml'), path.join(directory, 'compose.dev.yaml')];
		docker(['create', '--name', composed, ...labelArgs({
			'com.docker.compose.project': project,
			'com.docker.compose.service': 'web',
			'com.docker.compose.project.working_dir': directory,
			'com.docker.compose.project.config_files': files.join(','),
		}), testImage, 'true']);
		docker(['create', '--name', plain, ...labelArgs(), testImage, 'true']);
		inProject = runCli(['fix', 'stale-image-not-rebuilt', '--container', composed, '--dry-run'], {cwd: os.tmpdir()});
		withoutCompose = runCli(['fix', 'stale-image-not-rebuilt', '--container', plain, '--dry-run'], {cwd: os.tmpdir()});
	}, 120_000);

	afterAll(() => {
		removeTestResources();
		rmSync(directory, {recursive: true, force: true});
	});

	it('passes the project directory, each config file and the project name from the labels, as single arguments', () => {
		const quoted = `'${directory}'`;
		const prefix = `$ docker compose --project-directory ${quoted} -f '${path.join(directory, 'compose.yaml')}' -f '${path.join(directory, 'compose.dev.yaml')}' -p ${project}`;
		expect(inProject.stderr).toBe('');
		expect(inProject.stdout).toContain(`${prefix} config web\n`);
		expect(inProject.stdout).toContain(`${prefix} up -d --build web\n`);
		expect(inProject.stdout).not.toMatch(/\$ docker compose (?!--project-directory)/);
	});

	it('says plainly that a container compose did not make has no project to run in, and runs nothing there', () => {
		expect(withoutCompose.stdout).toContain(`By hand: Not run: ${plain} was not started by docker compose (it has no com.docker.compose.project label), so unblock does not know which compose project to run this in and does not guess. Run it yourself in the project's directory: docker compose config`);
		expect(withoutCompose.stdout).not.toContain('$ docker compose');
	});
});
