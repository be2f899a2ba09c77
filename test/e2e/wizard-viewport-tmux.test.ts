/**
 * The built binary in tmux at 80x24 and at 120x40, on a realistic stack on the real engine (15
 * containers, 4 broken, in one compose project): every screen shows its title on the first line
 * and its keys on the last, however much there is, and the scan screen follows the engine with
 * nobody touching a key: a container started meanwhile appears by itself.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {describeWithEngine, docker, labelArgs, removeTestResources, restartCount, testImage, uniqueName, waitFor} from '../support/engine.js';
import {footer, startTmuxWizard, type TmuxWizard} from '../support/tmux-wizard.js';

/** The screen's lines, from the top of the terminal; the trailing blank ones are dropped. */
function lines(screen: string): string[] {
	return screen.split('\n');
}

describeWithEngine('the wizard fits the terminal and follows the engine', () => {
	const project = uniqueName('view');
	const labels = (service: string, extra: string[] = []) => [...labelArgs({'com.docker.compose.project': project, 'com.docker.compose.service': service}), ...extra];
	const healthy = ['web', 'api', 'worker', 'cache', 'queue', 'search', 'mailer', 'scheduler', 'proxy', 'metrics', 'auth'];
	const wizards: TmuxWizard[] = [];
	let workingDirectory: string;

	const start = (columns: number, rows: number): TmuxWizard => {
		const wizard = startTmuxWizard({session: `${project}-${columns}`, args: ['--project', project], cwd: workingDirectory, columns, rows});
		wizards.push(wizard);
		return wizard;
	};

	beforeAll(async () => {
		for (const service of healthy) {
			docker(['run', '-d', '--name', `${project}-${service}-1`, ...labels(service), testImage, 'sh', '-c', `echo "${service} ready"; while true; do sleep 1; done`]);
		}

		docker(['run', '-d', '--name', `${project}-db-1`, ...labels('db', ['--restart', 'always']), testImage, 'sh', '-c', 'echo "FATAL: data directory \\"/var/lib/postgresql/data\\" has wrong ownership" >&2; exit 1']);
		docker(['run', '-d', '--name', `${project}-beat-1`, ...labels('beat', ['--restart', 'always']), testImage, 'sh', '-c', 'echo "touch: /data/celerybeat-schedule: Permission denied" >&2; exit 1']);
		docker(['run', '-d', '--name', `${project}-health-1`, ...labels('health', ['--health-cmd', 'exit 1', '--health-interval', '1s', '--health-retries', '1']), testImage, 'sh', '-c', 'while true; do sleep 1; done']);
		docker(['run', '-d', '--name', `${project}-node-1`, ...labels('node'), testImage, 'sh', '-c', 'echo "Error: Cannot find module \'/app/server.js\'" >&2; exit 1']);
		await waitFor(() => restartCount(`${project}-db-1`) >= 2 && restartCount(`${project}-beat-1`) >= 2, 60_000);
		workingDirectory = mkdtempSync(path.join(os.tmpdir(), 'unblock-e2e-cwd-'));
	}, 120_000);

	afterAll(() => {
		for (const wizard of wizards) {
			wizard.close();
		}

		removeTestResources();
		if (workingDirectory) {
			rmSync(workingDirectory, {recursive: true, force: true});
		}
	});

	/** The screen fits: its title on the terminal's first line, its keys (ending in `lastKey`) on the last, no line wider than the terminal. */
	const expectFits = (screen: string, columns: number, rows: number, title: RegExp, lastKey = 'q quit') => {
		const shown = lines(screen);
		expect(shown[0], screen).toMatch(title);
		expect(shown.length).toBeLessThanOrEqual(rows);
		expect(footer(screen).endsWith(lastKey), screen).toBe(true);
		for (const line of shown) {
			expect(line.length).toBeLessThanOrEqual(columns);
		}
	};

	/**
	 * The screen is drawn to its last line: tmux may be captured while a frame is still coming in
	 * (a write to a terminal goes out in pieces), and the keys are drawn last.
	 */
	const drawn = (predicate: (text: string) => boolean, lastKey = 'q quit') => (text: string) => predicate(text) && footer(text).endsWith(lastKey);

	it('at 80x24 every screen shows its title and its keys', async () => {
		const wizard = start(80, 24);
		const scan = await wizard.waitForScreen('the four problems', drawn(text => text.includes('4 problems found')), 90_000);
		expectFits(scan, 80, 24, /^Docker .* · project /);
		expect(scan).toMatch(/^updated \d+ s ago \(\d\d:\d\d:\d\d\)/m);

		wizard.press('G');
		const end = await wizard.waitForScreen('the last problem', drawn(text => /^ {2}✗ \S+: /m.test(text.split('4 problems found')[1] ?? '') && !text.includes(`\n${project}\n`)));
		expectFits(end, 80, 24, /^Docker .* · project /);
		wizard.press('g');
		await wizard.waitForScreen('the top again', text => text.includes(`\n${project}\n`) || lines(text)[3] === project);

		wizard.press('Enter');
		const playbook = await wizard.waitForScreen('a playbook', text => footer(text).startsWith('f guided fix') || lines(text).at(-2)?.startsWith('f guided fix') === true);
		const title = lines(playbook)[0]!;
		expect(title).not.toBe('');
		expect(playbook).toContain('Root cause');
		expect(playbook).toMatch(new RegExp(`^${project}-\\S+ now: `, 'm'));
		expectFits(playbook, 80, 24, /\S/);
		wizard.press('PageDown');
		const paged = await wizard.waitForScreen('the next page', text => text !== playbook && !text.includes('Root cause'));
		expect(lines(paged)[0]).toBe(title);

		// The second cause diagnose ranked for this finding replaces the page; back still goes to the scan.
		wizard.press('2');
		const second = await wizard.waitForScreen('the second likely cause', text => lines(text)[0] !== title && (footer(text).startsWith('f guided fix') || lines(text).at(-2)?.startsWith('f guided fix') === true));
		expect(second).toMatch(/^\S+ · cause \S+/m);
		expectFits(second, 80, 24, /\S/);

		wizard.press('Escape');
		await wizard.waitForScreen('the scan', text => text.includes('4 problems found'));
		wizard.press('?');
		expectFits(await wizard.waitForScreen('help', drawn(text => lines(text)[0] === 'Keys')), 80, 24, /^Keys$/);
		wizard.press('Escape');
		await wizard.waitForScreen('the scan', text => text.includes('4 problems found'));
		wizard.press('/');
		await wizard.waitForScreen('search', text => text.includes('Describe the symptom'));
		wizard.press('-l', 'permission denied');
		expectFits(await wizard.waitForScreen('results', drawn(text => text.includes('why:'), 'esc back')), 80, 24, /^Describe the symptom, or paste the error$/, 'esc back');
		wizard.press('Escape');
		await wizard.waitForScreen('the scan', text => text.includes('4 problems found'));
		wizard.press('q');
		await wizard.waitForScreen('the wizard to end', text => text.includes('[unblock exited 0]'), 30_000);
	}, 240_000);

	it('at 120x40 the engine line stays on screen, and a container started meanwhile appears by itself', async () => {
		const wizard = start(120, 40);
		const scan = await wizard.waitForScreen('the four problems', drawn(text => text.includes('4 problems found')), 90_000);
		expectFits(scan, 120, 40, /^Docker .* · project /);

		const late = `${project}-late-1`;
		docker(['run', '-d', '--name', late, ...labels('late'), testImage, 'sh', '-c', 'echo "Error: Cannot find module \'/app/late.js\'" >&2; exit 1']);
		// A generous deadline: the screen looks again 300 ms after the engine's event.
		const appeared = await wizard.waitForScreen('the late container', drawn(text => text.includes(`✗ ${late}`) && text.includes('5 problems found')), 5000);
		expectFits(appeared, 120, 40, /^Docker .* · project /);

		docker(['rm', '-f', late]);
		const gone = await wizard.waitForScreen('the late container gone', drawn(text => !text.includes(late)), 5000);
		expectFits(gone, 120, 40, /^Docker .* · project /);
		wizard.press('q');
		await wizard.waitForScreen('the wizard to end', text => text.includes('[unblock exited 0]'), 30_000);
	}, 240_000);
});
