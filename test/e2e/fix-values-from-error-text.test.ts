/**
 * Values a fix takes from the error text, on the real engine: a database container whose log names
 * its data directory gets that directory in the fix (shown with the line it came from), not the
 * playbook's default; `--set` wins over it; `--yes` refuses to act on a value only the default gave.
 */
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';
import {describeWithEngine, docker, inspectState, labelArgs, removeTestResources, testImage, uniqueName, waitFor} from '../support/engine.js';

describeWithEngine('a fix filled in from the error text', () => {
	const container = uniqueName('pg-perms');
	const directory = '/home/postgres/pgdata/pgroot/data';

	beforeAll(async () => {
		if (!existsSync(cliPath)) {
			throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
		}

		docker(['run', '-d', '--name', container, ...labelArgs(), testImage, 'sh', '-c', `echo "FATAL:  data directory \\"${directory}\\" has invalid permissions"; echo "DETAIL:  Permissions should be u=rwx (0700) or u=rwx,g=rx (0750)."; exit 1`]);
		expect(await waitFor(() => inspectState(container).Status === 'exited', 30_000)).toBe(true);
	}, 60_000);

	afterAll(() => {
		removeTestResources();
	});

	it('fills the data directory the log names, and says which line it came from', () => {
		const result = runCli(['fix', 'db-data-dir-permissions', '--container', container, '--dry-run'], {timeout: 60_000});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain(`  {pgdata} = ${directory} (from the error text: FATAL:  data directory "${directory}" has invalid permissions)\n`);
		expect(result.stdout).toContain(`-c 'owner=%u(%U) group=%g mode=%a %n' ${directory}`);
	});

	it('takes a value given with --set over the error text', () => {
		const result = runCli(['fix', 'db-data-dir-permissions', '--container', container, '--dry-run', '--set', 'pgdata=/srv/other'], {timeout: 60_000});
		expect(result.stdout).toContain('  {pgdata} = /srv/other (given)\n');
	});

	it('under --yes refuses a changing step that would act on a default, naming the --set to pass', () => {
		const result = runCli(['fix', 'db-data-dir-permissions', '--container', container, '--yes', '--set', 'mount-source=unblock-test-no-such-volume'], {timeout: 240_000});
		expect(result.stdout).toMatch(/refused: it would act on \{[a-z-]+\} = \S+, only the playbook's default: nothing here confirmed it; pass --set [a-z-]+=<value> to run it/);
		expect(result.code).toBe(1);
	}, 300_000);
});
