/**
 * The built binary in tmux, answering a fix's questions the way a busy terminal delivers keys:
 * ten backspaces, a name and Enter in one write over a prefilled answer, then a bracketed paste
 * with its line break. Each ends as if typed slowly. No engine needed: the step runs `echo`.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {footer, startTmuxWizard, type TmuxWizard} from '../support/tmux-wizard.js';

const playbook = `id: echo-names
title: Echo the names
cause: db-init-env-ignored-existing-volume
summary: Prints the names it is given.
symptoms: [echo the names]
variables:
  volume: {description: The volume, from: ask, question: Which volume?, pattern: '^[a-z0-9][a-z0-9_.-]*$', default: web-1-db}
  service: {description: The service, from: ask, question: Which service?, pattern: '^[a-z0-9][a-z0-9_.-]*$'}
steps:
  - id: show
    title: Show the names
    explanation: Prints them.
    command: [echo, 'volume={volume}', 'service={service}']
    risk: read-only
`;

describe('text typed, pasted and erased in bursts in a real terminal', () => {
	let directory: string;
	let wizard: TmuxWizard | undefined;

	beforeAll(() => {
		directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-e2e-text-'));
		writeFileSync(path.join(directory, 'echo-names.yaml'), playbook);
		wizard = startTmuxWizard({session: 'text-entry', args: ['fix', 'echo-names', '--playbooks', directory], cwd: directory, columns: 80, rows: 24});
	});

	afterAll(() => {
		wizard?.close();
		rmSync(directory, {recursive: true, force: true});
	});

	it('answers each question with what was typed or pasted, nothing more', async () => {
		const first = await wizard!.waitForScreen('the prefilled question', text => text.includes('This step needs {volume}'));
		expect(first).toContain('> web-1-db');

		// One send-keys: one write to the terminal.
		wizard!.press(...Array.from({length: 10}, () => 'BSpace'), 'shop_db', 'Enter');
		const second = await wizard!.waitForScreen('the next question', text => text.includes('This step needs {service}'));
		expect(second).toContain('filled in: {volume} = shop_db (given)');
		expect(second).not.toContain('cannot be used');

		wizard!.paste('cache\n');
		const pasted = await wizard!.waitForScreen('the pasted answer', text => text.includes('> cache'));
		// The paste is text: its line break neither submitted it nor drew over the prompt.
		expect(pasted).toContain('This step needs {service}: Which service?\n> cache\n');

		wizard!.press('Enter');
		const ready = await wizard!.waitForScreen('the step, filled in', text => footer(text).startsWith('enter run'));
		expect(ready).toContain('$ echo volume=shop_db service=cache');
		wizard!.press('Enter');
		const ran = await wizard!.waitForScreen('the step done', text => text.includes('✓ Done.'));
		expect(ran).toContain('│ volume=shop_db service=cache');
	}, 120_000);
});
