/**
 * The engine the build diagnoses to write the diagnose program's code cache: an HTTP server on a
 * unix socket of a temporary directory that answers as Docker's API does for a small project in
 * trouble (a restart loop, an OOM kill, an unhealthy service, one that keeps failing to reach its
 * database, one that is fine), so the code a real scan runs is what V8 compiles and caches. Only
 * the requests a scan makes are answered; anything else is a 404, as from an engine.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type ServerResponse} from 'node:http';
import os from 'node:os';
import path from 'node:path';

export type StandInEngine = {
	/** --host for it: unix:///tmp/.../engine.sock, or npipe:////./pipe/... on Windows */
	readonly host: string;
	close(): void;
};

type Member = {
	readonly service: string;
	readonly state: 'running' | 'restarting' | 'exited';
	readonly status: string;
	readonly exitCode: number;
	readonly restarts: number;
	readonly oomKilled?: boolean;
	readonly health?: {readonly status: 'healthy' | 'unhealthy'; readonly test: string[]; readonly output: string; readonly exitCode: number};
	readonly log: ReadonlyArray<{readonly stream: 1 | 2; readonly text: string}>;
};

const project = 'shop';
const minuteAgo = new Date(Date.now() - 60_000).toISOString();
const secondsAgo = new Date(Date.now() - 3000).toISOString();

const repeated = (count: number, text: string, stream: 1 | 2 = 2) => Array.from({length: count}, () => ({stream, text}));

const members: readonly Member[] = [
	{service: 'api', state: 'running', status: 'Up 5 minutes', exitCode: 0, restarts: 0, log: [{stream: 1, text: 'listening on 0.0.0.0:8000'}, ...repeated(8, 'Error: connect ECONNREFUSED 172.18.0.5:5432')]},
	{service: 'beat', state: 'restarting', status: 'Restarting (1) 2 seconds ago', exitCode: 1, restarts: 6, log: repeated(6, 'PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'')},
	{service: 'db', state: 'running', status: 'Up 5 minutes (healthy)', exitCode: 0, restarts: 0, health: {status: 'healthy', test: ['CMD-SHELL', 'pg_isready -U app'], output: 'accepting connections', exitCode: 0}, log: [{stream: 1, text: 'database system is ready to accept connections'}]},
	{service: 'search', state: 'running', status: 'Up 5 minutes (unhealthy)', exitCode: 0, restarts: 0, health: {status: 'unhealthy', test: ['CMD-SHELL', 'curl -f http://localhost:6333/healthz || exit 1'], output: '/bin/sh: 1: curl: not found', exitCode: 127}, log: [{stream: 1, text: 'Qdrant HTTP listening on 6333'}]},
	{service: 'migrate', state: 'exited', status: 'Exited (137) 1 minute ago', exitCode: 137, restarts: 0, oomKilled: true, log: [{stream: 1, text: 'applying migration 0042_backfill'}]},
];

/** 64 hex digits, as the engine's ids are: 0101..., 0202..., one a member. */
const idOf = (member: Member) => (members.indexOf(member) + 1).toString(16).padStart(2, '0').repeat(32);
const nameOf = (member: Member) => `${project}-${member.service}-1`;
const labelsOf = (member: Member) => ({'com.docker.compose.project': project, 'com.docker.compose.service': member.service});

function summary(member: Member): Record<string, unknown> {
	return {Id: idOf(member), Names: [`/${nameOf(member)}`], Image: `${project}-${member.service}:dev`, Command: 'docker-entrypoint.sh', State: member.state, Status: member.status, Labels: labelsOf(member), Mounts: [], Ports: [], NetworkSettings: {Networks: {[`${project}_default`]: {}}}};
}

function inspect(member: Member): Record<string, unknown> {
	const running = member.state === 'running';
	return {
		Id: idOf(member),
		Name: `/${nameOf(member)}`,
		Created: '2026-12-01T10:00:00Z',
		RestartCount: member.restarts,
		State: {
			Status: member.state, Running: running, Restarting: member.state === 'restarting', OOMKilled: member.oomKilled ?? false, Dead: false,
			ExitCode: member.exitCode, Error: '', StartedAt: running ? minuteAgo : secondsAgo, FinishedAt: running ? '0001-01-01T00:00:00Z' : secondsAgo,
			...(member.health ? {Health: {Status: member.health.status, FailingStreak: member.health.status === 'healthy' ? 0 : 5, Log: [{Start: secondsAgo, End: secondsAgo, ExitCode: member.health.exitCode, Output: member.health.output}]}} : {}),
		},
		Config: {
			Image: `${project}-${member.service}:dev`, User: '', Env: ['PATH=/usr/local/bin:/usr/bin:/bin', 'DATABASE_URL=postgres://app@db:5432/app'], Cmd: ['docker-entrypoint.sh'], Labels: labelsOf(member), Tty: false,
			...(member.health ? {Healthcheck: {Test: member.health.test, Interval: 15_000_000_000, Retries: 3}} : {}),
		},
		HostConfig: {Memory: member.oomKilled ? 67_108_864 : 0, RestartPolicy: {Name: member.restarts > 0 ? 'always' : 'no'}, PortBindings: {}, NetworkMode: `${project}_default`},
		Mounts: [],
		NetworkSettings: {Ports: {}, Networks: {[`${project}_default`]: {IPAddress: '172.18.0.4', Aliases: [member.service]}}},
	};
}

/** What Docker 20.10 answers to GET /version; the fault suites' fake engine answers it too. */
export const engineVersion = {
	Version: '20.10.24',
	ApiVersion: '1.41',
	MinAPIVersion: '1.12',
	Os: 'linux',
	Arch: 'amd64',
	Components: [{Name: 'Engine', Version: '20.10.24'}],
};

/** Docker's multiplexed log stream: one 8-byte header per frame (1 = stdout, 2 = stderr). */
export function logFrames(lines: ReadonlyArray<{stream?: 1 | 2; text: string | Buffer}>): Buffer {
	return Buffer.concat(lines.flatMap(({stream = 1, text}) => {
		const payload = Buffer.isBuffer(text) ? text : Buffer.from(text);
		const header = Buffer.alloc(8);
		header[0] = stream;
		header.writeUInt32BE(payload.length, 4);
		return [header, payload];
	}));
}

/** A member's log as the engine sends it for a tail with timestamps: a line a second, the last just now. */
function timestampedLog(member: Member): Buffer {
	return logFrames(member.log.map(({stream, text}, position) => ({stream, text: `${new Date(Date.now() - (member.log.length - position) * 1000).toISOString()} ${text}\n`})));
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text)});
	response.end(text);
}

export async function startStandInEngine(): Promise<StandInEngine> {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-engine-'));
	// A named pipe on Windows, where engines listen on those (and node opens them as sockets).
	const socketPath = process.platform === 'win32' ? `//./pipe/unblock-stand-in-engine-${process.pid}` : path.join(directory, 'engine.sock');
	const byId = new Map(members.map(member => [idOf(member), member]));
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://engine');
		const route = url.pathname.replace(/^\/v\d+\.\d+/, '');
		const container = /^\/containers\/(\w+)\/(json|logs)$/.exec(route);
		const member = container ? byId.get(container[1]!) : undefined;
		if (route === '/_ping') {
			response.writeHead(200, {'Content-Type': 'text/plain', 'Api-Version': '1.41'});
			response.end('OK');
		} else if (route === '/version') {
			sendJson(response, 200, engineVersion);
		} else if (route === '/info') {
			sendJson(response, 200, {ID: 'stand-in', Containers: members.length, SecurityOptions: ['name=seccomp,profile=default']});
		} else if (route === '/containers/json') {
			sendJson(response, 200, members.map(member => summary(member)));
		} else if (route === '/networks') {
			sendJson(response, 200, [{Id: 'a'.repeat(64), Name: `${project}_default`, Driver: 'bridge', Labels: {'com.docker.compose.project': project}}]);
		} else if (route === '/events') {
			response.writeHead(200, {'Content-Type': 'application/json'});
			response.end();
		} else if (member && container?.[2] === 'json') {
			sendJson(response, 200, inspect(member));
		} else if (member) {
			response.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'});
			response.end(timestampedLog(member));
		} else {
			sendJson(response, 404, {message: `page not found: ${route}`});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, resolve);
	});
	return {
		host: process.platform === 'win32' ? `npipe://${socketPath}` : `unix://${socketPath}`,
		close() {
			server.closeAllConnections();
			server.close();
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
