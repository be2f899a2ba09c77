/** Compose commands run in the diagnosed container's own project, or not at all. */
import {describe, expect, it} from 'vitest';
import {composeContextOf} from '../../../source/core/step-plans/compose-project.js';
import {planStep} from '../../../source/core/step-plans/step-plan.js';
import {checkPlaybookRules} from '../../../source/core/playbook-rules.js';
import {playbookSchema, type Step} from '../../../source/core/playbook-schema.js';
import {examplePlaybook, examplePlaybookInput} from './example-playbook.js';

const projectFacts = {
	container: 'shop-web-1',
	image: 'shop-web',
	project: 'shop',
	service: 'web',
	'compose-working-dir': '/home/me/shop app',
	'compose-config-files': '/home/me/shop app/compose.yaml,/home/me/shop app/compose.dev.yaml',
};

const rebuild: Step = {
	id: 'rebuild',
	title: 'Rebuild',
	explanation: 'Rebuilds the service.',
	command: ['docker', 'compose', 'up', '-d', '--build', '{service}'],
	risk: 'safe',
	successExitCodes: [0],
	checks: [{type: 'host-command', command: ['docker', 'compose', 'build', '--quiet', '{service}'], exitCode: 0}],
	timeoutSeconds: 120,
};

const playbook = {variables: {service: {description: 'The service', from: 'evidence' as const, evidence: 'service' as const}}};

describe('a docker compose step', () => {
	it('runs with the project directory, every config file and the project name from the labels', () => {
		const plan = planStep(playbook, rebuild, 0, {service: 'web'}, composeContextOf(projectFacts));
		const inProject = ['docker', 'compose', '--project-directory', '/home/me/shop app', '-f', '/home/me/shop app/compose.yaml', '-f', '/home/me/shop app/compose.dev.yaml', '-p', 'shop'];
		expect(plan.command?.argv).toEqual([...inProject, 'up', '-d', '--build', 'web']);
		expect(plan.command?.display).toBe('docker compose --project-directory \'/home/me/shop app\' -f \'/home/me/shop app/compose.yaml\' -f \'/home/me/shop app/compose.dev.yaml\' -p shop up -d --build web');
		expect(plan.checks[0]?.check).toMatchObject({command: [...inProject, 'build', '--quiet', 'web']});
		expect(plan.manual).toBeUndefined();
	});

	it('is not run for a container compose did not make, and says so', () => {
		const plan = planStep(playbook, rebuild, 0, {service: 'web'}, composeContextOf({container: 'web', image: 'shop-web'}));
		expect(plan.command).toBeUndefined();
		expect(plan.checks).toEqual([]);
		expect(plan.manual).toBe('Not run: web was not started by docker compose (it has no com.docker.compose.project label), so unblock does not know which compose project to run this in and does not guess. Run it yourself in the project\'s directory: docker compose up -d --build web. Then check: docker compose build --quiet web exits 0.');
	});

	it('is not run when no container was read from the engine', () => {
		const plan = planStep(playbook, rebuild, 0, {service: 'web'}, composeContextOf({container: 'web'}));
		expect(plan.command).toBeUndefined();
		expect(plan.manual).toContain('Not run: no container was read from the engine');
	});

	it.each([
		['a relative working directory', {'compose-working-dir': 'shop'}, 'the compose labels of shop-web-1 name "shop", which is not an absolute path on one line'],
		['a config file with a line break', {'compose-config-files': '/home/me/a.yaml,/home/me/b\n.yaml'}, 'which is not an absolute path'],
		['a project name compose would not give', {project: '-p evil'}, 'the compose project name "-p evil" on shop-web-1 is not one compose gives'],
		['no working-directory label', {'compose-working-dir': undefined}, 'shop-web-1 was not started by docker compose (it has no com.docker.compose.project.working_dir label)'],
	])('refuses labels with %s', (_case, override, reason) => {
		const context = composeContextOf({...projectFacts, ...override});
		expect(context.kind).toBe('not-compose');
		expect(context.kind === 'not-compose' ? context.reason : '').toContain(reason);
	});

	it('runs a script that runs compose with "$@" in the project as well', () => {
		const step: Step = {...rebuild, checks: [{type: 'host-command', command: ['sh', '-c', 'p=$1; shift; "$@" config --services', 'sh', '{service}', 'docker', 'compose'], exitCode: 0}]};
		const plan = planStep(playbook, step, 0, {service: 'web'}, composeContextOf({...projectFacts, 'compose-config-files': ''}));
		expect(plan.checks[0]?.check).toMatchObject({command: ['sh', '-c', 'p=$1; shift; "$@" config --services', 'sh', 'web', 'docker', 'compose', '--project-directory', '/home/me/shop app', '-p', 'shop']});
	});
});

describe('playbook lint', () => {
	const withStep = (step: Partial<Step>) => playbookSchema.parse({...examplePlaybookInput, steps: [{id: 'one', title: 'One', explanation: 'x', risk: 'safe', ...step}]});

	it('refuses compose project options a playbook sets itself', () => {
		const issues = checkPlaybookRules(withStep({command: ['docker', 'compose', '--project-name', 'shop', 'up']}), examplePlaybook().id);
		expect(issues.map(issue => issue.message)).toContain('--project-name: unblock runs docker compose with the container\'s own project directory, files and name; leave them out');
	});

	it('refuses a script that runs compose in the current directory', () => {
		const issues = checkPlaybookRules(withStep({shell: 'cd x && docker compose up -d'}), examplePlaybook().id);
		expect(issues.map(issue => issue.message)).toContain('run docker compose as a command (argv), so that unblock runs it in the container\'s own compose project');
	});
});
