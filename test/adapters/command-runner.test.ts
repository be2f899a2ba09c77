import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, test} from 'vitest';
import {runCommand} from '../../source/adapters/command-runner.js';
import {renderStepCommand} from '../../source/core/step-plans/render-command.js';
import type {OutputLine} from '../../source/core/guided-fix/fix-runtime-contract.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-runner-'));

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

/** Processes of a group that still run (zombies left to a PID 1 that does not reap do not count). */
function liveMembers(group: number): string[] {
	return readdirSync('/proc').filter(entry => /^\d+$/.test(entry)).flatMap(pid => {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			return Number(fields[2]) === group && fields[0] !== 'Z' ? [`${pid} ${stat.slice(stat.indexOf('('), stat.lastIndexOf(')') + 1)}`] : [];
		} catch {
			return [];
		}
	});
}

describe('runCommand', () => {
	test('streams stdout and stderr line by line, in the order they were written, and reports the exit code', async () => {
		const seen: OutputLine[] = [];
		const result = await runCommand(['sh', '-c', 'echo one; echo two >&2; echo three; echo four >&2; printf "no newline"; exit 3'], {timeoutSeconds: 10, onOutput: line => seen.push(line)});
		expect(result.outcome).toEqual({kind: 'exited', exitCode: 3});
		expect(seen.map(line => line.text)).toEqual(['one', 'two', 'three', 'four', 'no newline']);
		expect(result.output).toEqual(seen);
		expect(result.truncated).toBe(false);
	});

	// A program's stderr is often unbuffered and its stdout not: written together, read per pipe, the error came first.
	test('an error written after many lines comes after them', async () => {
		const result = await runCommand(['sh', '-c', 'seq 1 50; echo "Error: No such container: p1" >&2'], {timeoutSeconds: 10});
		expect(result.output.map(line => line.text)).toEqual([...Array.from({length: 50}, (_, index) => `${index + 1}`), 'Error: No such container: p1']);
	});

	test('CRLF ends a line and a progress bar keeps its last version: no "^M"', async () => {
		const result = await runCommand(['sh', '-c', String.raw`printf 'OCI runtime exec failed: unknown\r\n'; printf '10%%\r50%%\r100%%\n'; printf 'done\r\n' >&2`], {timeoutSeconds: 10});
		expect(result.output.map(line => line.text)).toEqual(['OCI runtime exec failed: unknown', '100%', 'done']);
	});

	test('runs the program argv names, from PATH or by path, not a shell word', async () => {
		const result = await runCommand(['/bin/echo', '$HOME', '"quoted"', 'a b'], {timeoutSeconds: 10});
		expect(result.output.map(line => line.text)).toEqual(['$HOME "quoted" a b']);
		const script = path.join(scratch, 'not-executable.sh');
		writeFileSync(script, 'echo hi\n', {mode: 0o644});
		expect((await runCommand([script], {timeoutSeconds: 5})).outcome).toEqual({kind: 'not-started', reason: `${script} is not executable`});
		expect((await runCommand(['./not-executable.sh'], {timeoutSeconds: 5, cwd: scratch})).outcome).toEqual({kind: 'not-started', reason: './not-executable.sh is not executable'});
	});

	test('neutralises control sequences and redacts secrets in the output', async () => {
		const result = await runCommand(['sh', '-c', String.raw`printf '\033[31mred\033[0m \033]0;title\007text\n'; echo "POSTGRES_PASSWORD=hunter2hunter2"; echo "pass is s3cr3t-value"`], {
			timeoutSeconds: 10,
			secrets: ['s3cr3t-value'],
		});
		expect(result.output.map(line => line.text)).toEqual(['red text', 'POSTGRES_PASSWORD=[redacted]', 'pass is [redacted]']);
	});

	// A step that cats a key file prints it a line at a time; no single line shows it is a key.
	test('redacts the body of a private key printed over several lines', async () => {
		const key = ['-----BEGIN EC PRIVATE KEY-----', 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnV', 'oAoGCCqGSM49AwEHoUQDQgAE', '-----END EC PRIVATE KEY-----'];
		const result = await runCommand(['sh', '-c', `printf '%s\\n' ${key.map(line => `'${line}'`).join(' ')}; echo done`], {timeoutSeconds: 10});
		expect(result.output.map(line => line.text)).toEqual(['-----BEGIN EC PRIVATE KEY----- [redacted]', '[redacted]', '[redacted]', '-----END EC PRIVATE KEY-----', 'done']);
	});

	test('keeps only the newest lines', async () => {
		const result = await runCommand(['seq', '1', '1000'], {timeoutSeconds: 10, maximumLines: 3});
		expect(result.output.map(line => line.text)).toEqual(['998', '999', '1000']);
		expect(result.truncated).toBe(true);
	});

	test('stops a command that runs past its timeout', async () => {
		const result = await runCommand(['sh', '-c', 'echo started; sleep 100'], {timeoutSeconds: 0.5, killGraceMilliseconds: 500});
		expect(result.outcome).toEqual({kind: 'timed-out', afterSeconds: 0.5});
		expect(result.output.map(line => line.text)).toEqual(['started']);
	});

	test('cancelling stops the whole process group, background children included', async () => {
		const controller = new AbortController();
		let group = 0;
		const result = await runCommand(['sh', '-c', 'echo $$; sleep 100 & sleep 100'], {
			timeoutSeconds: 60,
			killGraceMilliseconds: 1000,
			signal: controller.signal,
			onOutput(line) {
				group = Number(line.text);
				controller.abort();
			},
		});
		expect(result.outcome).toEqual({kind: 'cancelled'});
		expect(group).toBeGreaterThan(1);
		expect(liveMembers(group)).toEqual([]);
	});

	test('a child that ignores SIGTERM is killed after the grace period', async () => {
		const controller = new AbortController();
		let group = 0;
		const result = await runCommand(['sh', '-c', 'echo $$; sh -c \'trap "" TERM; sleep 100\' & wait'], {
			timeoutSeconds: 60,
			killGraceMilliseconds: 300,
			signal: controller.signal,
			onOutput(line) {
				group = Number(line.text);
				setTimeout(() => controller.abort(), 100);
			},
		});
		expect(result.outcome).toEqual({kind: 'cancelled'});
		expect(liveMembers(group)).toEqual([]);
	});

	// It waited for the pipe the detached process held: past its own exit, past the timeout, past Ctrl-C.
	test('ends when the command exits, though a process that left its group holds stdout', async () => {
		let detached = 0;
		try {
			const result = await runCommand(['sh', '-c', 'setsid sleep 30 & echo $!'], {
				timeoutSeconds: 20,
				onOutput(line) {
					detached = Number(line.text);
				},
			});
			expect(result.outcome).toEqual({kind: 'exited', exitCode: 0});
			expect(detached).toBeGreaterThan(1);
		} finally {
			if (detached > 1) {
				process.kill(detached, 'SIGKILL');
			}
		}
	}, 15_000);

	test('reports a command that is not installed instead of throwing', async () => {
		const result = await runCommand(['unblock-no-such-command'], {timeoutSeconds: 5});
		expect(result.outcome).toEqual({kind: 'not-started', reason: 'unblock-no-such-command was not found; is it installed and on the PATH?'});
	});

	test('refuses an argument with a NUL byte instead of throwing', async () => {
		const result = await runCommand(['echo', 'a\u0000b'], {timeoutSeconds: 5});
		expect(result.outcome).toEqual({kind: 'not-started', reason: 'Arguments cannot contain null bytes ("\\0"): ab'});
	});

	test('reads nothing from stdin', async () => {
		const result = await runCommand(['sh', '-c', 'cat; echo "cat ended"'], {timeoutSeconds: 5});
		expect(result.outcome).toEqual({kind: 'exited', exitCode: 0});
		expect(result.output.map(line => line.text)).toEqual(['cat ended']);
	});
});

describe('hostile values stay one literal argument', () => {
	const hostile = ['x; rm -rf ~', '$(touch pwned)', '`touch pwned`', 'a\' ; touch pwned ; \'', '--privileged', '"; touch pwned; "', '* ?'];

	test.each(hostile)('argv step: %s', async value => {
		const command = renderStepCommand({command: ['printf', '[%s]\\n', 'before', '{container}', 'after']}, {container: value});
		const result = await runCommand(command!.argv, {timeoutSeconds: 5, cwd: scratch});
		expect(result.output.map(line => line.text)).toEqual(['[before]', `[${value}]`, '[after]']);
		expect(existsSync(path.join(scratch, 'pwned'))).toBe(false);
	});

	test.each(hostile)('shell step: %s', async value => {
		const command = renderStepCommand({shell: 'printf "[%s]\\n" {container} | cat'}, {container: value});
		expect(command?.argv.slice(0, 2)).toEqual(['sh', '-c']);
		const result = await runCommand(command!.argv, {timeoutSeconds: 5, cwd: scratch});
		expect(result.output.map(line => line.text)).toEqual([`[${value}]`]);
		expect(existsSync(path.join(scratch, 'pwned'))).toBe(false);
	});
});

test('passes the engine of --host to the command as DOCKER_HOST', async () => {
	const result = await runCommand(['sh', '-c', 'echo "$DOCKER_HOST"'], {timeoutSeconds: 10, env: {DOCKER_HOST: 'tcp://127.0.0.1:2375'}});
	expect(result.outcome).toEqual({kind: 'exited', exitCode: 0});
	expect(result.output.map(line => line.text)).toEqual(['tcp://127.0.0.1:2375']);
});
