import {performance} from 'node:perf_hooks';
import {summarize} from './statistics.js';
import {cleanUntrustedLines} from '../source/core/clean-untrusted-text.js';
import {secretValues} from '../source/core/redact-secrets.js';

// `npm run bench:clean-text`: how long cleaning the log tails of a scan takes (neutralising,
// redacting, capping), over the lines that stacks like ours really print: 200 containers of 50
// lines, each container with the secrets its environment would give. Prints the median and spread
// of 60 rounds after a second of warm-up.
const containers = 200;
const linesPerContainer = 50;
const rounds = 60;

// Shapes of real lines from the services of a local stack. Placeholders: {n} a number, {id} hex,
// {t} a timestamp; the rare line with a credential cue in it is as rare as it is in real logs.
const templates = [
	'{t} UTC [{n}] LOG:  database system is ready to accept connections',
	'{t} UTC [{n}] LOG:  checkpoint complete: wrote {n} buffers (0.{n}%); 0 WAL file(s) added, 0 removed, 0 recycled; write={n}.{n} s, sync=0.{n} s, total={n}.{n} s',
	'{t} UTC [{n}] FATAL:  password authentication failed for user "app"',
	'{t} UTC [{n}] DETAIL:  Connection matched pg_hba.conf line 100: "host all all all scram-sha-256"',
	'{n}:M {t} * Ready to accept connections tcp',
	'{n}:M {t} * DB saved on disk',
	'{n}:M {t} * Background saving started by pid {n}',
	'{n}:C {t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition.',
	'172.18.0.{n} - - [{t}] "GET /api/health HTTP/1.1" 200 {n} "-" "curl/8.5.0"',
	'172.18.0.{n} - - [{t}] "POST /api/v1/orders?page={n} HTTP/1.1" 201 {n} "http://localhost:3000/checkout" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36"',
	' ✓ Compiled /api/orders in {n}ms ({n} modules)',
	' ○ Compiling / ...',
	'   ▲ Next.js 14.2.{n}',
	'Error: EACCES: permission denied, open \'/app/.next/trace\'',
	'    at async Object.open (node:internal/fs/promises:{n}:{n})',
	'[{t}: INFO/MainProcess] Task app.tasks.send_email[{id}-{id}] succeeded in 0.{n}s: None',
	'[{t}: INFO/MainProcess] celery@{id} ready.',
	'[{t}: ERROR/MainProcess] consumer: Cannot connect to redis://redis:6379/0: Error {n} connecting to redis:6379. Connection refused..',
	'{t}  INFO actix_server::builder: starting {n} workers',
	'{t}  INFO storage::content_manager::toc: Loading collection: documents',
	'{"level":"info","ts":"{t}","caller":"etcdserver/server.go:{n}","msg":"published local member to cluster through raft","local-member-id":"{id}","cluster-id":"{id}"}',
	'{"level":"warn","ts":"{t}","caller":"etcdserver/util.go:{n}","msg":"apply request took too long","took":"{n}.{n}ms","expected-duration":"100ms","prefix":"read-only range ","request":"key:\\"/service/demo/leader\\" ","response":"range_response_count:1 size:{n}"}',
	'{t} INFO: no action. I am (patroni1), the leader with the lock',
	'{t} WARNING: Request failed to postgres2: GET http://172.18.0.{n}:8008/patroni (HTTPConnectionPool(host=\'172.18.0.{n}\', port=8008): Max retries exceeded)',
	'{t}  INFO --- [   asgi_gw_0] localstack.request.aws     : AWS s3.PutObject => 200',
	'{t}  INFO --- [   asgi_gw_{n}] localstack.request.aws     : AWS sqs.ReceiveMessage => 200',
	'Ready.',
	'npm warn deprecated inflight@1.0.6: This module is not supported, and leaks memory.',
	'  File "/usr/local/lib/python3.12/site-packages/tiktoken/core.py", line {n}, in encode',
	'ModuleNotFoundError: No module named \'tiktoken\'',
	'{t} [info] worker {n}: handled batch {n} in {n} ms (queue depth {n})',
	'{t} level=info msg="session started" user_id={n} request_id={id}',
];

let seed = 42;
function random(): number {
	seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
	return seed / 2_147_483_648;
}

function line(): string {
	const template = templates[Math.floor(random() * templates.length)]!;
	return template
		.replaceAll('{t}', () => `2026-11-22 16:${String(Math.floor(random() * 60)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}.${Math.floor(random() * 1000)}`)
		.replaceAll('{n}', () => String(Math.floor(random() * 10_000)))
		.replaceAll('{id}', () => Math.floor(random() * 0xFF_FF_FF_FF).toString(16));
}

const fleet = Array.from({length: containers}, (_, index) => ({
	lines: Array.from({length: linesPerContainer}, line),
	secrets: secretValues([`POSTGRES_PASSWORD=pw-${index}-${Math.floor(random() * 1e9)}`, 'POSTGRES_USER=app', `DATABASE_URL=postgres://app:url-${index}@db:5432/app`]),
}));

function cleanFleet(): number {
	let characters = 0;
	for (const container of fleet) {
		for (const text of cleanUntrustedLines(container.lines, {secrets: container.secrets})) {
			characters += text.length;
		}
	}

	return characters;
}

const warmupStart = performance.now();
while (performance.now() - warmupStart < 1000) {
	cleanFleet();
}

// CPU time besides wall time: on a shared machine other processes stretch the wall clock, not the CPU time used.
const wallSamples: number[] = [];
const cpuSamples: number[] = [];
for (let round = 0; round < rounds; round++) {
	const start = performance.now();
	const cpuStart = process.cpuUsage();
	cleanFleet();
	const cpu = process.cpuUsage(cpuStart);
	wallSamples.push(performance.now() - start);
	cpuSamples.push((cpu.user + cpu.system) / 1000);
}

const wall = summarize(wallSamples);
const cpu = summarize(cpuSamples);
process.stdout.write(`cleaning ${containers} containers x ${linesPerContainer} log lines, ${rounds} rounds: wall median ${wall.median.toFixed(2)} ms (min ${wall.min.toFixed(2)}, p75 ${wall.p75.toFixed(2)}), CPU median ${cpu.median.toFixed(2)} ms (min ${cpu.min.toFixed(2)})\n`);
