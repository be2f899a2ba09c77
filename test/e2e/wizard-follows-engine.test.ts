/**
 * The built binary in tmux at 80x24 on the real engine, with nobody touching a key: the scan
 * screen follows the engine's events. A container that appears and crashes shows up as a problem,
 * one the user stops is shown as stopped and not as a problem, and the screen says when it looked.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {describeWithEngine, docker, labelArgs, removeTestResources, testImage, uniqueName} from '../support/engine.js';
import {startTmuxWizard, type TmuxWizard} from '../support/tmux-wizard.js';

describeWithEngine('the wizard follows the engine', () => {
	const project = uniqueName('follow');
	const worker = `${project}-worker-1`;
	const crashing = `${project}-api-1`;
	const labels = (service: string) => labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service});
	let workingDirectory: string;
	let wizard: TmuxWizard;

	beforeAll(() => {
		// A worker whose process ignores SIGTERM, so docker stop ends it with 137.
		docker(['run', '-d', '--name', worker, ...labels('worker'), testImage, 'sh', '-c', 'echo "worker ready"; while true; do sleep 1; done']);
		workingDirectory = mkdtempSync(path.join(os.tmpdir(), 'unblock-e2e-cwd-'));
		wizard = startTmuxWizard({session: project, args: ['--project', project], cwd: workingDirectory, columns: 80, rows: 24});
	});

	afterAll(() => {
		wizard?.close();
		removeTestResources();
		rmSync(workingDirectory, {recursive: true, force: true});
	});

	it('shows what happens on the engine as it happens, and when it last looked', async () => {
		const calm = await wizard.waitForScreen('the running worker', text => text.includes('Nothing is broken'), 60_000);
		expect(calm).toMatch(/^updated \d+ s ago \(\d\d:\d\d:\d\d\)$/m);
		expect(calm).toMatch(new RegExp(`✓ ${worker} +running`));

		docker(['run', '-d', '--name', crashing, ...labels('api'), '--restart', 'always', testImage, 'sh', '-c', 'echo "Error: Cannot find module \'/app/server.js\'" >&2; exit 1']);
		const broken = await wizard.waitForScreen('the crashing container', text => text.includes(`✗ ${crashing}`) && text.includes('problem found'), 60_000);
		expect(broken).toContain(`❯ ✗ ${crashing}: keeps restarting:`);

		docker(['stop', '--time', '1', worker]);
		const stopped = await wizard.waitForScreen('the stopped worker', text => new RegExp(`✓ ${worker} +stopped · exit 137`).test(text), 60_000);
		expect(stopped).not.toContain(`✗ ${worker}`);
		for (const line of stopped.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(80);
		}

		wizard.press('q');
		await wizard.waitForScreen('the wizard to end', text => text.includes('[unblock exited 0]'), 30_000);
	}, 180_000);
});
