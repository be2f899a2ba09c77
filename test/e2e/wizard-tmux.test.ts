/**
 * The built binary, in a real terminal (tmux), on the real engine: a busybox "celery beat" runs as
 * uid 1000 and cannot write its schedule into a root-owned bind mount, so it restarts in a loop.
 * A person's keys go in with `send-keys`, the screen comes back with `capture-pane`: the wizard
 * must show the broken container, open its playbook, run the steps and end with the checks
 * passing, and the container must then really be running without further restarts.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {describeWithEngine, docker, inspectState, removeTestResources, restartCount, uniqueName} from '../support/engine.js';
import {footer, startTmuxWizard, type TmuxWizard} from '../support/tmux-wizard.js';
import {startBeatRestartLoop, stepHeading, volumePermissionPlaybook} from './beat-restart-loop.js';
import type {Playbook} from '../../source/core/playbook-schema.js';

describeWithEngine('the wizard in tmux fixes a restart loop caused by a root-owned bind mount', () => {
	const project = uniqueName('wizard');
	const container = `${project}-beat-1`;
	let directory: string;
	let workingDirectory: string;
	let playbook: Playbook;
	let wizard: TmuxWizard | undefined;
	const waitForScreen = async (what: string, predicate: (text: string) => boolean, timeoutMs?: number) => wizard!.waitForScreen(what, predicate, timeoutMs);
	const press = (...keys: string[]) => {
		wizard!.press(...keys);
	};

	beforeAll(async () => {
		playbook = await volumePermissionPlaybook();
		({directory} = await startBeatRestartLoop(project));
		workingDirectory = mkdtempSync(path.join(os.tmpdir(), 'unblock-e2e-cwd-'));
		wizard = startTmuxWizard({session: project, args: ['--project', project], cwd: workingDirectory});
	}, 120_000);

	afterAll(() => {
		wizard?.close();
		removeTestResources();
		for (const scratch of [directory, workingDirectory]) {
			if (scratch) {
				rmSync(scratch, {recursive: true, force: true});
			}
		}
	});

	it('shows the container, opens its playbook, runs the steps and ends with every check passing', async () => {
		const scan = await waitForScreen('the broken container', text => text.includes('problem found') || text.includes('problems found'), 90_000);
		expect(scan).toMatch(new RegExp(`✗ ${container} +(restarting|running) · \\d+ restarts`));
		expect(scan).toContain(`❯ ✗ ${container}: keeps restarting:`);
		expect(scan).toContain(`best playbook: ${playbook.title}`);

		press('Enter');
		const page = await waitForScreen('the playbook', text => footer(text).startsWith('f guided fix'));
		expect(page).toContain(`Evidence from ${container}: keeps restarting:`);
		expect(page).toContain('▶ log: touch: /data/celerybeat-schedule: Permission denied');

		press('f');
		await waitForScreen('step 1', text => text.includes(stepHeading(playbook, playbook.steps[0]!.id)));

		// Each step as a person would: run what can run, move on after it, skip the one done by hand.
		const failedSteps: string[] = [];
		let previous = '';
		for (let round = 0; round < 40; round++) {
			const text = await waitForScreen('the fix waiting for a key', current => {
				const keys = footer(current);
				return current !== previous && keys !== 'ctrl+c stop' && (keys.startsWith('enter') || keys.startsWith('r retry') || keys.startsWith('d I did') || keys.startsWith('w record'));
			}, 120_000);
			previous = text;
			const keys = footer(text);
			if (keys.startsWith('w record')) {
				break;
			}

			const step = /Step \d+ of \d+: [^\n[]+/.exec(text.slice(text.lastIndexOf('Guided fix:')))?.[0]?.trim() ?? 'no step';
			if (keys.startsWith('r retry')) {
				failedSteps.push(step);
				press('n');
			} else if (keys.startsWith('d I did')) {
				press('s');
			} else {
				press('Enter');
			}
		}

		// The step that proves the cause exits 1 on purpose (the directory is not writable), and the
		// playbook declares that exit code as success: no step fails on the way.
		expect(failedSteps).toEqual([]);

		const summary = await waitForScreen('the summary', text => text.includes('Summary of volume-permission-uid-mismatch'));
		const [, proveNumber, proveTitle] = /^Step (\d+) of \d+: (.*)$/.exec(stepHeading(playbook, 'prove-not-writable'))!;
		expect(summary).toContain(`  ${proveNumber}. ${proveTitle}: ran, exited with code 1`);
		for (const id of ['chown-mount', 'restart-container']) {
			const [, number, title] = /^Step (\d+) of \d+: (.*)$/.exec(stepHeading(playbook, id))!;
			expect(summary).toContain(`  ${number}. ${title}: ran, exited with code 0, checks pass`);
		}

		expect(summary).toContain(`  pass  container ${container} is running and stays up for 10s without a restart:`);
		expect(summary).toContain('Fixed: every check passes now.');

		const state = inspectState(container);
		expect(state.Status).toBe('running');
		const restarts = restartCount(container);
		await new Promise(resolve => setTimeout(resolve, 5000));
		expect(inspectState(container).Status).toBe('running');
		expect(restartCount(container)).toBe(restarts);
		expect(docker(['logs', '--since', '30s', container])).not.toContain('Permission denied');

		press('q');
		await waitForScreen('the wizard to end', text => text.includes('[unblock exited 0]'), 30_000);
	}, 300_000);
});
