/**
 * `unblock fix oom-killed --yes` on the real engine, both ways: a container that needs ~30 MB under
 * a 16 MB limit is fixed by the higher limit, and says Fixed (although the engine may still report
 * OOMKilled from the run before); one whose memory grows without bound is killed again, and the
 * fix says Not fixed, from one look, without waiting out its checks' timeouts.
 */
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

const memoryHungry = {
	// Holds about 30 MB of text in a shell variable, then stays up.
	bounded: 'x=$(head -c 30000000 /dev/zero | tr "\\0" a); echo loaded; exec sleep 3600',
	// Doubles a string until the kernel stops it, whatever the limit.
	unbounded: 'x=a; while true; do x="$x$x"; done',
};

describeWithEngine('unblock fix oom-killed --yes', () => {
	const names = {bounded: uniqueName('oom-bounded'), unbounded: uniqueName('oom-unbounded')};

	beforeAll(async () => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		for (const [kind, name] of Object.entries(names) as Array<[keyof typeof names, string]>) {
			docker(['run', '-d', '--name', name, ...labelArgs(), '--memory', '16m', '--memory-swap', '16m', testImage, 'sh', '-c', memoryHungry[kind]]);
		}

		// Not the engine's OOMKilled flag: it misses some kills (the oom event comes, the flag stays
		// false), and unblock reads the events for that.
		expect(await waitFor(() => Object.values(names).every(name => inspectState(name).Status === 'exited'), 30_000)).toBe(true);
		expect(Object.values(names).map(name => inspectState(name).ExitCode)).toEqual([137, 137]);
	}, 60_000);

	afterAll(() => {
		removeTestResources();
	});

	it('fixes a container that needs a little more than its limit, and says so', () => {
		const result = runCli(['fix', 'oom-killed', '--container', names.bounded, '--yes', '--set', 'memory=1g'], {timeout: 240_000});
		expect(result.stdout).toContain(`$ docker update --memory 1g --memory-swap 1g ${names.bounded}\n`);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Fixed: every check passes now.');
		expect(result.code).toBe(0);
		expect(inspectState(names.bounded).Status).toBe('running');
	}, 300_000);

	it('does not call a container fixed that the kernel kills again', () => {
		const result = runCli(['fix', 'oom-killed', '--container', names.unbounded, '--yes', '--set', 'memory=1g'], {timeout: 60_000});
		expect(result.stdout).toContain(`container ${names.unbounded} is exited (exit code 137, killed for memory)`);
		expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Not fixed: \d+ of \d+ checks still fail\.$/);
		expect(result.code).toBe(1);
	}, 120_000);
});
