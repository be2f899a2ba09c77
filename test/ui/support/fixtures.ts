/**
 * Small, fixed playbooks, notes and a scan for the wizard's screen tests: the shipped playbooks
 * change as they improve, and these tests assert exact strings.
 */
import type {DiagnoseResult} from '../../../source/core/diagnose-report.js';
import type {Note} from '../../../source/core/note.js';
import {playbookSchema, type Playbook, type PlaybookInput} from '../../../source/core/playbook-schema.js';
import {buildSearchIndex} from '../../../source/core/search/search.js';
import type {WizardKnowledge} from '../../../source/ui/wizard-runtime.js';

function playbook(input: PlaybookInput, origin: Playbook['origin'] = {file: `playbooks/${input.id}.yaml`, source: 'shipped'}): Playbook {
	return {...playbookSchema.parse(input), origin};
}

export const volumePermission = playbook({
	id: 'volume-permission-uid-mismatch',
	title: 'The container user cannot write to its mount',
	cause: 'volume-permission-uid-mismatch',
	summary: 'The process runs as uid 1000 but the mounted directory belongs to root.',
	symptoms: ['celery beat permission denied celerybeat-schedule', 'container keeps restarting with permission denied'],
	signatures: [{
		pattern: 'touch: [^\\n]{0,80}: Permission denied',
		source: 'log',
		when: {conditions: ['restarting']},
		examples: ['touch: /data/celerybeat-schedule: Permission denied'],
	}],
	tags: ['celery', 'bind-mount'],
	variables: {
		container: {description: 'The failing container', from: 'evidence', evidence: 'container', question: 'Which container?', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$'},
		'mount-source': {description: 'The host directory', from: 'evidence', evidence: 'mount-source', question: 'Which host directory?', pattern: '^/[A-Za-z0-9._/-]*$'},
		uid: {description: 'The container user', from: 'evidence', evidence: 'user', question: 'Which uid does the process run as?', pattern: '^[1-9][0-9]*$'},
	},
	steps: [
		{
			id: 'show-owner',
			title: 'See who owns the directory',
			explanation: 'Prints the owner of the mounted directory.',
			command: ['stat', '-c', 'owner=%u', '{mount-source}'],
			risk: 'read-only',
		},
		{
			id: 'chown-mount',
			title: 'Give the directory to the container user',
			explanation: 'Changes the owner to the container user.',
			command: ['chown', '-R', '{uid}', '{mount-source}'],
			risk: 'caution',
			checks: [{type: 'path', path: '{mount-source}', owner: '{uid}', description: 'the directory belongs to the container user'}],
			hint: 'Run it with sudo when chown says "Operation not permitted".',
		},
		{
			id: 'restart-container',
			title: 'Restart the container',
			explanation: 'Restarts it so the process retries.',
			command: ['docker', 'restart', '{container}'],
			risk: 'safe',
			checks: [{type: 'container-running', container: '{container}', stableSeconds: 10}],
		},
	],
	tradeoffs: ['The files then belong to uid 1000 on the host too.'],
});

export const staleVolume = playbook({
	id: 'db-init-env-ignored-existing-volume',
	title: 'The database ignores its init settings because the volume already exists',
	cause: 'db-init-env-ignored-existing-volume',
	summary: 'POSTGRES_PASSWORD only applies to an empty data directory.',
	symptoms: ['postgres password authentication failed after changing POSTGRES_PASSWORD'],
	variables: {
		volume: {description: 'The data volume', from: 'ask', question: 'Which volume holds the data?', pattern: '^[a-z0-9][a-z0-9_.-]*$'},
		service: {description: 'The compose service', from: 'ask', question: 'Which service uses it?', choices: ['db', 'cache']},
	},
	steps: [
		{
			id: 'remove-volume',
			title: 'Remove the data volume',
			explanation: 'Deletes the volume so the database starts from empty.',
			command: ['docker', 'volume', 'rm', '{volume}'],
			risk: 'destructive',
			destroys: '{volume}',
		},
		{
			id: 'start-service',
			title: 'Start the service again',
			explanation: 'Creates a fresh volume with the new settings.',
			command: ['docker', 'compose', 'up', '-d', '{service}'],
			risk: 'safe',
		},
	],
}, {file: '.unblock/playbooks/stale-volume.yaml', source: 'team'});

export const celeryNote: Note = {
	id: 'container-stability-report#permission-issues',
	title: 'Celery beat cannot write its schedule',
	file: '/opt/unblock/knowledge/container-stability-report.md',
	line: 21,
	problem: 'Celery beat restarts in a loop: permission denied on celerybeat-schedule.',
	errors: ['PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\''],
	rootCause: 'The beat container runs as uid 1000 and the bind mount belongs to root.',
	resolution: 'Changed the owner of the data directory to 1000. Then restarted beat.',
	attempted: ['Restarting the container'],
	tradeoffs: [],
	lessons: ['Match the uid of bind mounts to the container user.'],
	status: 'resolved',
	cause: 'volume-permission-uid-mismatch',
	playbook: 'volume-permission-uid-mismatch',
	linkedBy: 'recorded',
	body: '',
};

export function knowledge(): WizardKnowledge {
	const playbooks = [volumePermission, staleVolume];
	const notes = [celeryNote];
	return {playbooks, notes, index: buildSearchIndex(playbooks, notes), skipped: []};
}

const logLine = 'touch: /data/celerybeat-schedule: Permission denied';

/** A compose project "shop" with a beat container in a restart loop and a healthy database. */
export const brokenShop: DiagnoseResult = {
	engine: {reachable: true, host: 'unix:///var/run/docker.sock', version: '20.10.24', apiVersion: '1.41', product: 'docker'},
	project: 'shop',
	containers: [
		container({id: 'a1', name: 'shop-beat-1', state: 'restarting', restartCount: 7, exitCode: 1, user: '1000'}),
		container({id: 'b2', name: 'shop-db-1', state: 'running', health: {status: 'healthy', failingStreak: 0, log: []}, ports: [{containerPort: 5432, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 5432}]}),
	],
	findings: [{
		symptom: 'restart-loop',
		container: 'shop-beat-1',
		severity: 'error',
		summary: 'keeps restarting: 7 restarts, last exit code 1',
		evidence: [
			{kind: 'restarts', text: 'restarts: 7 (restart policy always)'},
			{kind: 'log', text: `log: ${logLine}`},
			{kind: 'mount', text: 'mount: /srv/beat -> /data (rw, owned by uid 0 mode 755); the container runs as 1000'},
		],
		conditions: ['restarting'],
		exitCode: 1,
		matchText: logLine,
		facts: {container: 'shop-beat-1', image: 'busybox:1', 'mount-source': '/srv/beat', 'mount-destination': '/data', user: '1000', project: 'shop', service: 'beat'},
		matches: [{
			playbook: 'volume-permission-uid-mismatch',
			title: volumePermission.title,
			cause: 'volume-permission-uid-mismatch',
			score: 0.95,
			why: [`signature /touch: [^\\n]{0,80}: Permission denied/ matched "${logLine}"`],
			signatureMatched: true,
		}],
	}],
	problems: [],
};

function container(fields: Partial<DiagnoseResult['containers'][number]> & {id: string; name: string; state: DiagnoseResult['containers'][number]['state']}): DiagnoseResult['containers'][number] {
	return {
		image: 'busybox:1',
		labels: {},
		project: 'shop',
		service: fields.name.split('-')[1],
		dependsOn: [],
		restartCount: 0,
		exitCode: 0,
		oomKilled: false,
		mounts: [],
		ports: [],
		networks: ['shop_default'],
		entrypoint: [],
		command: [],
		memoryLimit: 0,
		env: [],
		...fields,
	};
}
