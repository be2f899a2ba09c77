import {afterEach, describe, expect, test} from 'vitest';
import {cleanup} from 'ink-testing-library';
import {clockTime, timeAgo} from '../../source/ui/screens/scan-screen.js';
import type {ScanOutcome} from '../../source/ui/wizard-runtime.js';
import {brokenShop} from './support/fixtures.js';
import {keys, renderWizard} from './support/render-wizard.js';

afterEach(() => {
	cleanup();
});

const scanned: ScanOutcome = {kind: 'scanned', result: brokenShop};
/** The fake runtime's clock when the first scan is asked for, as the screen shows it. */
const looked = clockTime(Date.parse('2025-06-06T10:00:00Z'));

describe('the scan screen', () => {
	test('shows a spinner while the engine is inspected', async () => {
		let finish: (outcome: ScanOutcome) => void = () => undefined;
		const wizard = renderWizard({fake: {scan: async () => new Promise(resolve => {
			finish = resolve;
		})}});
		const frame = await wizard.waitFor('Scanning the Docker engine…');
		expect(frame.split('\n').at(-1)).toBe('/ search · ? help · q quit');
		finish(scanned);
		await wizard.waitFor('1 problem found');
	});

	test('groups containers by compose project and lists each problem with its best playbook', async () => {
		const wizard = renderWizard({fake: {scan: scanned}});
		const frame = await wizard.waitFor('1 problem found');
		expect(frame).toBe([
			'Docker 20.10.24 (API 1.41) at unix:///var/run/docker.sock · project shop',
			`updated 0 s ago (${looked})`,
			'',
			'shop',
			'  ✗ shop-beat-1  restarting · 7 restarts',
			'  ✓ shop-db-1    running · healthy · 5432→5432/tcp',
			'',
			'1 problem found',
			'❯ ✗ shop-beat-1: keeps restarting: 7 restarts, last exit code 1',
			'    best playbook: The container user cannot write to its mount (volume-permission-uid-mismatch)',
			'',
			'↑↓/jk move · enter open · / search · r rescan · ? help · q quit',
		].join('\n'));
	});

	test('names the docker context the engine was found through', async () => {
		const engine = {...brokenShop.engine, host: 'unix:///home/me/.colima/default/docker.sock', context: 'colima'};
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: {...brokenShop, engine}}}, columns: 120});
		const frame = await wizard.waitFor('1 problem found');
		expect(frame.split('\n')[0]).toBe('Docker 20.10.24 (API 1.41) at unix:///home/me/.colima/default/docker.sock (context colima) · project shop');
	});

	test('without the engine of a docker context it names the context and how to pick another', async () => {
		const message = 'Docker is not reachable at unix:///home/me/.colima/default/docker.sock (context "colima")';
		const hint = 'start the engine of docker context "colima", or switch with docker context use <name> (docker context ls lists them)';
		const wizard = renderWizard({fake: {scan: {kind: 'no-engine', host: 'unix:///home/me/.colima/default/docker.sock', context: 'colima', message, hint}}, columns: 120});
		const frame = await wizard.waitFor('No Docker engine');
		expect(frame.split('\n').slice(0, 2)).toEqual([
			'No Docker engine: Docker is not reachable at unix:///home/me/.colima/default/docker.sock (context "colima"): start the',
			'engine of docker context "colima", or switch with docker context use <name> (docker context ls lists them)',
		]);
	});

	test('enter opens the selected finding\'s playbook with its evidence, the matched log line marked', async () => {
		const wizard = renderWizard({fake: {scan: scanned}});
		await wizard.waitFor('1 problem found');
		await wizard.press(keys.enter);
		const frame = await wizard.waitFor('Seen before');
		expect(frame).toContain([
			'Evidence from shop-beat-1: keeps restarting: 7 restarts, last exit code 1',
			'  restarts: 7 (restart policy always)',
			'▶ log: touch: /data/celerybeat-schedule: Permission denied',
			'  mount: /srv/beat -> /data (rw, owned by uid 0 mode 755); the container runs as 1000',
		].join('\n'));
		expect(frame).toContain([
			'Steps ahead (3)',
			'  1. See who owns the directory [read-only]',
			'  2. Give the directory to the container user [caution]',
			'  3. Restart the container [safe]',
		].join('\n'));
		expect(frame).toContain([
			'Seen before',
			'❯ seen before in /opt/unblock/knowledge/container-stability-report.md, Celery beat cannot write its',
			'  schedule: resolved by "Changed the owner of the data directory to 1000"',
		].join('\n'));
		expect(frame.split('\n').at(-1)).toBe('f guided fix · ↑↓/jk move · enter open · esc back · / search · ? help · q quit');

		await wizard.press(keys.escape);
		await wizard.waitFor('1 problem found');
	});

	test('without an engine it says so in one line and offers search', async () => {
		const wizard = renderWizard();
		const frame = await wizard.waitFor('No Docker engine');
		expect(frame).toBe([
			'No Docker engine: Docker is not reachable at unix:///var/run/docker.sock: start Docker Desktop or',
			'dockerd, or set DOCKER_HOST',
			'Search and playbooks work without it: press / and describe what you see.',
			'',
			'/ search · r rescan · ? help · q quit',
		].join('\n'));
		await wizard.press('/');
		await wizard.waitFor('Describe the symptom, or paste the error');
	});

	test('nothing broken says so', async () => {
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: {...brokenShop, containers: brokenShop.containers.slice(1), findings: []}}}});
		const frame = await wizard.waitFor('Nothing is broken');
		expect(frame).toContain('  ✓ shop-db-1  running · healthy · 5432→5432/tcp\n\nNothing is broken. If something still misbehaves, press / and describe it.');
	});

	test('what the scan could not read shows one line each: the container, the operation, why', async () => {
		const problems = [
			{container: 'shop-web-1', operation: 'inspect', message: 'timed out after 8000 ms'},
			{container: 'shop-db-1', operation: 'logs', message: 'the engine closed the connection in the middle of its answer'},
			{operation: 'info', message: 'the engine closed the connection without answering'},
		];
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: {...brokenShop, problems}}}});
		const frame = await wizard.waitFor('Could not read everything:');
		expect(frame).toContain([
			'Could not read everything:',
			'  shop-web-1: inspect: timed out after 8000 ms',
			'  shop-db-1: logs: the engine closed the connection in the middle of its answer',
			'  info: the engine closed the connection without answering',
			'',
			'↑↓/jk move · enter open · / search · r rescan · ? help · q quit',
		].join('\n'));
	});

	test('beyond five problems it says how many more, and where to see them all', async () => {
		const problems = Array.from({length: 8}, (_, index) => ({container: `load-${index}`, operation: 'inspect', message: 'timed out after 8000 ms'}));
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: {...brokenShop, problems}}}});
		const frame = await wizard.waitFor('Could not read everything:');
		expect(frame).toContain('  load-4: inspect: timed out after 8000 ms\n  … and 3 more (unblock diagnose lists them all)\n');
		expect(frame).not.toContain('load-5');
	});

	test('a narrow terminal (40 columns) keeps every line within it', async () => {
		const wizard = renderWizard({fake: {scan: scanned}, columns: 40});
		const frame = await wizard.waitFor('problem found');
		expect(frame).toBe([
			'Docker 20.10.24 (API 1.41) at unix:///v…',
			`updated 0 s ago (${looked})`,
			'',
			'shop',
			'  ✗ shop-beat-1  restarting · 7 restarts',
			'  ✓ shop-db-1    running · healthy · 54…',
			'',
			'1 problem found',
			'❯ ✗ shop-beat-1: keeps restarting: 7',
			'  restarts, last exit code 1',
			'    best playbook: The container user c…',
			'',
			'↑↓/jk move · enter open · / search ·',
			'r rescan · ? help · q quit',
		].join('\n'));
		for (const line of frame.split('\n')) {
			expect(line.length).toBeLessThanOrEqual(40);
		}
	});

	// At 46 columns the first line of each row ends exactly at the edge, before a space.
	test('a problem\'s wrapped lines start under its text, the selected row\'s and the others\' alike', async () => {
		const summary = 'keeps restarting: 7 restarts, last exit code 1, and its log says the schedule file cannot be written anywhere at all';
		const findings = ['shop-beat-0', 'shop-beat-1'].map(container => ({...brokenShop.findings[0]!, container, summary}));
		const wizard = renderWizard({fake: {scan: {kind: 'scanned', result: {...brokenShop, findings}}}, columns: 46});
		const frame = await wizard.waitFor('2 problems found');
		const row = [
			': keeps restarting: 7 restarts,',
			'  last exit code 1, and its log says the',
			'  schedule file cannot be written anywhere at',
			'  all',
		].join('\n');
		expect(frame).toContain(`❯ ✗ shop-beat-0${row}`);
		expect(frame).toContain(`  ✗ shop-beat-1${row}`);
	});

	test('follows the engine: a change looks again, keeping the last result on screen until the new one is in', async () => {
		let outcome: ScanOutcome = {kind: 'scanned', result: {...brokenShop, containers: brokenShop.containers.slice(1), findings: []}};
		let hold = false;
		let release: () => void = () => undefined;
		const wizard = renderWizard({fake: {scan: async () => hold
			? new Promise(resolve => {
				release = () => {
					resolve(outcome);
				};
			})
			: outcome}});
		await wizard.waitFor('Nothing is broken');

		// The beat container comes up and starts crashing: the engine says so.
		outcome = scanned;
		hold = true;
		wizard.runtime.change();
		const looking = await wizard.waitFor('looking again…');
		expect(looking).toContain('Nothing is broken');
		release();
		const frame = await wizard.waitFor('1 problem found');
		expect(frame.split('\n')[1]).toMatch(/^updated \d+ s ago \(\d\d:\d\d:\d\d\)$/);
		expect(frame).toContain('❯ ✗ shop-beat-1: keeps restarting: 7 restarts, last exit code 1');
		expect(wizard.runtime.scans).toBe(2);
	});

	test('looks again every few seconds with no change reported: a restart count and a health streak change without an event', async () => {
		let restarts = 7;
		const wizard = renderWizard({refreshMs: 100, fake: {scan: async () => {
			const summary = `keeps restarting: ${restarts} restarts, last exit code 1`;
			restarts++;
			return {kind: 'scanned', result: {...brokenShop, findings: brokenShop.findings.map(finding => ({...finding, summary}))}};
		}}});
		// A busy machine may draw one look over the one before it: wait for any count, then for a later one.
		const shownCount = () => Number(/keeps restarting: (\d+) restarts/.exec(wizard.lastFrame() ?? '')?.[1] ?? 0);
		await wizard.waitUntil(() => shownCount() >= 7);
		const first = shownCount();
		await wizard.waitUntil(() => shownCount() >= first + 2);
	});

	test('a steady stream of changes does not put off the next look until it ends', async () => {
		const wizard = renderWizard({fake: {scan: scanned}});
		await wizard.waitFor('1 problem found');
		const stream = setInterval(() => {
			wizard.runtime.change();
		}, 50);
		try {
			await wizard.waitUntil(() => wizard.runtime.scans >= 3);
		} finally {
			clearInterval(stream);
		}
	});

	test('says how long ago it looked', () => {
		expect([timeAgo(-5), timeAgo(3400), timeAgo(59_999), timeAgo(60_000), timeAgo(7_300_000)]).toEqual(['0 s ago', '3 s ago', '59 s ago', '1 min ago', '2 h ago']);
	});

	test('a change while another screen is shown is looked at on the way back', async () => {
		const wizard = renderWizard({fake: {scan: scanned}});
		await wizard.waitFor('1 problem found');
		await wizard.press('/');
		await wizard.waitFor('Describe the symptom, or paste the error');
		wizard.runtime.change();
		await new Promise(resolve => {
			setTimeout(resolve, 500);
		});
		expect(wizard.runtime.scans).toBe(1);
		await wizard.press(keys.escape);
		await wizard.waitFor('1 problem found');
		await wizard.waitUntil(() => wizard.runtime.scans === 2);
	});

	test('an engine that went away mid-scan: what to check, and r to look again; the changes it reported as it went do not look again by themselves', async () => {
		const wentAway: ScanOutcome = {
			kind: 'no-engine',
			host: 'unix:///var/run/docker.sock',
			message: 'Docker at unix:///var/run/docker.sock stopped answering during the scan',
			hint: 'check that the engine is still running (docker info), then run unblock diagnose again',
			beforeLookingAgain: 'check that the engine is still running (docker info)',
		};
		let release: () => void = () => undefined;
		let outcome: ScanOutcome = wentAway;
		let scans = 0;
		const wizard = renderWizard({fake: {scan: async () => ++scans > 1 ? outcome : new Promise(resolve => {
			release = () => {
				resolve(outcome);
			};
		})}});
		await wizard.waitUntil(() => wizard.runtime.scans === 1);
		// As it stops, the engine stops its containers and says so; then it answers no more.
		wizard.runtime.change();
		await new Promise(resolve => {
			setTimeout(resolve, 500);
		});
		release();
		const frame = await wizard.waitFor('No Docker engine');
		expect(frame).toBe([
			'No Docker engine: Docker at unix:///var/run/docker.sock stopped answering during the scan: check',
			'that the engine is still running (docker info), then press r to look again',
			'Search and playbooks work without it: press / and describe what you see.',
			'',
			'/ search · r rescan · ? help · q quit',
		].join('\n'));
		wizard.runtime.change();
		await new Promise(resolve => {
			setTimeout(resolve, 500);
		});
		expect(wizard.runtime.scans).toBe(1);

		outcome = scanned;
		await wizard.press('r');
		await wizard.waitFor('1 problem found');
		expect(wizard.runtime.scans).toBe(2);
	});

	test('q leaves the wizard with exit code 0, Ctrl-C with 130', async () => {
		const quitting = renderWizard({fake: {scan: scanned}});
		await quitting.waitFor('1 problem found');
		await quitting.press('q');
		expect(quitting.exits).toEqual([0]);

		const interrupted = renderWizard({fake: {scan: scanned}});
		await interrupted.waitFor('1 problem found');
		await interrupted.press(keys.ctrlC);
		expect(interrupted.exits).toEqual([130]);
	});
});
