/**
 * Every screen fits the terminal it is given: its title on the first line of the live area, its
 * keys on the last, never more lines than the rows less one, and what does not fit reachable by
 * scrolling. A crowded engine (30 containers, 11 problems), a long playbook, a long note, a step
 * with long output, the fix's summary, the record form and help, at 80×24 and 120×40.
 */
import {cleanup} from 'ink-testing-library';
import {afterEach, describe, expect, test} from 'vitest';
import type {DiagnoseResult} from '../../source/core/diagnose-report.js';
import type {ScanOutcome, WizardKnowledge} from '../../source/ui/wizard-runtime.js';
import {buildSearchIndex} from '../../source/core/search/search.js';
import {brokenShop, celeryNote, knowledge, staleVolume, volumePermission} from './support/fixtures.js';
import {keys, renderWizard, type Wizard} from './support/render-wizard.js';

afterEach(() => {
	cleanup();
});

const [beat] = brokenShop.findings;
const [beatContainer] = brokenShop.containers;

/** 30 containers, 11 of them in a restart loop with a long summary. */
const crowded: DiagnoseResult = {
	...brokenShop,
	project: undefined,
	containers: Array.from({length: 30}, (_, index) => ({...beatContainer!, id: `c${index}`, name: `shop-service${String(index).padStart(2, '0')}-1`, state: index < 11 ? 'restarting' as const : 'running' as const, restartCount: index < 11 ? 7 : 0})),
	findings: Array.from({length: 11}, (_, index) => ({
		...beat!,
		container: `shop-service${String(index).padStart(2, '0')}-1`,
		summary: `keeps restarting: 7 restarts, last exit code 1, and its log says the schedule file cannot be written (${index})`,
	})),
};

/** The volume playbook with a root cause and trade-offs far longer than a terminal. */
const longPlaybook = {
	...volumePermission,
	summary: Array.from({length: 12}, (_, index) => `Sentence ${index + 1} of the root cause, long enough to wrap in a narrow terminal window.`).join(' '),
	tradeoffs: Array.from({length: 10}, (_, index) => `Trade-off ${index + 1}: the files then belong to uid 1000 on the host too.`),
};

const longNote = {
	...celeryNote,
	lessons: Array.from({length: 30}, (_, index) => `Lesson ${index + 1}: match the uid of bind mounts to the container user.`),
};

function longKnowledge(): WizardKnowledge {
	const playbooks = [longPlaybook, staleVolume];
	return {...knowledge(), playbooks, notes: [longNote], index: buildSearchIndex(playbooks, [longNote])};
}

const scanned: ScanOutcome = {kind: 'scanned', result: crowded};

/** The live area: from the screen's title. */
function live(frame: string, title: string): string[] {
	const start = frame.lastIndexOf(title);
	expect(start, `no "${title}" in:\n${frame}`).toBeGreaterThanOrEqual(0);
	return frame.slice(start).replace(/\n+$/, '').split('\n');
}

function expectFits(frame: string, rows: number, title: string, footer: string): string[] {
	const lines = live(frame, title);
	expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(rows - 1);
	expect(lines[0]).toContain(title);
	expect(lines.slice(-2).join(' '), lines.join('\n')).toContain(footer);
	return lines;
}

async function waitForLive(wizard: Wizard, title: string, predicate: (lines: string[]) => boolean): Promise<string[]> {
	let lines: string[] = [];
	await wizard.waitUntil(() => {
		const frame = wizard.lastFrame() ?? '';
		lines = frame.includes(title) ? live(frame, title) : [];
		return predicate(lines);
	});
	return lines;
}

const engineLine = 'Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock';

describe.each([[80, 24], [120, 40]])('at %ix%i', (columns, rows) => {
	test('the crowded scan keeps the engine line and the keys; g and G reach both ends', async () => {
		const wizard = renderWizard({fake: {scan: scanned, knowledge: longKnowledge()}, columns, rows});
		const opened = expectFits(await wizard.waitFor('11 problems found'), rows, engineLine, 'q quit');
		expect(opened.join('\n')).toContain('❯ ✗ shop-service00-1');

		await wizard.press('G');
		const end = await waitForLive(wizard, engineLine, lines => lines.join('\n').includes('shop-service10-1: keeps'));
		expectFits(end.join('\n'), rows, engineLine, 'q quit');

		await wizard.press('g');
		const start = await waitForLive(wizard, engineLine, lines => lines[3] === 'shop');
		expectFits(start.join('\n'), rows, engineLine, 'q quit');
	});

	test('the playbook opens on its title and root cause; PgDn goes on, the title stays', async () => {
		const wizard = renderWizard({fake: {scan: scanned, knowledge: longKnowledge()}, columns, rows});
		await wizard.waitFor('11 problems found');
		await wizard.press(keys.enter);
		const page = expectFits(await wizard.waitFor('f guided fix'), rows, volumePermission.title, 'q quit');
		expect(page[1]).toBe('volume-permission-uid-mismatch · cause volume-permission-uid-mismatch');
		expect(page[2]).toMatch(/^shop-service00-1 now: keeps restarting: 7 restarts, last exit code 1/);
		expect(page).toContain('Root cause');

		await wizard.press('\u001B[6~');
		const paged = await waitForLive(wizard, volumePermission.title, lines => !lines.includes('Root cause'));
		expectFits(paged.join('\n'), rows, volumePermission.title, 'q quit');
		await wizard.press('G');
		const end = await waitForLive(wizard, volumePermission.title, lines => lines.some(line => line.includes('3. Restart the container')));
		expectFits(end.join('\n'), rows, volumePermission.title, 'q quit');
	});

	test('a long note scrolls under its title', async () => {
		const wizard = renderWizard({fake: {scan: scanned, knowledge: longKnowledge()}, columns, rows});
		await wizard.waitFor('11 problems found');
		await wizard.press('/');
		await wizard.waitFor('Describe the symptom');
		for (const character of 'celery beat') {
			await wizard.press(character);
		}

		await wizard.waitFor('note of the same cause');
		await wizard.press(keys.down, keys.enter);
		const note = expectFits(await wizard.waitFor('enter open its playbook'), rows, celeryNote.title, 'q quit');
		expect(note.join('\n')).not.toContain('Lesson 30');
		await wizard.press('G');
		const end = await waitForLive(wizard, celeryNote.title, lines => lines.join('\n').includes('Lesson 30'));
		expectFits(end.join('\n'), rows, celeryNote.title, 'q quit');
	});

	test('a step\'s long output follows its newest line, and the summary and the record form fit', async () => {
		const output = Array.from({length: 60}, (_, index) => `output line ${index + 1}`);
		const wizard = renderWizard({fake: {scan: scanned, knowledge: longKnowledge(), commands: () => ({lines: output, hold: true})}, columns, rows});
		await wizard.waitFor('11 problems found');
		await wizard.press(keys.enter);
		await wizard.waitFor('f guided fix');
		await wizard.press('f');
		await wizard.waitFor('Step 1 of 3');
		await wizard.press(keys.enter);
		const title = `Guided fix: ${volumePermission.title}`;
		const running = await waitForLive(wizard, title, lines => lines.includes('  │ output line 60'));
		expectFits(running.join('\n'), rows, title, 'ctrl+c stop');
		expect(running[1]).toMatch(/^for shop-service00-1: keeps restarting/);

		await wizard.press('g');
		const top = await waitForLive(wizard, title, lines => lines.some(line => line.startsWith('Step 1 of 3')));
		expect(top).not.toContain('  │ output line 60');
		wizard.runtime.release();

		for (let step = 1; step <= 3; step++) {
			// The steps tried so far make the screen scroll: its keys may take two lines.
			await waitForLive(wizard, title, lines => lines.slice(-2).some(line => line.startsWith('enter next step')));
			await wizard.press(keys.enter);
			if (step < 3) {
				await wizard.waitFor(`Step ${step + 1} of 3`);
				await wizard.press(keys.enter);
				wizard.runtime.release();
			}
		}

		const summary = await waitForLive(wizard, title, lines => lines.slice(-2).some(line => line.startsWith('w record incident')));
		expectFits(summary.join('\n'), rows, title, 'q quit');
		expect(summary.join('\n')).toContain('Summary of volume-permission-uid-mismatch');

		await wizard.press('w');
		const form = expectFits(await wizard.waitFor('s save'), rows, 'Record this incident', 'q quit');
		expect(form.join('\n')).toContain('❯ ');
	});

	test('help fits, and scrolls where it is taller', async () => {
		const wizard = renderWizard({fake: {scan: scanned}, columns, rows});
		await wizard.waitFor('11 problems found');
		await wizard.press('?');
		const help = expectFits(await wizard.waitFor('Keys'), rows, 'Keys', 'q quit');
		expect(help.at(-1)!.startsWith(rows < 30 ? '↑↓/jk scroll · pgup/pgdn page · g/G top/end' : 'esc back')).toBe(true);
	});
});
