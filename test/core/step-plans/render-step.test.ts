import {describe, expect, test} from 'vitest';
import {describeCheck} from '../../../source/core/step-plans/describe-check.js';
import {fillCheck} from '../../../source/core/step-plans/render-check.js';
import {displayArgv} from '../../../source/core/display-argv.js';
import {renderStepCommand} from '../../../source/core/step-plans/render-command.js';
import {planStep} from '../../../source/core/step-plans/step-plan.js';
import {checkSchema} from '../../../source/core/playbook-schema.js';
import {examplePlaybook} from './example-playbook.js';

const playbook = examplePlaybook();

describe('renderStepCommand', () => {
	test('fills each argv item on its own: a value stays one argument', () => {
		const command = renderStepCommand({command: ['docker', 'logs', '{container}', '--since={since}']}, {container: 'x; rm -rf ~', since: '10m'});
		expect(command).toEqual({
			kind: 'argv',
			argv: ['docker', 'logs', 'x; rm -rf ~', '--since=10m'],
			display: 'docker logs \'x; rm -rf ~\' --since=10m',
		});
	});

	test('quotes every value in a script as one shell word', () => {
		const command = renderStepCommand({shell: 'docker logs {container} 2>&1 | grep -c {pattern}'}, {container: 'a\'b $(reboot)', pattern: 'FATAL'});
		expect(command).toEqual({
			kind: 'shell',
			argv: ['sh', '-c', String.raw`docker logs 'a'\''b $(reboot)' 2>&1 | grep -c 'FATAL'`],
			script: String.raw`docker logs 'a'\''b $(reboot)' 2>&1 | grep -c 'FATAL'`,
			display: String.raw`docker logs 'a'\''b $(reboot)' 2>&1 | grep -c 'FATAL'`,
		});
	});

	test('leaves unknown placeholders and Go templates as they are', () => {
		expect(renderStepCommand({command: ['docker', 'inspect', '--format', '{{json .State}}', '{container}']}, {})?.argv)
			.toEqual(['docker', 'inspect', '--format', '{{json .State}}', '{container}']);
	});

	test('a step done by hand has no command', () => {
		expect(renderStepCommand({}, {})).toBeUndefined();
	});

	test('the display redacts credentials but what runs keeps them', () => {
		const command = renderStepCommand({command: ['psql', '{url}']}, {url: 'postgres://app:hunter22@db/app'});
		expect(command?.argv).toEqual(['psql', 'postgres://app:hunter22@db/app']);
		expect(command?.display).toBe('psql postgres://app:[redacted]@db/app');
	});

	test.each([
		[['echo', 'plain-word_1.2/x:y@z%+=,'], 'echo plain-word_1.2/x:y@z%+=,'],
		[['echo', 'two words'], 'echo \'two words\''],
		[['echo', ''], 'echo \'\''],
		[['echo', 'it\'s'], String.raw`echo 'it'\''s'`],
		[['echo', '$HOME'], 'echo \'$HOME\''],
	])('displayArgv(%j)', (argv, shown) => {
		expect(displayArgv(argv)).toBe(shown);
	});
});

describe('fillCheck', () => {
	test('fills string fields and argv items; values in patterns match literally', () => {
		const check = checkSchema.parse({type: 'log-absent', container: '{container}', pattern: 'FATAL: .* {container}'});
		const filled = fillCheck(check, {container: 'db.1+(x)'});
		expect(filled).toEqual({type: 'log-absent', container: 'db.1+(x)', watchSeconds: 10, pattern: String.raw`FATAL: .* db\.1\+\(x\)`});
		expect(new RegExp((filled as {pattern: string}).pattern).test('FATAL: owner of db.1+(x)')).toBe(true);
		expect(new RegExp((filled as {pattern: string}).pattern).test('FATAL: owner of db11(x)')).toBe(false);
	});

	test('keeps argv items one each', () => {
		const check = checkSchema.parse({type: 'host-command', command: ['docker', 'volume', 'inspect', '{volume}'], exitCode: 1});
		expect(fillCheck(check, {volume: 'a b'})).toEqual({type: 'host-command', command: ['docker', 'volume', 'inspect', 'a b'], exitCode: 1});
	});
});

describe('describeCheck', () => {
	test.each([
		[{type: 'container-running', container: 'db'}, 'container db is running and stays up for 5s without a restart'],
		[{type: 'container-healthy', container: 'db'}, 'container db is healthy'],
		[{type: 'port-free', port: '5432'}, 'port 5432 is free on this host'],
		[{type: 'port-listening', port: '5432'}, 'something listens on 127.0.0.1:5432'],
		[{type: 'http', url: 'http://localhost:8080/health'}, 'GET http://localhost:8080/health answers 200'],
		[{type: 'container-command', container: 'db', command: ['pg_isready', '-q'], outputMatches: 'accepting'}, 'pg_isready -q in db exits 0 and prints /accepting/'],
		[{type: 'host-command', command: ['docker', 'volume', 'inspect', 'pgdata'], exitCode: 1}, 'docker volume inspect pgdata exits 1'],
		[{type: 'log-absent', container: 'db', pattern: 'Permission denied'}, 'the log of db shows no /Permission denied/ within 10s of the step'],
		[{type: 'path', path: '/var/lib/postgresql/data', container: 'db', kind: 'directory', owner: '999', mode: '0700'}, '/var/lib/postgresql/data in db is a directory owned by 999 with mode 0700'],
		[{type: 'path', path: '/tmp/x', exists: false}, '/tmp/x does not exist'],
		[{type: 'path', path: '/tmp/x'}, '/tmp/x exists'],
		[{type: 'port-free', port: '80', description: 'nothing else takes port 80'}, 'nothing else takes port 80'],
	])('%j', (input, description) => {
		expect(describeCheck(checkSchema.parse(input))).toBe(description);
	});
});

describe('planStep', () => {
	test('a step with everything known', () => {
		const plan = planStep(playbook, playbook.steps[1]!, 1, {container: 'db-1', volume: 'pgdata'});
		expect(plan).toEqual({
			index: 1,
			id: 'remove-volume',
			title: 'Remove the data volume',
			explanation: 'Postgres initialises a fresh one.',
			risk: 'destructive',
			missing: [],
			command: {kind: 'argv', argv: ['docker', 'volume', 'rm', 'pgdata'], display: 'docker volume rm pgdata'},
			destroys: 'pgdata',
			checks: [{
				check: {type: 'host-command', command: ['docker', 'volume', 'inspect', 'pgdata'], exitCode: 1},
				description: 'docker volume inspect pgdata exits 1',
			}],
			hint: 'Stop db-1 first: a volume in use cannot be removed.',
			successExitCodes: [0],
			timeoutSeconds: 60,
		});
	});

	test('names what is missing and leaves its placeholders visible', () => {
		const plan = planStep(playbook, playbook.steps[3]!, 3, {container: 'db-1'});
		expect(plan.missing).toEqual(['port']);
		expect(plan.command?.display).toBe('docker port \'db-1\' | grep -c {port}');
		expect(plan.checks.map(check => check.description)).toEqual(['something listens on 127.0.0.1:{port}']);
	});

	test('fills declared names in prose and leaves other braces alone', () => {
		const step = {...playbook.steps[2]!, manual: 'Set user: {uid} in the service {container}.'};
		expect(planStep(playbook, step, 2, {container: 'db-1'}).manual).toBe('Set user: {uid} in the service db-1.');
	});

	// The seed about tiktoken had its own advice shown as `tiktoken = [redacted]` (regression).
	test('shows the playbook\'s text as written, and redacts only the values filled in', () => {
		const step = {
			...playbook.steps[2]!,
			manual: 'Relax your own pin (`tiktoken = ">=0.5.2"`), keep `POSTGRES_PASSWORD=postgres` for development, then retry in {container}.',
			checks: [checkSchema.parse({type: 'http', url: 'http://{container}:8080/health', status: 200})],
		};
		const plan = planStep(playbook, step, 2, {container: 'db-1'});
		expect(plan.manual).toBe('Relax your own pin (`tiktoken = ">=0.5.2"`), keep `POSTGRES_PASSWORD=postgres` for development, then retry in db-1.');
		const token = `glpat-${'Qw3rTy7UiOp9AsDf2GhJ'}`;
		const withToken = planStep(playbook, step, 2, {container: token});
		expect(withToken.manual).toContain('then retry in [redacted].');
		expect(withToken.checks[0]?.description).toBe('GET http://[redacted]:8080/health answers 200');
		expect(withToken.checks[0]?.check).toMatchObject({url: `http://${token}:8080/health`});
	});
});
