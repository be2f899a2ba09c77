/**
 * The playbook contract (playbook-contract.ts) for containers that do not start or do not stay up:
 * a taken port, a script the runtime cannot run, a taken name, a removed network, a stale pidfile,
 * a memory limit. `fix --yes` must say Fixed exactly when the container then runs.
 */
import {chmodSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {docker, labelArgs, restartCount, rootOwnedDirectory, testImage, uniqueName} from '../support/engine.js';
import {freePort, temporaryDirectory} from '../integration/failure-reproductions.js';
import {allOf, answers, describePlaybookContract, execSucceeds, reproduced, serve, staysUp, statusOf, until, type ContractCase} from './playbook-contract.js';

/** Celery beat's refusal when the pidfile of an earlier run is still there; a good start writes one. */
const beatWithPidfile = `if [ -e celerybeat.pid ]; then
  echo "ERROR: Pidfile (celerybeat.pid) already exists." >&2
  echo "Seems we're already running? (pid: $(cat celerybeat.pid))" >&2
  exit 1
fi
echo $$ > celerybeat.pid
echo "beat: Starting..."
exec sleep 600`;

/** PostgreSQL's refusal of a data directory it does not own with mode 0700, as uid 999. */
const postgresDataCheck = `d=/var/lib/postgresql/data
if [ "$(stat -c %u $d)" != 999 ]; then
  echo "FATAL:  data directory \\"$d\\" has wrong ownership" >&2
  echo "HINT:  The server must be started by the user that owns the data directory." >&2
  exit 1
fi
if [ "$(stat -c %a $d)" != 700 ]; then
  echo "FATAL:  data directory \\"$d\\" has invalid permissions" >&2
  exit 1
fi
echo "database system is ready to accept connections"
exec sleep 600`;

/** PostgreSQL's refusal to start on data whose postmaster.pid is there; a good start writes one. */
const postgresLockCheck = `d=/var/lib/postgresql/data
if [ -e $d/postmaster.pid ]; then
  echo "FATAL:  lock file \\"postmaster.pid\\" already exists" >&2
  echo "HINT:  Is another postmaster (PID $(head -n 1 $d/postmaster.pid)) running in data directory \\"$d\\"?" >&2
  exit 1
fi
echo $$ > $d/postmaster.pid
echo "database system is ready to accept connections"
exec sleep 600`;

/** A name left by an earlier run, stopped; creating the container again fails on the name. */
const leftoverName: ContractCase['break'] = async ({labels}) => {
	const subject = uniqueName('registry');
	docker(['run', '-d', '--name', subject, ...labels('registry'), testImage, 'sleep', '600']);
	docker(['stop', '--time', '0', subject]);
	docker(['run', '-d', '--name', subject, ...labels('registry'), testImage, 'sleep', '600'], {allowFailure: true});
	return {subject, others: []};
};

const cases: readonly ContractCase[] = [
	{
		playbook: 'host-port-conflict',
		title: 'another container publishes the host port; stopping it lets this one start',
		async break({labels}) {
			const port = await freePort();
			const holder = uniqueName('old-web');
			const subject = uniqueName('web');
			docker(['run', '-d', '--name', holder, ...labels('old-web'), '-p', `${port}:80`, testImage, 'sh', '-c', serve('old-web')]);
			docker(['run', '-d', '--name', subject, ...labels('web'), '-p', `${port}:80`, testImage, 'sh', '-c', serve('web')], {allowFailure: true});
			await until(`${subject} stays created`, () => statusOf(subject) === 'created');
			return {subject, others: [holder], port};
		},
		reality: async ({subject, port}) => allOf(staysUp(subject), answers(port!, 'web')),
		expected: 'Fixed',
	},
	{
		playbook: 'entrypoint-not-executable',
		title: 'a bind-mounted entrypoint script without its execute bit',
		async break({labels, defer}) {
			const subject = uniqueName('worker');
			const directory = temporaryDirectory('noexec', defer);
			const script = path.join(directory, 'start.sh');
			writeFileSync(script, '#!/bin/sh\necho "worker ready"\nexec sleep 600\n');
			chmodSync(script, 0o644);
			docker(['run', '-d', '--name', subject, ...labels('worker'), '-v', `${directory}:/app`, '--entrypoint', '/app/start.sh', testImage], {allowFailure: true});
			await until(`${subject} stays created`, () => statusOf(subject) === 'created');
			return {subject, others: []};
		},
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'entrypoint-not-executable',
		title: 'a script in the image without its execute bit: only a rebuilt image mends it',
		break: reproduced('script-in-path-not-executable'),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'crlf-line-endings',
		title: 'a bind-mounted entrypoint script with Windows line endings',
		break: reproduced('crlf-entrypoint'),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'command-not-found',
		title: 'a command the image does not have: the image or the command must change',
		break: reproduced('command-not-found'),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'shell-missing-in-image',
		title: 'bash as the entrypoint of an image with only sh',
		break: reproduced('bash-entrypoint-without-bash'),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
	{
		// Start the leftover, or remove it: which one is right only a person can tell (is it the
		// container they meant to create?), so --yes does neither and says the name is still taken.
		playbook: 'container-name-conflict',
		title: 'a stopped leftover holds the name; whether to reuse or remove it is a person\'s decision',
		break: leftoverName,
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'container-name-conflict',
		title: 'with --allow-destructive the leftover is neither started nor removed: both are decisions',
		break: leftoverName,
		allowDestructive: true,
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'stale-network-reference',
		title: 'a container on a network removed since, attached to an existing one with --set',
		async break({labels}) {
			const subject = uniqueName('api');
			const removed = uniqueName('old-net');
			const current = uniqueName('net');
			docker(['network', 'create', ...labelArgs(), removed]);
			docker(['run', '-d', '--name', subject, ...labels('api'), '--network', removed, testImage, 'sleep', '600']);
			docker(['stop', '--time', '0', subject]);
			docker(['network', 'rm', removed]);
			docker(['network', 'create', ...labelArgs(), current]);
			docker(['start', subject], {allowFailure: true});
			return {subject, others: [], network: removed, set: {network: removed, 'new-network': current}};
		},
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'stale-pidfile-on-restart',
		title: 'a pidfile from an earlier run in the bind-mounted work directory',
		async break({labels, defer}) {
			const subject = uniqueName('beat');
			const directory = temporaryDirectory('pidfile', defer);
			writeFileSync(path.join(directory, 'celerybeat.pid'), '1\n');
			docker(['run', '-d', '--name', subject, ...labels('beat'), '-v', `${directory}:/app`, '-w', '/app', testImage, 'sh', '-c', beatWithPidfile]);
			await until(`${subject} exits`, () => statusOf(subject) === 'exited');
			return {subject, others: []};
		},
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'db-data-dir-permissions',
		title: 'a database as uid 999 in a restart loop over a root-owned data directory, its user given with --set',
		async break({labels, defer}) {
			const subject = uniqueName('db');
			const directory = rootOwnedDirectory('pgdata');
			defer(() => {
				rmSync(directory, {recursive: true, force: true});
			});
			docker(['run', '-d', '--name', subject, ...labels('db'), '--restart', 'always', '--user', '999:999', '-v', `${directory}:/var/lib/postgresql/data`, testImage, 'sh', '-c', postgresDataCheck]);
			await until(`${subject} restarts`, () => restartCount(subject) >= 3);
			return {subject, others: [], set: {owner: '999', pgdata: '/var/lib/postgresql/data'}};
		},
		reality: async ({subject}) => allOf(staysUp(subject), execSucceeds(subject, ['sh', '-c', ': > /var/lib/postgresql/data/probe'])),
		expected: 'Fixed',
	},
	{
		playbook: 'db-lock-file-in-use',
		title: 'a second database on the volume another one runs on; the other named with --set, its lock removed with --allow-destructive',
		async break({labels}) {
			const volume = uniqueName('pgdata');
			const other = uniqueName('old-db');
			const subject = uniqueName('db');
			docker(['volume', 'create', ...labelArgs(), volume]);
			docker(['run', '-d', '--name', other, ...labels('old-db'), '-v', `${volume}:/var/lib/postgresql/data`, testImage, 'sh', '-c', postgresLockCheck]);
			await until(`${other} holds the lock`, () => docker(['logs', other]).includes('ready to accept connections'));
			docker(['run', '-d', '--name', subject, ...labels('db'), '--restart', 'always', '-v', `${volume}:/var/lib/postgresql/data`, testImage, 'sh', '-c', postgresLockCheck]);
			await until(`${subject} restarts`, () => restartCount(subject) >= 3);
			return {subject, others: [other], set: {'other-container': other, 'lock-file': 'postmaster.pid'}};
		},
		allowDestructive: true,
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'port-forward-orphan',
		title: 'a forgotten kubectl port-forward holds the port; --allow-destructive ends it',
		break: reproduced('port-held-by-kubectl-port-forward'),
		allowDestructive: true,
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'port-forward-orphan',
		title: 'a forgotten kubectl port-forward holds the port; without --allow-destructive it stays',
		break: reproduced('port-held-by-kubectl-port-forward'),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'oom-killed',
		title: 'a process that needs ~30 MB under a 16 MB limit, given 256m with --set',
		async break({labels}) {
			const subject = uniqueName('worker');
			docker(['run', '-d', '--name', subject, ...labels('worker'), '--memory', '16m', '--memory-swap', '16m', testImage, 'sh', '-c', 'x=$(head -c 30000000 /dev/zero | tr "\\0" a); echo loaded; exec sleep 600']);
			await until(`${subject} is killed`, () => statusOf(subject) === 'exited');
			return {subject, others: [], set: {memory: '256m'}};
		},
		reality: async ({subject}) => staysUp(subject),
		expected: 'Fixed',
	},
	{
		playbook: 'oom-killed',
		title: 'memory that grows without bound: a higher limit (--set) does not help',
		break: reproduced('oom-killed', () => ({memory: '64m'})),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
];

describePlaybookContract('playbook contract: containers that do not start or stay up', cases);
