import {playbookSchema, type Playbook, type PlaybookInput, type PlaybookOrigin} from '../../../source/core/playbook-schema.js';

/**
 * A playbook with one step of each kind the guided fix knows: a read-only command, a destructive
 * command, a step done by hand and a shell script.
 */
export const examplePlaybookInput: PlaybookInput = {
	id: 'postgres-data-reset',
	title: 'Postgres refuses its data directory',
	cause: 'db-data-dir-permissions',
	summary: 'The data directory belongs to the wrong user.',
	symptoms: ['postgres will not start'],
	variables: {
		container: {description: 'The database container', from: 'evidence', evidence: 'container', question: 'Which container runs Postgres?'},
		volume: {description: 'The data volume', from: 'evidence', evidence: 'volume', question: 'Which volume holds the data?', pattern: '[a-zA-Z0-9][a-zA-Z0-9_.-]*'},
		port: {description: 'The published port', from: 'ask', question: 'Which host port does Postgres use?', default: '5432', pattern: String.raw`\d{1,5}`},
	},
	steps: [
		{
			id: 'read-state',
			title: 'Read the state of {container}',
			explanation: 'Shows whether it runs.',
			command: ['docker', 'inspect', '--format', '{{.State.Status}}', '{container}'],
			risk: 'read-only',
		},
		{
			id: 'remove-volume',
			title: 'Remove the data volume',
			explanation: 'Postgres initialises a fresh one.',
			command: ['docker', 'volume', 'rm', '{volume}'],
			risk: 'destructive',
			destroys: '{volume}',
			checks: [{type: 'host-command', command: ['docker', 'volume', 'inspect', '{volume}'], exitCode: 1}],
			hint: 'Stop {container} first: a volume in use cannot be removed.',
			timeoutSeconds: 60,
		},
		{
			id: 'recreate',
			title: 'Recreate the container',
			explanation: 'Compose creates it again with a fresh volume.',
			manual: 'Run `docker compose up -d` for {container}.',
			risk: 'caution',
			checks: [
				{type: 'container-running', container: '{container}', stableSeconds: 5},
				{type: 'log-absent', container: '{container}', pattern: 'FATAL: .* {container}'},
			],
			hint: 'Read `docker logs {container}`.',
		},
		{
			id: 'check-port',
			title: 'See that the port answers',
			explanation: 'The server listens again.',
			shell: 'docker port {container} | grep -c {port}',
			risk: 'read-only',
			checks: [{type: 'port-listening', port: '{port}'}],
		},
	],
};

export function examplePlaybook(source: PlaybookOrigin['source'] = 'shipped', input: PlaybookInput = examplePlaybookInput): Playbook {
	return {...playbookSchema.parse(input), origin: {file: 'playbooks/postgres-data-reset.yaml', source}};
}
