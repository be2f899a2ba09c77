/**
 * What the commands print goes straight to a pipe or a file, as it would through node's stream:
 * the same bytes, a reader that has gone ends the command quietly, and neither node's socket for a
 * pipe (node:net) nor node:tty is loaded for it.
 */
import {spawn, spawnSync} from 'node:child_process';
import {closeSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const scratch = useScratchDirectory('unblock-output-');
const environment = {...process.env, NO_COLOR: '1'};

/** The command run with its stdout a pipe whose reader closed it before the command started. */
function toGoneReader(args: readonly string[]): Promise<{code: number | null; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [cliPath, ...args], {stdio: ['ignore', 'pipe', 'pipe'], env: environment});
		child.stdout.destroy();
		let stderr = '';
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			stderr += chunk;
		});
		child.on('close', code => {
			resolve({code, stderr});
		});
	});
}

/**
 * The child names node's own modules it loaded, written straight to stderr as it exits. Required
 * before the bin: with a flag, the bin checks V8's tag for its code cache with node:v8, which
 * loads node's stream classes, but not node:net or node:tty.
 */
function moduleListHook(): string {
	const file = path.join(scratch.root(), 'module-list.cjs');
	writeFileSync(file, 'process.on(\'exit\', () => require(\'node:fs\').writeSync(2, \'[modules] \' + process.moduleLoadList.join(\',\') + \'\\n\'));\n');
	return file;
}

describe('output to a pipe or a file', () => {
	it('is the same bytes either way', () => {
		const file = path.join(scratch.root(), 'search.json');
		const descriptor = openSync(file, 'w');
		try {
			spawnSync(process.execPath, [cliPath, 'search', '--json', 'bind: address already in use'], {stdio: ['ignore', descriptor, 'ignore'], env: environment});
		} finally {
			closeSync(descriptor);
		}

		const piped = runCli(['search', '--json', 'bind: address already in use']);
		expect(piped.code).toBe(0);
		expect(readFileSync(file, 'utf8')).toBe(piped.stdout);
		expect(JSON.parse(piped.stdout)).toMatchObject({results: expect.arrayContaining([expect.objectContaining({kind: 'playbook'})])});
	});

	it.each([['--version'], ['--help'], ['playbooks'], ['search', 'port is already allocated'], ['search', 'zzqx qqxz']])('unblock %s ends quietly when the reader has gone', async (...args) => {
		const {code, stderr} = await toGoneReader(args);
		expect(stderr).toBe('');
		// A search that finds nothing still says so with its exit code, as it does to a reader.
		const found = args[0] !== 'search' || runCli(args).code === 0;
		expect(code).toBe(found ? 0 : 1);
	});

	it.each([['--version'], ['search', 'port is already allocated'], ['playbooks']])('unblock %s to a pipe loads neither node:net nor node:tty', (...args) => {
		const result = spawnSync(process.execPath, ['--require', moduleListHook(), cliPath, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: environment});
		expect(result.status).toBe(0);
		expect(result.stdout.length).toBeGreaterThan(0);
		const modules = result.stderr.split('\n').find(line => line.startsWith('[modules] '))?.slice('[modules] '.length).split(',') ?? [];
		expect(modules).toContain('NativeModule fs');
		expect(modules.filter(name => /^NativeModule (?:net|tty)$/.test(name))).toEqual([]);
	});
});
