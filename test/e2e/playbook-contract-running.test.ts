/**
 * The playbook contract (playbook-contract.ts) for containers that run, or keep coming back, but
 * do not work: a mount they may not write, a dependency that is down, a health check that cannot
 * pass, a server nobody can reach, a process that does not stay in the foreground. Most of these
 * take a change to the compose file or the image, which `fix --yes` refuses: "Not fixed".
 */
import {docker, testImage, uniqueName} from '../support/engine.js';
import {dialLoop, projectNetwork} from '../integration/failure-reproductions.js';
import {allOf, answers, describePlaybookContract, execSucceeds, fetchesFrom, healthy, httpOk, reproduced, serve, staysUp, statusOf, until, type ContractCase} from './playbook-contract.js';

/** An app that gives up when its database does not answer at start, and stays up while it does. */
const appNeedingDatabase = `database() { sh -c '${httpOk}' sh db 5432; }
if ! database; then
  echo 'psycopg2.OperationalError: could not connect to server: Connection refused' >&2
  echo '	Is the server running on host "db" and accepting TCP/IP connections on port 5432?' >&2
  exit 1
fi
echo "connected to db:5432"
while database; do sleep 2; done
echo 'lost the database' >&2
exit 1`;

/** Keeps failing for a while: what tells a repeated failure from a slow start. */
async function failingFor(name: string, seconds: number): Promise<void> {
	await until(`${name} keeps failing for ${seconds} s`, async () => {
		const started = Date.parse(docker(['inspect', '--format', '{{.State.StartedAt}}', name]));
		return statusOf(name) === 'running' && Date.now() - started >= seconds * 1000;
	});
}

const cases: readonly ContractCase[] = [
	{
		playbook: 'volume-permission-uid-mismatch',
		title: 'celery beat as uid 1000 in a restart loop over a root-owned bind mount',
		break: reproduced('celery-beat-schedule-permission'),
		reality: async ({subject}) => allOf(staysUp(subject), execSucceeds(subject, ['test', '-w', '/app/data/celerybeat-schedule'])),
		expected: 'Fixed',
	},
	{
		playbook: 'volume-permission-uid-mismatch',
		title: 'an uploader as uid 1000 that stays up but cannot write its root-owned bind mount',
		break: reproduced('uploads-denied-while-up'),
		reality: async ({subject}) => allOf(staysUp(subject), execSucceeds(subject, ['sh', '-c', ': > /data/probe'])),
		expected: 'Fixed',
	},
	{
		playbook: 'dependency-container-not-running',
		title: 'the cache the app dials was stopped; starting it again is the fix',
		async break({project, labels}) {
			const network = projectNetwork('net', project);
			const cache = uniqueName('cache');
			const subject = uniqueName('app');
			docker(['run', '-d', '--name', cache, ...labels('cache'), '--network', network, '--network-alias', 'cache', testImage, 'sh', '-c', serve('PONG', 6379)]);
			docker(['stop', '--time', '0', cache]);
			docker(['run', '-d', '--name', subject, ...labels('app'), '--network', network, testImage, 'sh', '-c', dialLoop('cache', 6379, 'redis.exceptions.ConnectionError: Error -2 connecting to cache:6379. Name or service not known.')]);
			await failingFor(subject, 17);
			return {subject, others: [cache]};
		},
		reality: async ({subject, others}) => allOf(staysUp(others[0]!), fetchesFrom(subject, 'cache', 6379)),
		expected: 'Fixed',
	},
	{
		playbook: 'dependency-container-not-running',
		title: 'the cache the app dials exits with its own error each time it starts',
		break: reproduced('dependency-down'),
		reality: async ({others}) => staysUp(others[0]!),
		expected: 'Not fixed',
	},
	{
		playbook: 'service-hostname-unresolvable',
		title: 'the api dials db, which is only on another network; attaching the api to it is the fix',
		async break({project, labels}) {
			const database = uniqueName('db');
			const subject = uniqueName('api');
			docker(['run', '-d', '--name', database, ...labels('db'), '--network', projectNetwork('db-net', project), '--network-alias', 'db', testImage, 'sh', '-c', serve('ok', 5432)]);
			docker(['run', '-d', '--name', subject, ...labels('api'), '--network', projectNetwork('api-net', project), testImage, 'sh', '-c', dialLoop('db', 5432, 'Error: getaddrinfo ENOTFOUND db')]);
			await failingFor(subject, 17);
			return {subject, others: [database]};
		},
		reality: async ({subject}) => allOf(staysUp(subject), fetchesFrom(subject, 'db', 5432)),
		expected: 'Fixed',
	},
	{
		playbook: 'service-hostname-unresolvable',
		title: 'two containers on the default bridge, where names never resolve: they need a network of their own',
		break: reproduced('name-on-default-bridge'),
		reality: async ({subject, others}) => execSucceeds(subject, ['nslookup', others[0]!]),
		expected: 'Not fixed',
	},
	{
		playbook: 'service-hostname-unresolvable',
		title: 'two containers on the default bridge, the network and the names given with --set: creating it and attaching both is the fix',
		async break(context) {
			const broken = await reproduced('name-on-default-bridge')(context);
			const network = uniqueName('app-net');
			// The fix creates the network, so nothing labels it: it goes once the containers have left it.
			context.defer(() => {
				for (const name of [broken.subject, ...broken.others]) {
					docker(['network', 'disconnect', '--force', network, name], {allowFailure: true});
				}

				docker(['network', 'rm', network], {allowFailure: true});
			});
			// The names too, so the contract judges the fix, not how soon a busy machine's diagnosis sees the failure (diagnose.test does).
			return {...broken, set: {network, hostname: broken.others[0]!, 'dependency-container': broken.others[0]!}};
		},
		reality: async ({subject, others}) => allOf(staysUp(subject), execSucceeds(subject, ['nslookup', others[0]!])),
		expected: 'Fixed',
	},
	{
		playbook: 'depends-on-not-ready',
		title: 'an app that gave up before its database was ready, the database named with --set',
		async break({project, labels}) {
			const network = projectNetwork('net', project);
			const database = uniqueName('db');
			const subject = uniqueName('app');
			docker(['run', '-d', '--name', database, ...labels('db'), '--network', network, '--network-alias', 'db',
				'--health-cmd', 'wget -q -O /dev/null http://127.0.0.1:5432/', '--health-interval', '1s', '--health-retries', '3',
				testImage, 'sh', '-c', `echo "database system is starting up"; sleep 8; ${serve('ready', 5432)}`]);
			docker(['run', '-d', '--name', subject, ...labels('app', {'com.docker.compose.depends_on': 'db:service_started:false'}), '--network', network, testImage, 'sh', '-c', appNeedingDatabase]);
			await until(`${subject} gives up`, () => statusOf(subject) === 'exited');
			await until(`${database} turns healthy`, async () => (await healthy(database)).works);
			return {subject, others: [database], set: {dependency: database}};
		},
		reality: async ({subject}) => allOf(staysUp(subject), fetchesFrom(subject, 'db', 5432)),
		expected: 'Fixed',
	},
	{
		playbook: 'healthcheck-tool-missing',
		title: 'a health check that calls curl in an image without it: the compose file must change',
		break: reproduced('healthcheck-curl-missing'),
		reality: async ({subject}) => healthy(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'healthcheck-wrong-port',
		title: 'a health check that probes 8080 of a server on 3000',
		break: reproduced('healthcheck-probes-wrong-port'),
		reality: async ({subject}) => healthy(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'healthcheck-output-parsing',
		title: 'a health check that greps JSON written with a space after the colon',
		break: reproduced('healthcheck-greps-json'),
		reality: async ({subject}) => healthy(subject),
		expected: 'Not fixed',
	},
	{
		playbook: 'app-binds-loopback-in-container',
		title: 'a server on 127.0.0.1 behind a published port: its start command must change',
		break: reproduced('app-binds-loopback'),
		reality: async ({port}) => answers(port!),
		expected: 'Not fixed',
	},
	{
		playbook: 'service-port-not-published',
		title: 'the published container port is not the one the server listens on',
		break: reproduced('published-port-not-served', () => ({port: '3000'})),
		reality: async ({port}) => answers(port!),
		expected: 'Not fixed',
	},
	{
		playbook: 'no-foreground-process',
		title: 'a start script that puts its server in the background and ends',
		break: reproduced('server-goes-to-background'),
		reality: async ({subject}) => staysUp(subject),
		expected: 'Not fixed',
	},
];

describePlaybookContract('playbook contract: containers that run but do not work', cases);
