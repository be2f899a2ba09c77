import {describe, expect, test} from 'vitest';
import {formatDryRunPlan} from '../../../source/core/step-plans/dry-run-plan.js';
import {resolveVariables} from '../../../source/core/step-plans/resolve-variables.js';
import {planFix} from '../../../source/core/step-plans/step-plan.js';
import {examplePlaybook} from './example-playbook.js';

describe('formatDryRunPlan', () => {
	test('prints every step with its command filled in and its checks', () => {
		const playbook = examplePlaybook();
		const plan = planFix(playbook, resolveVariables(playbook, {facts: {container: 'db-1', volume: 'pgdata'}, acceptDefaults: true}));
		expect(formatDryRunPlan(plan)).toBe(`Dry run of postgres-data-reset: Postgres refuses its data directory
Nothing is run. Playbook shipped with unblock: playbooks/postgres-data-reset.yaml

Variables
  {container} = db-1 (from the evidence)
  {volume} = pgdata (from the evidence)
  {port} = 5432 (default)

Step 1 of 4: Read the state of db-1 (read-only)
  Shows whether it runs.
  $ docker inspect --format '{{.State.Status}}' db-1
  Checks: none

Step 2 of 4: Remove the data volume (destructive)
  Postgres initialises a fresh one.
  $ docker volume rm pgdata
  Destroys pgdata: the fix asks you to type that name first; --yes refuses it without --allow-destructive.
  Check: docker volume inspect pgdata exits 1
  If the checks fail: Stop db-1 first: a volume in use cannot be removed.

Step 3 of 4: Recreate the container (caution)
  Compose creates it again with a fresh volume.
  By hand: Run \`docker compose up -d\` for db-1.
  Check: container db-1 is running and stays up for 5s without a restart
  Check: the log of db-1 shows no /FATAL: .* db-1/ within 10s of the step
  If the checks fail: Read \`docker logs db-1\`.

Step 4 of 4: See that the port answers (read-only)
  The server listens again.
  $ docker port 'db-1' | grep -c '5432'
    (runs in sh -c)
  Check: something listens on 127.0.0.1:5432
`);
	});

	test('marks a team playbook, shows what is still unknown and what was refused', () => {
		const playbook = examplePlaybook('team');
		const plan = planFix(playbook, resolveVariables(playbook, {facts: {container: '--privileged', volume: 'pgdata'}}));
		const text = formatDryRunPlan(plan);
		expect(text.split('\n').slice(0, 10)).toEqual([
			'Dry run of postgres-data-reset: Postgres refuses its data directory',
			'Nothing is run. Playbook from your team\'s .unblock/playbooks: playbooks/postgres-data-reset.yaml',
			'Its commands were not written by unblock: read each one before you run it.',
			'',
			'Variables',
			'  {container}: not known yet; the fix asks "Which container runs Postgres?"',
			'  {volume} = pgdata (from the evidence)',
			'  {port}: not known yet; the fix asks "Which host port does Postgres use?"',
			'  refused for {container}: "--privileged" (evidence): it starts with "-", so the command would read it as an option',
			'',
		]);
		expect(text).toContain(`Step 1 of 4: Read the state of {container} (read-only, team playbook)
  Shows whether it runs.
  Needs {container}: asked when the fix runs.
  $ docker inspect --format '{{.State.Status}}' '{container}'`);
	});
});
