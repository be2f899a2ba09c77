/**
 * `unblock fix <playbook> --container NAME --yes`, the built binary without a terminal, on the
 * real engine: it prints each command before running it, refuses the step done by hand, and exits
 * 0 because the playbook's checks pass at the end.
 */
import {existsSync, rmSync} from 'node:fs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli, type CliResult} from '../support/run-cli.js';
import {describeWithEngine, inspectState, removeTestResources, uniqueName} from '../support/engine.js';
import type {Playbook} from '../../source/core/playbook-schema.js';
import {startBeatRestartLoop, stepHeading, volumePermissionPlaybook, type RestartLoop} from './beat-restart-loop.js';

describeWithEngine('unblock fix --yes fixes the restart loop headless', () => {
	const project = uniqueName('fix-yes');
	let loop: RestartLoop | undefined;
	let result: CliResult;
	let playbook: Playbook;

	beforeAll(async () => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		playbook = await volumePermissionPlaybook();
		loop = await startBeatRestartLoop(project);
		result = runCli(['fix', 'volume-permission-uid-mismatch', '--container', loop.container, '--project', project, '--yes'], {timeout: 240_000});
	}, 300_000);

	afterAll(() => {
		removeTestResources();
		if (loop) {
			rmSync(loop.directory, {recursive: true, force: true});
		}
	});

	it('prints each command before it runs, refuses the manual step, and exits 0 with every check passing', () => {
		const {container, directory} = loop!;
		expect(result.stderr).toBe('');
		expect(result.stdout).toContain(`${stepHeading(playbook, 'chown-mount')}\n$ docker run --rm --user 0 --entrypoint chown -v ${directory}:/data unblock-test/busybox:1 -R 1000 /data\n`);
		expect(result.stdout).toContain(`${stepHeading(playbook, 'restart-container')}\n$ docker restart ${container}\n  │ ${container}\n`);
		expect(result.stdout).toContain(`${stepHeading(playbook, 'make-ownership-stick')}\n  refused: it is done by hand; run unblock fix without --yes to do it\n`);
		expect(result.stdout).toContain(`  pass  container ${container} is running and stays up for 10s without a restart:`);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Fixed: every check passes now.');
		expect(result.code).toBe(0);
		expect(inspectState(container).Status).toBe('running');
	});
});
