import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {FakeOptions} from './support/fake-runtime.js';
import {brokenShop} from './support/fixtures.js';
import {keys, renderWizard, type Wizard} from './support/render-wizard.js';

afterEach(() => {
	cleanup();
});

/** Scan → the finding's playbook → f: the guided fix for shop-beat-1, at step 1. */
async function fixFromScan(fake: FakeOptions = {}, columns?: number): Promise<Wizard> {
	const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: brokenShop}, ...fake}, ...(columns ? {columns} : {})});
	await wizard.waitFor('problem found');
	await wizard.press(keys.enter);
	await wizard.waitFor('f guided fix');
	await wizard.press('f');
	await wizard.waitFor('Step 1 of 3');
	return wizard;
}

async function type(wizard: Wizard, text: string): Promise<void> {
	for (const character of text) {
		await wizard.press(character);
	}
}

describe('the guided fix', () => {
	test('a step shows what and why, the exact command filled from the evidence, and its keys', async () => {
		const wizard = await fixFromScan();
		await wizard.press(keys.enter);
		await wizard.waitFor('✓ Done.');
		await wizard.press(keys.enter);
		const frame = await wizard.waitFor('Step 2 of 3');
		expect(frame).toBe([
			'Guided fix: The container user cannot write to its mount',
			'for shop-beat-1: keeps restarting: 7 restarts, last exit code 1',
			'',
			'✓ Step 1 of 3: See who owns the directory: exited with code 0',
			'  $ stat -c owner=%u /srv/beat',
			'',
			'Step 2 of 3: Give the directory to the container user [caution]',
			'Changes the owner to the container user.',
			'',
			'$ chown -R 1000 /srv/beat',
			'filled in: {uid} = 1000 (from the evidence), {mount-source} = /srv/beat (from the evidence)',
			'',
			'Then it checks:',
			'  · the directory belongs to the container user',
			'',
			'enter run · d I did it myself · s skip · esc back · ? help · q stop fix',
		].join('\n'));
	});

	test('running a step streams its output, then lists it among the steps tried, on the fix screen only', async () => {
		const wizard = await fixFromScan({commands: () => ({lines: ['owner=0 group=0', 'mode=755'], hold: true})});
		await wizard.press(keys.enter);
		const running = await wizard.waitFor('  │ mode=755');
		expect(running).toContain('Running… ctrl+c stops it\n  │ owner=0 group=0\n  │ mode=755\n\nctrl+c stop');
		wizard.runtime.release();
		const done = await wizard.waitFor('✓ Done.');
		expect(done).toContain([
			'for shop-beat-1: keeps restarting: 7 restarts, last exit code 1',
			'',
			'✓ Step 1 of 3: See who owns the directory: exited with code 0',
			'  $ stat -c owner=%u /srv/beat',
			'  │ owner=0 group=0',
			'  │ mode=755',
			'',
			'Step 1 of 3: See who owns the directory [read-only]',
		].join('\n'));
		expect(done.split('\n').at(-1)).toBe('enter next step · esc back · ? help · q stop fix');
		expect(wizard.runtime.ran).toEqual(['stat -c owner=%u /srv/beat']);

		// Leaving the fix leaves its steps behind: the playbook screen shows none of them.
		await wizard.press(keys.escape);
		const playbook = await wizard.waitFor('f guided fix');
		expect(playbook).not.toContain('Step 1 of 3: See who owns the directory: exited with code 0');
		expect(playbook).not.toContain('│ owner=0 group=0');
		expect(playbook.split('\n')[0]).not.toMatch(/^[✓✗]/);
	});

	test('a failing check shows its detail, offers the hint, and passes on retry', async () => {
		const wizard = await fixFromScan({
			checks: (check, runs) => check.type === 'path' && runs === 0 ? {status: 'fail', detail: 'owned by uid 0'} : {status: 'pass', detail: 'owned by uid 1000'},
		});
		await wizard.press(keys.enter);
		await wizard.waitFor('✓ Done.');
		await wizard.press(keys.enter);
		await wizard.waitFor('Step 2 of 3');
		await wizard.press(keys.enter);
		const failed = await wizard.waitFor('✗ Not done');
		expect(failed).toContain('  ✗ fail the directory belongs to the container user: owned by uid 0');
		expect(failed).toContain('✗ Not done: the check failed: the directory belongs to the container user: owned by uid 0\n\nr retry · c check again · h hint · n move on · esc back · ? help · q stop fix');

		await wizard.press('h');
		expect(await wizard.waitFor('Hint:')).toContain('Hint: Run it with sudo when chown says "Operation not permitted".\n\nr retry · c check again · n move on · esc back · ? help · q stop fix');

		await wizard.press('r');
		const passed = await wizard.waitFor('✓ Done: its checks pass.');
		expect(passed).toContain('  ✓ pass the directory belongs to the container user: owned by uid 1000');
		expect(wizard.runtime.ran).toEqual(['stat -c owner=%u /srv/beat', 'chown -R 1000 /srv/beat', 'chown -R 1000 /srv/beat']);
	});

	test('Ctrl-C during a running step stops it and returns to the step, without leaving the wizard', async () => {
		const wizard = await fixFromScan({commands: () => ({lines: ['still going'], hold: true})});
		await wizard.press(keys.enter);
		await wizard.waitFor('  │ still going');
		await wizard.press(keys.ctrlC);
		const frame = await wizard.waitFor('Stopped:');
		expect(frame).toContain([
			'Step 1 of 3: See who owns the directory [read-only]',
			'Prints the owner of the mounted directory.',
		].join('\n'));
		expect(frame).toContain('Stopped: the command and every process it started were ended.\n\nenter run · d I did it myself · s skip · esc back · ? help · q stop fix');
		expect(frame).toMatch(/^✗ Step 1 of 3: See who owns the directory: stopped by you$/m);
		expect(wizard.runtime.cancelled).toEqual(['stat -c owner=%u /srv/beat']);
		expect(wizard.exits).toEqual([]);

		await wizard.press(keys.ctrlC);
		expect(wizard.exits).toEqual([130]);
	});

	// "Prints the owner of the mounted" is 31 columns: the line breaks at the space after it.
	test('a step\'s explanation wraps without starting a line with the space it broke at', async () => {
		const frame = await (await fixFromScan({}, 31)).waitFor('enter run');
		expect(frame).toContain('Prints the owner of the mounted\ndirectory.');
	});

	test('q stops the fix and shows its summary; q there quits the wizard', async () => {
		const wizard = await fixFromScan();
		await wizard.press('q');
		const summary = await wizard.waitFor('Stopped before the final checks');
		expect(summary.split('\n').at(-1)).toBe('w record incident · esc back · q quit');
		expect(wizard.exits).toEqual([]);
		await wizard.press('q');
		expect(wizard.exits).toEqual([0]);
	});

	test('a destructive step warns of data loss and runs only once the name is typed exactly', async () => {
		const wizard = renderWizard({initial: {playbook: 'db-init-env-ignored-existing-volume'}});
		const question = await wizard.waitFor('This step needs {volume}');
		expect(question).toContain('This step needs {volume}: Which volume holds the data?\n> matching ^[a-z0-9][a-z0-9_.-]*$\n\nenter confirm · esc back');
		await type(wizard, 'shop_db');
		await wizard.press(keys.enter);
		const ready = await wizard.waitFor('$ docker volume rm shop_db');
		expect(ready).toContain('$ docker volume rm shop_db [from your team: .unblock/playbooks/stale-volume.yaml]');
		expect(ready).toContain('Step 1 of 2: Remove the data volume [DESTRUCTIVE]');

		await wizard.press(keys.enter);
		const warning = await wizard.waitFor('Data loss');
		expect(warning).toContain('⚠ Data loss: this step destroys shop_db. What is in it cannot be recovered.');
		expect(warning).toContain('Type shop_db to run it, or press esc to go back.');

		await type(wizard, 'shop');
		await wizard.press(keys.enter);
		expect(await wizard.waitFor('That is not')).toContain('That is not "shop_db". Type the name exactly to go ahead, or go back.');
		expect(wizard.runtime.ran).toEqual([]);

		// What was typed stays, to be corrected.
		expect(await wizard.waitFor('> shop')).toMatch(/^│ > shop /m);
		await type(wizard, '_db');
		await wizard.press(keys.enter);
		await wizard.waitFor('✓ Done.');
		expect(wizard.runtime.ran).toEqual(['docker volume rm shop_db']);

		await wizard.press(keys.enter);
		const select = await wizard.waitFor('This step needs {service}');
		expect(select).toContain('This step needs {service}: Which service uses it?\n❯ db\n  cache');
		await wizard.press(keys.down, keys.enter);
		// No container was named, so there is no compose project to run `docker compose up` in.
		const composeStep = await wizard.waitFor('By hand: Not run: no container was read from the engine');
		expect(composeStep).toContain('Nothing to run here: do it by hand, then press d to run its checks.');
		await wizard.press(keys.enter);
		expect(wizard.runtime.ran).toEqual(['docker volume rm shop_db']);
	});

	test('esc in the destructive confirmation goes back to the step without running it', async () => {
		const wizard = renderWizard({initial: {playbook: 'db-init-env-ignored-existing-volume'}});
		await wizard.waitFor('This step needs {volume}');
		await type(wizard, 'shop_db');
		await wizard.press(keys.enter);
		await wizard.waitFor('$ docker volume rm shop_db');
		await wizard.press(keys.enter);
		await wizard.waitFor('Data loss');
		await wizard.press(keys.escape);
		const frame = await wizard.waitFor('enter run');
		expect(frame).not.toContain('Data loss');
		expect(wizard.runtime.ran).toEqual([]);
	});

	test('a dry run shows every command and check and runs none', async () => {
		const wizard = renderWizard({initial: {playbook: 'db-init-env-ignored-existing-volume'}, dryRun: true});
		const first = await wizard.waitFor('Step 1 of 2');
		expect(first).toContain([
			'Guided fix: The database ignores its init settings because the volume already exists (dry run:',
			'nothing runs)',
			'',
			'Step 1 of 2: Remove the data volume [DESTRUCTIVE]',
			'Deletes the volume so the database starts from empty.',
			'',
			'$ docker volume rm \'{volume}\' [from your team: .unblock/playbooks/stale-volume.yaml]',
			'',
			'No checks: the step is done when it ran.',
			'',
			'Dry run: shown, not run.',
			'',
			'enter next step · esc back · ? help · q stop fix',
		].join('\n'));
		await wizard.press(keys.enter);
		await wizard.waitFor('Step 2 of 2');
		await wizard.press(keys.enter);
		const summary = await wizard.waitFor('Dry run: nothing was run.');
		expect(summary).toContain([
			'Summary of db-init-env-ignored-existing-volume: The database ignores its init settings because the',
			'volume already exists',
			'  1. Remove the data volume: not run (dry run)',
			'  2. Start the service again: not run (dry run)',
			'Dry run: nothing was run.',
			'',
			'esc back · q quit',
		].join('\n'));
		expect(wizard.runtime.ran).toEqual([]);
		expect(wizard.runtime.checked).toEqual([]);
	});

	test('in a narrow terminal (40 columns) the step still fits', async () => {
		const wizard = await fixFromScan({}, 40);
		const frame = await wizard.waitFor('enter run');
		expect(frame).toBe([
			'Guided fix: The container user cannot',
			'write to its mount',
			'for shop-beat-1: keeps restarting: 7 re…',
			'',
			'Step 1 of 3: See who owns the directory',
			'[read-only]',
			'Prints the owner of the mounted',
			'directory.',
			'',
			'$ stat -c owner=%u /srv/beat',
			'filled in: {mount-source} = /srv/beat (…',
			'',
			'No checks: the step is done when it ran.',
			'',
			'enter run · d I did it myself ·',
			's skip · esc back · ? help · q stop fix',
		].join('\n'));
	});
});
