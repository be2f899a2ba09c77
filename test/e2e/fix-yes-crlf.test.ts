/**
 * `unblock fix crlf-line-endings --yes` on the real engine: an entrypoint script with Windows line
 * endings, bind-mounted from a project folder. The fix finds the script and its file on the host
 * from the container itself, converts that file, starts the container again, refuses the step done
 * by hand, and says Fixed because the container now stays up.
 */
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli, type CliResult} from '../support/run-cli.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

describeWithEngine('unblock fix crlf-line-endings --yes', () => {
	const container = uniqueName('crlf-fix');
	let directory: string;
	let result: CliResult;

	beforeAll(async () => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-crlf-fix-'));
		const script = path.join(directory, 'start.sh');
		writeFileSync(script, '#!/bin/sh\r\necho "api ready"\r\nexec sleep 600\r\n');
		chmodSync(script, 0o755);
		docker(['run', '-d', '--name', container, ...labelArgs(), '-v', `${directory}:/app`, '--entrypoint', '/app/start.sh', testImage]);
		expect(await waitFor(() => inspectState(container).Status === 'exited', 30_000)).toBe(true);
		result = runCli(['fix', 'crlf-line-endings', '--container', container, '--yes'], {timeout: 240_000});
	}, 300_000);

	afterAll(() => {
		removeTestResources();
		rmSync(directory, {recursive: true, force: true});
	});

	it('converts the file the container runs, starts it, and says Fixed because it stays up', () => {
		expect(result.stdout).toContain(`$ perl -pi -e 's/\\r$//' ${path.join(directory, 'start.sh')}\n`);
		expect(readFileSync(path.join(directory, 'start.sh'), 'utf8')).not.toContain('\r');
		expect(result.stdout).toContain(`$ docker restart ${container}\n`);
		expect(result.stdout).toContain('refused: it is done by hand; run unblock fix without --yes to do it');
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Fixed: every check passes now.');
		expect(result.code).toBe(0);
		expect(inspectState(container).Status).toBe('running');
	});
});
