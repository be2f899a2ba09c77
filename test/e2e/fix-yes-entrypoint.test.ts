/**
 * `unblock fix entrypoint-not-executable --yes` on the real engine: an entrypoint script without
 * its execute bit, bind-mounted from a project folder, so the container never starts. The fix
 * finds the host file from the container's mounts, sets the bit, starts the container again and
 * says Fixed because it now stays up.
 */
import {chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli, type CliResult} from '../support/run-cli.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName} from '../support/engine.js';

describeWithEngine('unblock fix entrypoint-not-executable --yes', () => {
	const container = uniqueName('noexec-fix');
	let directory: string;
	let result: CliResult;

	beforeAll(() => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-noexec-fix-'));
		const script = path.join(directory, 'start.sh');
		writeFileSync(script, '#!/bin/sh\necho "worker ready"\nexec sleep 600\n');
		chmodSync(script, 0o644);
		// The engine refuses to start it: the container stays created, exit code 126.
		docker(['run', '-d', '--name', container, ...labelArgs(), '-v', `${directory}:/app`, '--entrypoint', '/app/start.sh', testImage], {allowFailure: true});
		expect(inspectState(container).Status).toBe('created');
		result = runCli(['fix', 'entrypoint-not-executable', '--container', container, '--yes'], {timeout: 240_000});
	}, 300_000);

	afterAll(() => {
		removeTestResources();
		rmSync(directory, {recursive: true, force: true});
	});

	it('sets the execute bit on the file the container runs, starts it, and says Fixed because it stays up', () => {
		expect(result.stdout).toContain(`$ chmod +x ${path.join(directory, 'start.sh')}\n`);
		expect(statSync(path.join(directory, 'start.sh')).mode & 0o111).not.toBe(0);
		expect(result.stdout).toContain(`$ docker restart ${container}\n`);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Fixed: every check passes now.');
		expect(result.code).toBe(0);
		expect(inspectState(container).Status).toBe('running');
	});
});
