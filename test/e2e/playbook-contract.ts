/**
 * The playbook contract on the real engine: for a container broken the way a playbook describes,
 * `unblock fix <playbook> --container NAME --yes` says "Fixed" (exit 0) only when the container
 * really works afterwards, and "Not fixed" (exit 1) when it does not. What works is judged by the
 * test itself (docker inspect, docker exec, an HTTP request to the published port), never by
 * unblock's own checks. Each case also names the verdict it expects, so a fix that stops working
 * and a verdict that stops telling the truth both fail.
 */
import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import http from 'node:http';
import {afterAll, beforeAll, it} from 'vitest';
import {cliPath, runCliTimed, type TimedCliResult} from '../support/run-cli.js';
import {describeWithEngine, docker, removeTestResources, uniqueName, waitFor} from '../support/engine.js';
import {reproductions, scenarioLabels, type ScenarioContext, type ScenarioNames} from '../integration/failure-reproductions.js';

export type Verdict = 'Fixed' | 'Not fixed';

/** What the test sees for itself; `detail` says what, for a failure message. */
export type Reality = {readonly works: boolean; readonly detail: string};

export type Broken = ScenarioNames & {
	/** The values a person would give the fix (`--set name=value`), known once the failure is set up. */
	readonly set?: Readonly<Record<string, string>>;
};

export type ContractCase = {
	readonly playbook: string;
	/** What is broken, and how the fix can or cannot mend it. */
	readonly title: string;
	/** Creates the broken state and resolves once it has really shown. */
	readonly break: (context: ScenarioContext) => Promise<Broken>;
	readonly allowDestructive?: true;
	/** The independent judgement, after the fix. */
	readonly reality: (broken: Broken) => Promise<Reality>;
	readonly expected: Verdict;
};

/** A failure from failure-reproductions.ts, set up and waited for as the diagnose test does. */
export function reproduced(id: string, set?: (names: ScenarioNames) => Record<string, string>): ContractCase['break'] {
	const reproduction = reproductions.find(candidate => candidate.id === id);
	if (!reproduction) {
		throw new Error(`failure-reproductions.ts has no reproduction "${id}" any more: update this contract`);
	}

	return async context => {
		const names = await reproduction.setup(context);
		await until(`${id} shows its failure`, () => reproduction.ready(names), 90_000);
		return set ? {...names, set: set(names)} : names;
	};
}

export async function until(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	if (!await waitFor(predicate, timeoutMs)) {
		throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
	}
}

type RunState = {status: string; restarting: boolean; startedAt: string; restarts: number};

function runState(name: string): RunState | undefined {
	const answer = docker(['inspect', '--format', '{{.State.Status}} {{.State.Restarting}} {{.State.StartedAt}} {{.RestartCount}}', name], {allowFailure: true});
	const [status, restarting, startedAt, restarts] = answer.split(' ');
	return status && startedAt ? {status, restarting: restarting === 'true', startedAt, restarts: Number(restarts)} : undefined;
}

export const statusOf = (name: string): string | undefined => runState(name)?.status;

/** Running, and still the same run, without a restart, `seconds` later. */
export async function staysUp(name: string, seconds = 10): Promise<Reality> {
	const first = runState(name);
	if (!first) {
		return {works: false, detail: `there is no container ${name}`};
	}

	const deadline = Date.now() + (seconds * 1000);
	for (let now = first; ; now = runState(name) ?? {...first, status: 'removed'}) {
		if (now.status !== 'running' || now.restarting) {
			return {works: false, detail: `${name} is ${now.restarting ? 'restarting' : now.status}`};
		}

		if (now.startedAt !== first.startedAt || now.restarts !== first.restarts) {
			return {works: false, detail: `${name} restarted while watched`};
		}

		if (Date.now() >= deadline) {
			return {works: true, detail: `${name} stayed up ${seconds}s`};
		}

		await new Promise(resolve => setTimeout(resolve, 500));
	}
}

export async function healthy(name: string): Promise<Reality> {
	const health = docker(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{else}}no health check{{end}}', name], {allowFailure: true});
	return {works: health === 'healthy', detail: `${name}: ${health || 'gone'}`};
}

export async function execSucceeds(name: string, command: readonly string[]): Promise<Reality> {
	const said = await new Promise<{code: number; output: string}>(resolve => {
		execFile('docker', ['exec', name, ...command], {timeout: 15_000}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, output: `${stdout}${stderr}`.trim().split('\n').at(-1) ?? ''});
		});
	});
	return {works: said.code === 0, detail: `docker exec ${name} ${command.join(' ')}: ${said.code === 0 ? 'succeeds' : `exit ${said.code}${said.output ? `: ${said.output}` : ''}`}`};
}

/** A shell line that asks `$1:$2` for / over HTTP and succeeds on a 200 (busybox's wget crashes on -T, so nc). */
export const httpOk = 'printf "GET / HTTP/1.0\\r\\n\\r\\n" | nc -w 3 "$1" "$2" | grep -q "^HTTP/1.[01] 200"';

/** An HTTP request from inside the container to `host:port`. */
export async function fetchesFrom(name: string, host: string, port: number): Promise<Reality> {
	return execSucceeds(name, ['sh', '-c', httpOk, 'sh', host, String(port)]);
}

/** An HTTP request from the test to the host port: any answer counts, `body` when the right server must give it. */
export async function answers(port: number, body?: string): Promise<Reality> {
	const answer = await new Promise<{status?: number; text?: string; error?: string}>(resolve => {
		const request = http.get({host: '127.0.0.1', port, path: '/', timeout: 3000}, response => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => {
				text += chunk;
			});
			response.on('end', () => resolve({status: response.statusCode, text}));
		});
		request.on('timeout', () => request.destroy(new Error('no answer within 3 s')));
		request.on('error', error => resolve({error: error.message}));
	});
	if (answer.error !== undefined) {
		return {works: false, detail: `127.0.0.1:${port} does not answer: ${answer.error}`};
	}

	const works = body === undefined || answer.text?.trim() === body;
	return {works, detail: `127.0.0.1:${port} answers ${answer.status}: ${answer.text?.trim().slice(0, 60) ?? ''}`};
}

export async function allOf(...judgements: ReadonlyArray<Promise<Reality>>): Promise<Reality> {
	const results = await Promise.all(judgements);
	return {works: results.every(result => result.works), detail: results.map(result => result.detail).join('; ')};
}

/** Serves `text` at / on `port`, as a stand-in web service. */
export const serve = (text: string, port = 80) => `mkdir -p /www && echo ${text} > /www/index.html && exec httpd -f -p ${port} -h /www`;

function verdictOf(result: TimedCliResult): string {
	const last = result.stdout.trimEnd().split('\n').at(-1) ?? '';
	if (result.code === 0 && last === 'Fixed: every check passes now.') {
		return 'Fixed';
	}

	// Every verdict short of Fixed counts as one: a check that failed, checks that could not all run
	// (a value only a person can give), or checks that pass although no step changed anything.
	if (result.code === 1 && /^(Not fixed|Not confirmed fixed|Nothing confirmed|Passing now, but no step)/.test(last)) {
		return 'Not fixed';
	}

	return `exit ${result.code}, last line "${last}"`;
}

/** From the heading of the last step (run or refused) to the verdict line. */
function lastStepToVerdict(result: TimedCliResult): number | undefined {
	const lastStep = result.lines.findLast(line => /^Step \d+ of \d+: /.test(line.text));
	const verdict = result.lines.findLast(line => line.text.trim() !== '');
	return lastStep && verdict ? verdict.at - lastStep.at : undefined;
}

type Timing = {playbook: string; title: string; verdict: string; lastStep?: number; total: number};

/**
 * One suite of contract cases, run side by side (each waits mostly on the engine and on
 * unblock's checks), with everything they create labelled and removed at the end.
 */
export function describePlaybookContract(name: string, cases: readonly ContractCase[]): void {
	describeWithEngine(name, () => {
		const project = uniqueName('contract');
		const cleanups: Array<() => void | Promise<void>> = [];
		const context: ScenarioContext = {project, labels: scenarioLabels(project), defer: cleanup => cleanups.push(cleanup)};
		const timings: Timing[] = [];

		beforeAll(() => {
			if (!existsSync(cliPath)) {
				throw new Error(`${cliPath} is missing: build first (npm run build, or npm test)`);
			}
		});

		afterAll(async () => {
			for (const cleanup of cleanups.reverse()) {
				await cleanup();
			}

			removeTestResources();
			// Measured, not asserted: a failing --yes should report within 60 s of its last step.
			console.info(`${name}: from the last step to the verdict\n${timings.map(timing => `  ${timing.lastStep === undefined ? '?' : (timing.lastStep / 1000).toFixed(1).padStart(6)} s  (${(timing.total / 1000).toFixed(1)} s in all)  ${timing.playbook}: ${timing.verdict}  (${timing.title})`).join('\n')}`);
		});

		for (const contract of cases) {
			it.concurrent(`${contract.playbook}: ${contract.title}: ${contract.expected}`, async ({expect}) => {
				const broken = await contract.break(context);
				const args = [
					'fix', contract.playbook, '--container', broken.subject, '--yes',
					...Object.entries(broken.set ?? {}).flatMap(([variable, value]) => ['--set', `${variable}=${value}`]),
					...(contract.allowDestructive ? ['--allow-destructive'] : []),
				];
				const result = await runCliTimed(args, {timeout: 280_000});
				const reality = await contract.reality(broken);
				const verdict = verdictOf(result);
				timings.push({playbook: contract.playbook, title: contract.title, verdict, lastStep: lastStepToVerdict(result), total: result.endedAt - result.startedAt});
				const transcript = `unblock ${args.join(' ')}\n${result.stdout}${result.stderr}\nreality: ${reality.detail}`;
				expect(result.stderr, transcript).not.toMatch(/^\s+at /m);
				expect(verdict, transcript).toBe(reality.works ? 'Fixed' : 'Not fixed');
				expect(verdict, transcript).toBe(contract.expected);
			}, 300_000);
		}
	});
}
