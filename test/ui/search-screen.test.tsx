import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {keys, renderWizard, type Wizard} from './support/render-wizard.js';

afterEach(() => {
	cleanup();
});

async function openSearch(): Promise<Wizard> {
	const wizard = renderWizard();
	await wizard.waitFor('No Docker engine');
	await wizard.press('/');
	await wizard.waitFor('Describe the symptom, or paste the error');
	return wizard;
}

async function type(wizard: Wizard, text: string): Promise<void> {
	for (const character of text) {
		await wizard.press(character);
	}
}

/** Moves the selection down until `title` is selected. */
async function selectResult(wizard: Wizard, title: string): Promise<void> {
	for (let presses = 0; !(wizard.lastFrame() ?? '').split('\n').some(line => line.startsWith('❯ ') && line.includes(title)); presses++) {
		if (presses > 10) {
			throw new Error(`"${title}" never got selected:\n${wizard.lastFrame() ?? ''}`);
		}

		await wizard.press(keys.down);
	}
}

describe('the search screen', () => {
	test('results update as the user types, typos tolerated, each with its cause and why it matched, a team\'s note under its cause', async () => {
		const wizard = await openSearch();
		await type(wizard, 'b');
		expect(await wizard.waitFor('Type a few words')).toContain('> b\n\nType a few words: what you see, or the error line.');

		await type(wizard, 'eat permision denied');
		// Ranking is search's business (test/core/search); here: the cause shows once, with why it
		// matched, and the team's note of the same cause right below it.
		const frame = await wizard.waitFor('The container user cannot write to its mount · playbook');
		expect(frame).toMatch(/^❯ The container user cannot write to its mount · playbook · volume-permission-uid-mismatch · 0\.\d\d\n {4}why: words: beat, "permision" ≈ "permission", denied\n {4}↳ Celery beat cannot write its schedule · note of the same cause$/m);
		expect(frame.split('\n').at(-1)).toBe('↑↓ move · enter open · esc back');
	});

	test.each([
		['newlines', '\n'],
		['carriage returns, as a terminal pastes them', '\r'],
		['CRLF', '\r\n'],
	])('a pasted multi-line error (%s) is searched whole and shown on one line', async (_name, lineBreak) => {
		const wizard = await openSearch();
		// A bracketed paste, as the terminal sends it once the wizard has asked for that.
		await wizard.press(`\u001B[200~touch: /data/celerybeat-schedule: Permission denied${lineBreak}exited with code 1${lineBreak}\u001B[201~`);
		const frame = await wizard.waitFor('❯ The container user');
		expect(frame).toContain('> touch: /data/celerybeat-schedule: Permission denied ⏎ exited with code 1');
		// The reason is cut at the terminal's edge (100 columns here).
		expect(frame).toContain('    why: signature /touch: [^\\n]{0,80}: Permission denied/ matched "touch: /data/celerybeat-schedul…\n');
	});

	test('nothing matching says what to try', async () => {
		const wizard = await openSearch();
		await wizard.press('zzqx wobble');
		expect(await wizard.waitFor('Nothing matches')).toContain('Nothing matches yet. Try other words, or paste the error line itself.');
	});

	test('a note opens rendered, with a link to its cause\'s playbook; esc comes back to the same results', async () => {
		const wizard = await openSearch();
		await type(wizard, 'beat permision denied');
		await wizard.waitFor('Celery beat cannot write its schedule · note of the same cause');
		await selectResult(wizard, 'Celery beat cannot write its schedule');
		await wizard.press(keys.enter);
		const note = await wizard.waitFor('Playbook for this cause');
		expect(note).toBe([
			'Celery beat cannot write its schedule',
			'/opt/unblock/knowledge/container-stability-report.md:21 · resolved',
			'',
			'Problem',
			'  Celery beat restarts in a loop: permission denied on celerybeat-schedule.',
			'',
			'Error',
			'  PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'',
			'',
			'Root cause',
			'  The beat container runs as uid 1000 and the bind mount belongs to root.',
			'',
			'Tried, did not work',
			'  - Restarting the container',
			'',
			'Resolution',
			'  Changed the owner of the data directory to 1000. Then restarted beat.',
			'',
			'Lessons learned',
			'  - Match the uid of bind mounts to the container user.',
			'',
			'Playbook for this cause: The container user cannot write to its mount',
			'(volume-permission-uid-mismatch, cause volume-permission-uid-mismatch)',
			'',
			'enter open its playbook · esc back · / search · ? help · q quit',
		].join('\n'));

		await wizard.press(keys.enter);
		expect(await wizard.waitFor('Steps ahead (3)')).toContain('The container user cannot write to its mount\nvolume-permission-uid-mismatch · cause volume-permission-uid-mismatch');

		await wizard.press(keys.escape, keys.escape);
		expect(await wizard.waitFor('> beat permision denied')).toContain('    ↳ Celery beat cannot write its schedule · note of the same cause');
	});
});
