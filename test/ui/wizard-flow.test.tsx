import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import type {DiagnoseResult} from '../../source/core/diagnose-report.js';
import {brokenShop, staleVolume} from './support/fixtures.js';
import {keys, renderWizard, type Wizard} from './support/render-wizard.js';
import type {FakeOptions} from './support/fake-runtime.js';

afterEach(() => {
	cleanup();
});

/** The shop with a second problem no playbook matches: an unhealthy database. */
const twoProblems: DiagnoseResult = {
	...brokenShop,
	findings: [
		...brokenShop.findings,
		{
			symptom: 'unhealthy',
			container: 'shop-db-1',
			severity: 'warning',
			summary: 'unhealthy: 3 failing health checks',
			evidence: [{kind: 'health', text: 'health: probe says no'}],
			conditions: ['unhealthy'],
			matchText: 'probe says no',
			facts: {container: 'shop-db-1'},
			matches: [],
		},
	],
};

async function type(wizard: Wizard, text: string): Promise<void> {
	for (const character of text) {
		await wizard.press(character);
	}
}

/** The shop whose finding diagnose matched to two playbooks. */
const twoCandidates: DiagnoseResult = {
	...brokenShop,
	findings: brokenShop.findings.map(finding => ({
		...finding,
		matches: [...finding.matches, {playbook: staleVolume.id, title: staleVolume.title, cause: staleVolume.cause, score: 0.41, why: ['words: volume'], signatureMatched: false}],
	})),
};

describe('keys that arrive in one read', () => {
	test('"jk" then "j" and enter together are each the key they are: the second problem opens', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: twoProblems}}});
		await wizard.waitFor('2 problems found');
		await wizard.press('jk');
		await wizard.waitFor('❯ ✗ shop-beat-1');
		await wizard.press('j\r');
		// shop-db-1 has no playbook: its first line is searched.
		await wizard.waitFor('probe says no');
		expect(wizard.lastFrame()).not.toContain('Evidence from shop-beat-1');
	});
});

describe('the other causes diagnose ranked', () => {
	test('are listed on the playbook page with their scores, and a digit switches to one', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: twoCandidates}}});
		await wizard.waitFor('1 problem found');
		await wizard.press(keys.enter);
		const first = await wizard.waitFor('Likely causes for shop-beat-1');
		expect(first).toContain('Likely causes for shop-beat-1 (press 1-2 to switch)');
		expect(first).toContain('▶ 1. The container user cannot write to its mount (volume-permission-uid-mismatch, score 0.95)');
		expect(first).toMatch(/ {2}2\. The database ignores its init settings because the volume already exists\s+\(db-init-env-ignored-existing-volume, score 0\.41\)/);
		expect(first).toContain('1-3 likely cause');

		await wizard.press('2');
		const second = await wizard.waitFor('▶ 2.');
		expect(second.split('\n')[0]).toBe('The database ignores its init settings because the volume already exists');
		expect(second).toContain('Evidence from shop-beat-1');
		await wizard.press('1');
		await wizard.waitFor('▶ 1.');

		// Switching replaced the page: back goes to the scan, not through every candidate seen.
		await wizard.press(keys.escape);
		await wizard.waitFor('1 problem found');
	});
});

describe('the whole wizard, through a fake runtime', () => {
	test('scan → finding → playbook → guided fix with a failing check and its retry → final checks → recorded incident', async () => {
		const wizard = renderWizard({fake: {
			scan: {kind: 'scanned', result: twoProblems},
			commands: argv => (argv[0] === 'stat' ? {lines: ['owner=0']} : {}),
			checks: (check, runs) => check.type === 'path' && runs === 0 ? {status: 'fail', detail: 'owned by uid 0'} : {status: 'pass', detail: 'as expected'},
		}});

		// 1. Scan: two problems; j and k move between them.
		const scan = await wizard.waitFor('2 problems found');
		expect(scan).toContain([
			'2 problems found',
			'❯ ✗ shop-beat-1: keeps restarting: 7 restarts, last exit code 1',
			'    best playbook: The container user cannot write to its mount (volume-permission-uid-mismatch)',
			'  ! shop-db-1: unhealthy: 3 failing health checks',
			'    no playbook matches this yet: press / and describe it',
		].join('\n'));
		await wizard.press('j');
		await wizard.waitFor('❯ ! shop-db-1');
		await wizard.press('k');
		await wizard.waitFor('❯ ✗ shop-beat-1');

		// 2. The finding's playbook, and help on the way.
		await wizard.press(keys.enter);
		await wizard.waitFor('Evidence from shop-beat-1');
		await wizard.press('?');
		// The playbook page scrolls when it is taller than the terminal: help names those keys too.
		expect(await wizard.waitFor('Keys')).toContain('Playbook: f guided fix · 1-3 likely cause · ↑↓/jk move or scroll · pgup/pgdn page · g/G top/end ·\nenter open · esc back · / search · ? help · q quit');
		await wizard.press(keys.escape);
		await wizard.waitFor('Evidence from shop-beat-1');

		// 3. The guided fix.
		await wizard.press('f');
		await wizard.waitFor('Step 1 of 3');
		await wizard.press(keys.enter);
		await wizard.waitFor('✓ Done.');
		await wizard.press(keys.enter);
		await wizard.waitFor('Step 2 of 3');
		await wizard.press(keys.enter);
		await wizard.waitFor('✗ Not done');
		await wizard.press('r');
		await wizard.waitFor('✓ Done: its checks pass.');
		await wizard.press(keys.enter);
		await wizard.waitFor('Step 3 of 3');
		await wizard.press(keys.enter);
		await wizard.waitFor('✓ Done: its checks pass.');
		await wizard.press(keys.enter);

		// 4. Every check again, and the summary.
		const summary = await wizard.waitFor('Fixed: every check passes now.');
		expect(summary.slice(summary.indexOf('Summary of'))).toBe([
			'Summary of volume-permission-uid-mismatch: The container user cannot write to its mount',
			'  1. See who owns the directory: ran, exited with code 0',
			'  2. Give the directory to the container user: ran, exited with code 0, checks pass (2 attempts)',
			'  3. Restart the container: ran, exited with code 0, checks pass',
			'Checks now',
			'  pass  the directory belongs to the container user: as expected',
			'  pass  container shop-beat-1 is running and stays up for 10s without a restart: as expected',
			'Fixed: every check passes now.',
			'',
			'w record incident · esc back · q quit',
		].join('\n'));
		// The scrollback keeps every attempt, the failed one included.
		expect(summary).toMatch(/^✗ Step 2 of 3: Give the directory to the container user: the check failed: the directory belongs to\nthe container user: owned by uid 0$/m);

		// 5. The incident, prefilled from the fix; one field edited, then saved.
		await wizard.press('w');
		const form = await wizard.waitFor('Record this incident');
		expect(form).toContain([
			'❯ Title       shop-beat-1: The container user cannot write to its mount',
			'  Symptoms    keeps restarting: 7 restarts, last exit code 1',
		].join('\n'));
		expect(form).toContain('  Worked      stat -c owner=%u /srv/beat ; chown -R 1000 /srv/beat ; docker restart shop-beat-1');
		expect(form).toContain('  Lessons     —');
		await wizard.press('j', 'j', 'j', 'j', 'j', 'j', 'j');
		await wizard.waitFor('❯ Lessons');
		await wizard.press(keys.enter);
		await wizard.waitFor('Lessons (separate items with ";")');
		await type(wizard, 'check bind mount owners ; match the uid');
		await wizard.press(keys.enter);
		await wizard.waitFor('❯ Lessons     check bind mount owners ; match the uid');
		await wizard.press('s');
		expect(await wizard.waitFor('Recorded "')).toContain('Recorded "shop-beat-1: The container user cannot write to its mount" in\n/home/dev/shop/.unblock/knowledge/BLOCKERS.md:12');

		expect(wizard.runtime.recorded).toEqual([{
			title: 'shop-beat-1: The container user cannot write to its mount',
			date: '2025-06-06',
			service: 'beat',
			cause: 'volume-permission-uid-mismatch',
			symptoms: ['keeps restarting: 7 restarts, last exit code 1'],
			evidence: ['restarts: 7 (restart policy always)\nlog: touch: /data/celerybeat-schedule: Permission denied\nmount: /srv/beat -> /data (rw, owned by uid 0 mode 755); the container runs as 1000'],
			rootCause: 'The process runs as uid 1000 but the mounted directory belongs to root.',
			tried: ['chown -R 1000 /srv/beat: the check failed: the directory belongs to the container user: owned by uid 0'],
			worked: ['stat -c owner=%u /srv/beat', 'chown -R 1000 /srv/beat', 'docker restart shop-beat-1'],
			tradeoffs: ['The files then belong to uid 1000 on the host too.'],
			lessons: ['check bind mount owners', 'match the uid'],
			status: 'resolved',
		}]);

		// 6. Back at the summary the incident is noted; q leaves with 0.
		await wizard.press(keys.escape);
		expect(await wizard.waitFor('Recorded in')).toContain('Fixed: every check passes now.\nRecorded in /home/dev/shop/.unblock/knowledge/BLOCKERS.md:12\n\nesc back · q quit');
		await wizard.press('q');
		expect(wizard.exits).toEqual([0]);
	});

	/** The beat container's fix, stopped at once, and its incident's form open: the wizard and the form's frame. */
	const recordFormOfStoppedFix = async (fake: FakeOptions) => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: brokenShop}, ...fake}, initial: {playbook: 'volume-permission-uid-mismatch', container: 'shop-beat-1'}});
		await wizard.waitFor('Step 1 of 3');
		await wizard.press('q');
		await wizard.waitFor('Stopped before the final checks: nothing is confirmed fixed.');
		await wizard.press('w');
		return {wizard, form: await wizard.waitFor('Record this incident')};
	};

	test('an incident that cannot be saved says why and stays editable', async () => {
		const {wizard, form} = await recordFormOfStoppedFix({recordFails: 'another unblock is writing BLOCKERS.md (process 42)'});
		expect(form).toContain('cause volume-permission-uid-mismatch · status open · beat');
		await wizard.press('s');
		const failed = await wizard.waitFor('Not saved');
		expect(failed).toContain('Not saved: another unblock is writing BLOCKERS.md (process 42)\n\n↑↓/jk move · enter edit · s save · esc back · q quit');
		expect(wizard.runtime.recorded).toEqual([]);
	});

	test('quitting while the incident saves waits for the save: it is written before unblock ends', async () => {
		const {wizard} = await recordFormOfStoppedFix({holdRecord: true});
		await wizard.press('s', 'q');
		await wizard.waitUntil(() => wizard.exits.length > 0);
		let settled = false;
		void wizard.settling[0]!.then(() => {
			settled = true;
		});
		await new Promise(resolve => setTimeout(resolve, 50));
		expect([wizard.exits, settled, wizard.runtime.recorded.length]).toEqual([[0], false, 0]);
		wizard.runtime.releaseRecord();
		expect(await wizard.settling[0]).toEqual([]);
		expect(wizard.runtime.recorded).toHaveLength(1);
	});

	test('a save that fails once the wizard has closed is told, with why; one that failed on screen is not told again', async () => {
		const reason = 'another unblock is writing BLOCKERS.md (process 42)';
		const {wizard: quitWhileSaving} = await recordFormOfStoppedFix({holdRecord: true, recordFails: reason});
		await quitWhileSaving.press('s', 'q');
		await quitWhileSaving.waitUntil(() => quitWhileSaving.exits.length > 0);
		quitWhileSaving.runtime.releaseRecord();
		expect((await quitWhileSaving.settling[0]!).map(failure => [failure.message, failure.hint])).toEqual([[`the incident was not saved: ${reason}`, 'run unblock again and record it, or use unblock record']]);

		const {wizard: failedOnScreen} = await recordFormOfStoppedFix({recordFails: reason});
		await failedOnScreen.press('s');
		await failedOnScreen.waitFor('Not saved');
		await failedOnScreen.press('q');
		await failedOnScreen.waitUntil(() => failedOnScreen.exits.length > 0);
		expect(await failedOnScreen.settling[0]).toEqual([]);
	});

	test('a finding without a playbook opens search with its error text', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: twoProblems}}});
		await wizard.waitFor('2 problems found');
		await wizard.press(keys.down, keys.enter);
		expect(await wizard.waitFor('Describe the symptom')).toContain('> probe says no');
	});

	test('`unblock fix <playbook> --container` opens straight at the fix, filled from that container\'s finding', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: brokenShop}}, initial: {playbook: 'volume-permission-uid-mismatch', container: 'shop-beat-1'}});
		const frame = await wizard.waitFor('Step 1 of 3');
		expect(frame).toContain('for shop-beat-1: keeps restarting: 7 restarts, last exit code 1');
		expect(frame).toContain('$ stat -c owner=%u /srv/beat');
		await wizard.press(keys.escape);
		expect(await wizard.waitFor('Steps ahead (3)')).toContain('f guided fix · ↑↓/jk move · enter open · esc back · / search · ? help · q quit');
	});

	test('an unknown playbook for `unblock fix` says so', async () => {
		const wizard = renderWizard({initial: {playbook: 'volume-permision'}});
		expect(await wizard.waitFor('There is no playbook')).toContain('There is no playbook "volume-permision": unblock playbooks lists them.');
	});
});

describe('keys that arrive together', () => {
	test('an arrow and enter in one read open the problem the arrow moved to', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: twoProblems}}});
		await wizard.waitFor('2 problems found');
		// A script, a paste or a fast typist: both keys in one chunk, as a terminal delivers them.
		wizard.stdin.write(`${keys.down}${keys.enter}`);
		await wizard.waitUntil(() => !(wizard.lastFrame() ?? '').includes('problems found'));
		expect(wizard.lastFrame()).not.toContain('Evidence from shop-beat-1');
		expect(wizard.lastFrame()).toContain('probe says no');
	});

	test('a key typed with the one that opens a screen goes to that screen: enter then f starts the fix', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: twoProblems}}});
		await wizard.waitFor('2 problems found');
		// Back to back, not each inside act(): the f comes before React would run the new screen's passive effects.
		wizard.stdin.write(keys.enter);
		wizard.stdin.write('f');
		expect(await wizard.waitFor('Step 1 of 3')).toContain('Guided fix: The container user cannot write to its mount');
	});

	test('a key typed into a text box that closes it does not reach the screen under it', async () => {
		const wizard = renderWizard({initial: {playbook: 'db-init-env-ignored-existing-volume'}});
		await wizard.waitFor('This step needs {volume}');
		wizard.stdin.write('shop_db\r');
		await wizard.waitFor('$ docker volume rm shop_db');
		await new Promise(resolve => setTimeout(resolve, 100));
		// The enter answered the question; it did not also run the step.
		expect(wizard.lastFrame()).not.toContain('Data loss');
		expect(wizard.lastFrame()).toContain('enter run');
	});
});
