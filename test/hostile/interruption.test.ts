/**
 * Ctrl-C (SIGINT) or SIGTERM while unblock works: during a fix step's command, during a scan,
 * while writing the blocker log, and in the wizard's terminal. Afterwards no process it started
 * may still run, no temporary or lock file may be left, the log must be whole (the old text or
 * the new, never half), and the terminal must be back to normal.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {waitFor} from '../support/docker-cli.js';
import {cliPath} from '../support/run-cli.js';
import {startCli} from './cli-process.js';
import {containerSummary, engineBasics, sendJson, startFakeEngine} from './fake-engine.js';
import {playbookYaml} from './playbook-text.js';

let scratch: string;
let repository: string;

beforeAll(() => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-hostile-interrupt-'));
	repository = path.join(scratch, 'repository');
	mkdirSync(path.join(repository, '.git'), {recursive: true});
	mkdirSync(path.join(repository, '.unblock', 'playbooks'), {recursive: true});
});

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** Pids whose command line holds `marker` (a unique number the test passes to sleep). */
function processesWith(marker: string): number[] {
	const pids: number[] = [];
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		try {
			const commandLine = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
			const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
			// Whole words of the command line only: a marker inside a longer token is someone else's.
			const words = commandLine.split(/[\u0000\s;]+/);
			if (words.includes(marker) && state !== 'Z') {
				pids.push(Number(entry));
			}
		} catch {
			// Gone while we looked.
		}
	}

	return pids;
}

function childrenOf(parent: number): number[] {
	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).flatMap(entry => {
		try {
			const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
			return Number(fields[1]) === parent ? [Number(entry)] : [];
		} catch {
			return [];
		}
	});
}

describe.each([
	['SIGINT', [130]],
	['SIGTERM', [130, 143]],
] as const)('%s during a fix step', (signal, expectedCodes) => {
	test('stops the step\'s whole process tree and exits', async () => {
		// A unique duration marks the step's processes: a child and a grandchild. It must be unique
		// enough never to appear in another process's command line (a container id, a port): the
		// test kills whatever still carries it at the end, and a short number once matched a
		// containerd shim and wedged the engine.
		const seconds = `3${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}`;
		const id = `long-step-${signal.toLowerCase()}`;
		writeFileSync(path.join(repository, '.unblock', 'playbooks', `${id}.yaml`), playbookYaml(id, playbook => {
			playbook.steps = [{id: 'wait', title: 'Wait', explanation: 'Waits.', command: ['sh', '-c', 'sleep "$1" & sleep "$1"; wait', 'sh', seconds], risk: 'read-only', timeoutSeconds: 600}];
		}));
		const started = startCli(['fix', id, '--yes'], {cwd: repository, env: {DOCKER_HOST: 'unix:///nonexistent/docker.sock'}, timeout: 60_000});
		// sh and its two sleeps.
		const running = await waitFor(() => processesWith(seconds).length >= 3, 30_000, 100);
		expect(running, started.output().stderr).toBe(true);
		started.child.kill(signal);
		const result = await started.done;
		expect(result.timedOut).toBe(false);
		// The grace period between SIGTERM and SIGKILL may still be running down.
		const stopped = await waitFor(() => processesWith(seconds).length === 0, 10_000, 100);
		const leftOver = processesWith(seconds);
		for (const pid of leftOver) {
			// Left running by unblock: the test ends them itself, so a failure leaves nothing behind.
			process.kill(pid, 'SIGKILL');
		}

		expect(stopped, `still running after unblock exited: ${leftOver.map(pid => readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\u0000', ' ')).join('; ')}`).toBe(true);
		// Killed by the signal itself counts as 128 + its number.
		expect(expectedCodes).toContain(result.code ?? 128 + (result.signal === 'SIGTERM' ? 15 : 2));
	}, 60_000);
});

describe('interrupting a scan', () => {
	test('SIGTERM while the engine is slow to answer ends unblock at once, leaving nothing behind', async () => {
		const engine = await startFakeEngine([
			...engineBasics(),
			[/^\/containers\/json$/, (_request, response) => {
				sendJson(response, 200, [containerSummary('slow1', 'slow-1')]);
			}],
			// Inspect never answers within the test.
			[/^\/containers\/slow1\/json$/, () => undefined],
		]);
		try {
			const started = startCli(['diagnose'], {env: {DOCKER_HOST: engine.host}, timeout: 30_000, detached: true});
			expect(await waitFor(() => engine.requests.includes('/containers/slow1/json'), 20_000, 50)).toBe(true);
			started.child.kill('SIGTERM');
			const result = await started.done;
			expect(result.timedOut).toBe(false);
			expect(result.stdout).toBe('');
			// Nothing of its process group is left.
			expect(spawnSync('pgrep', ['-g', String(started.child.pid)]).status).toBe(1);
		} finally {
			await engine.close();
		}
	});
});

describe('interrupting a record', () => {
	test('SIGTERM while the blocker log is written leaves it whole and no temporary or lock file', async () => {
		const directory = path.join(scratch, 'record');
		mkdirSync(path.join(directory, '.git'), {recursive: true});
		const log = path.join(directory, 'BLOCKERS.md');
		// A large log makes the write take long enough to be caught in the middle.
		const original = `# Blocker Log\n\n${'## Old entry\n\n- Symptom: something\n\n'.repeat(1_500_000)}`;
		writeFileSync(log, original);
		const started = startCli(['record', '--title', 'Interrupted entry', '--symptom', 'it broke', '--resolution', 'it was fixed', '--file', 'BLOCKERS.md'], {cwd: directory, timeout: 60_000});
		const temporary = () => readdirSync(directory).filter(name => name.endsWith('.unblock-tmp') || name.endsWith('.lock'));
		await waitFor(() => temporary().length > 0 || started.child.exitCode !== null, 30_000, 1);
		started.child.kill('SIGTERM');
		await started.done;
		const after = readFileSync(log, 'utf8');
		expect(after === original || (after.includes('Interrupted entry') && after.length > original.length)).toBe(true);
		expect(temporary()).toEqual([]);
	}, 60_000);
});

describe('interrupting the wizard', () => {
	const tmux = spawnSync('tmux', ['-V']).status === 0;

	test.runIf(tmux)('SIGTERM in the wizard leaves the terminal with its cursor, out of the alternate screen, and not in raw mode', async () => {
		const socket = path.join(scratch, 'tmux.sock');
		const session = 'interrupt';
		const sttyFile = path.join(scratch, 'stty.txt');
		const marker = `interrupt-${Date.now()}`;
		const tmuxRun = (...args: string[]) => spawnSync('tmux', ['-S', socket, ...args], {encoding: 'utf8'});
		// Without CI in the environment (CI sets it) the binary takes the terminal for a person's.
		const script = `env -u CI node ${cliPath} --project ${marker}; echo EXIT=$?; stty -a > ${sttyFile}; sleep 600`;
		tmuxRun('new-session', '-d', '-s', session, '-x', '120', '-y', '40', 'sh', '-c', script);
		try {
			// unblock renames its process ("unblock"), so it is found as the child of the shell that started it.
			const unblockPid = () => {
				const shell = processesWith(marker).find(candidate => readFileSync(`/proc/${candidate}/cmdline`, 'utf8').startsWith('sh\u0000-c\u0000'));
				return shell === undefined ? undefined : childrenOf(shell)[0];
			};

			expect(await waitFor(() => unblockPid() !== undefined, 20_000, 100)).toBe(true);
			// Wait until the wizard has drawn (and so has hidden the cursor and entered raw mode).
			expect(await waitFor(() => tmuxRun('capture-pane', '-p', '-t', session).stdout.includes('q quit'), 30_000, 200)).toBe(true);
			const pid = unblockPid()!;
			process.kill(pid, 'SIGTERM');
			expect(await waitFor(() => existsSync(sttyFile) && readFileSync(sttyFile, 'utf8').includes('icanon'), 20_000, 100)).toBe(true);
			expect(tmuxRun('capture-pane', '-p', '-t', session).stdout).toContain('EXIT=143');
			const modes = readFileSync(sttyFile, 'utf8');
			expect(modes).toMatch(/(^|\s)icanon(\s|$)/);
			expect(modes).toMatch(/(^|\s)echo(\s|$)/);
			expect(tmuxRun('display-message', '-p', '-t', session, '#{cursor_flag} #{alternate_on}').stdout.trim()).toBe('1 0');
		} finally {
			tmuxRun('kill-server');
		}
	}, 90_000);
});
