/**
 * Text boxes fed the way a pty delivers keys: several in one write when the machine is busy or the
 * user is fast, pastes in brackets. Each must end as if typed slowly.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import {buildSearchIndex} from '../../source/core/search/search.js';
import {celeryNote, staleVolume, volumePermission} from './support/fixtures.js';
import {keys, renderWizard, type Wizard} from './support/render-wizard.js';

afterEach(() => {
	cleanup();
});

const pasted = (text: string) => `\u001B[200~${text}\u001B[201~`;

/** The stale-volume fix, its volume question prefilled with `prefill` when given. */
async function atVolumeQuestion(prefill?: string): Promise<Wizard> {
	const volume = {...staleVolume.variables.volume!, ...(prefill === undefined ? {} : {default: prefill})};
	const playbook = {...staleVolume, variables: {...staleVolume.variables, volume}};
	const playbooks = [volumePermission, playbook];
	const wizard = renderWizard({
		initial: {playbook: staleVolume.id},
		fake: {knowledge: {playbooks, notes: [celeryNote], index: buildSearchIndex(playbooks, [celeryNote]), skipped: []}},
	});
	await wizard.waitFor('This step needs {volume}');
	return wizard;
}

describe('a variable question', () => {
	test('a value and Enter in one write answer it with that value', async () => {
		const wizard = await atVolumeQuestion();
		await wizard.press('shop_db\r');
		expect(await wizard.waitFor('$ docker volume rm shop_db')).not.toContain('cannot be used');
	});

	test('a pasted value with its line break shows the value and the prompt, and Enter answers it', async () => {
		const wizard = await atVolumeQuestion();
		await wizard.press(pasted('shop_db\n'));
		// The paste's start, text and end are three keys, each handled once the one before is drawn.
		await wizard.waitUntil(() => /> shop_db(?! ⏎)/.test(wizard.lastFrame() ?? ''));
		expect(wizard.lastFrame()).not.toContain('⏎');
		expect(wizard.lastFrame()).not.toContain('cannot be used');
		await wizard.press(keys.enter);
		await wizard.waitFor('$ docker volume rm shop_db');
	});

	test('ten backspaces in one write clear a prefilled answer; what is typed next is the answer', async () => {
		const wizard = await atVolumeQuestion('web-1-db');
		expect(await wizard.waitFor('> web-1-db')).toContain('> web-1-db');
		await wizard.press('\u007F'.repeat(10));
		await wizard.waitFor('> matching');
		await wizard.press('shop_db\r');
		expect(await wizard.waitFor('$ docker volume rm shop_db')).not.toContain('cannot be used');
	});

	test('Ctrl-U clears a prefilled answer; Enter on the empty box says it is empty', async () => {
		const wizard = await atVolumeQuestion('web-1-db');
		await wizard.press('\u0015', keys.enter);
		expect(await wizard.waitFor('cannot be used')).toContain('"" cannot be used: it is empty.');
	});

	test('a pasted line break inside the value is shown, and the refusal names it', async () => {
		const wizard = await atVolumeQuestion();
		await wizard.press(pasted('shop\ndb'), keys.enter);
		const frame = await wizard.waitFor('cannot be used');
		expect(frame).toContain('> shop ⏎ db');
		expect(frame).toContain('"shop ⏎ db" cannot be used: it contains a line break.');
	});
});

describe('the destructive confirmation', () => {
	test('the name and Enter in one write run the step', async () => {
		const wizard = await atVolumeQuestion();
		await wizard.press('shop_db\r');
		await wizard.waitFor('$ docker volume rm shop_db');
		await wizard.press(keys.enter);
		await wizard.waitFor('Type shop_db to run it');
		await wizard.press('shop_db\r');
		await wizard.waitFor('✓ Done.');
		expect(wizard.runtime.ran).toEqual(['docker volume rm shop_db']);
	});
});

describe('the search box', () => {
	test('words and Enter in one write open the best result for those words', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'no-engine', host: 'unix:///var/run/docker.sock', message: 'no engine', hint: 'start it'}}});
		await wizard.waitFor('/ search');
		await wizard.press('/');
		await wizard.waitFor('Describe the symptom');
		await wizard.press('beat permision denied\r');
		expect(await wizard.waitFor('Root cause')).toContain('The container user cannot write to its mount\nvolume-permission-uid-mismatch');
	});
});
