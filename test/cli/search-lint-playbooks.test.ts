import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cliPath, runCli} from '../support/run-cli.js';

let scratch: string;

beforeAll(() => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-cli-'));
});

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

describe('unblock --help and --version', () => {
	test('--help lists the commands and exits 0', () => {
		const result = runCli(['--help']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('$ unblock search <words or error>');
		expect(result.stdout).toContain('$ unblock diagnose');
	});

	test('--version prints the package version', () => {
		const {version} = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {version: string};
		const result = runCli(['--version']);
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toBe(version);
	});

	test('an unknown command is bad usage with a hint, not a stack trace', () => {
		const result = runCli(['frobnicate']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('unblock: unknown command "frobnicate"\n  hint: run unblock --help to see the commands\n');
	});

	test('an unknown flag is bad usage naming the flag', () => {
		const result = runCli(['search', '--colour', 'x']);
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('unblock: unknown flag --colour\n  hint: run unblock --help to see the commands and flags\n');
	});

	test('a flag without its value, and a value for a flag that takes none, are bad usage', () => {
		expect(runCli(['search', 'x', '--limit'])).toMatchObject({code: 2, stderr: 'unblock: --limit needs a value\n  hint: --limit <value> (run unblock --help to see the commands and flags)\n'});
		expect(runCli(['diagnose', '--json=yes'])).toMatchObject({code: 2, stderr: 'unblock: --json takes no value\n  hint: write --json alone (run unblock --help to see the commands and flags)\n'});
		expect(runCli(['search', 'x', '--limit', 'three'])).toMatchObject({code: 2, stderr: 'unblock: --limit must be a whole number of at least 1, not "three"\n  hint: unblock search --limit 5 <query>\n'});
	});
});

describe('unblock search', () => {
	test('ranks the health-check playbook first for the curl error, as JSON', () => {
		const result = runCli(['search', '--json', 'exec: "curl": executable file not found in $PATH']);
		expect(result.code).toBe(0);
		const report = JSON.parse(result.stdout) as {query: string; results: Array<{kind: string; id: string; cause: string; score: number; why: string[]}>};
		expect(report.query).toBe('exec: "curl": executable file not found in $PATH');
		expect(report.results[0]).toMatchObject({kind: 'playbook', id: 'healthcheck-tool-missing', cause: 'healthcheck-tool-missing'});
		expect(report.results[0]!.score).toBeGreaterThan(0.7);
		expect(report.results[0]!.score).toBeLessThanOrEqual(1);
		expect(report.results[0]!.why[0]).toMatch(/^signature .* matched "exec: "curl": executable file not found in \$PATH"$/);
	});

	test('reads a pasted log from stdin', () => {
		const log = ['2026-11-22T10:00:01Z starting', 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown', 'done'].join('\n');
		const result = runCli(['search', '--json'], {input: log});
		expect(result.code).toBe(0);
		expect((JSON.parse(result.stdout) as {results: Array<{id: string}>}).results[0]!.id).toBe('healthcheck-tool-missing');
	});

	test('a piped log is cleaned where it comes in: the query it echoes holds no token', () => {
		const token = `ghp_${'Zx8Kq2Lm9Rt4Vw7Yb3Nc6Df1Gh5Jk0Ps2Qa'}`;
		const log = `fatal: could not read from https://${token}@github.com/org/app.git\nexec: "curl": executable file not found in $PATH`;
		const result = runCli(['search', '--json'], {input: log});
		expect(result.code).toBe(0);
		expect(result.stdout).not.toContain(token);
		expect((JSON.parse(result.stdout) as {query: string}).query).toContain('https://[redacted]@github.com/org/app.git');
	});

	test('prints a readable list with why and the next command', () => {
		const result = runCli(['search', '--limit', '1', 'healthcheck curl not found']);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^1\. Health check calls curl or wget, but the image has neither\n {3}playbook healthcheck-tool-missing · cause healthcheck-tool-missing · score 0\.\d\d\n {3}why: /);
		expect(result.stdout).toContain('Next: unblock fix healthcheck-tool-missing');
	});

	test('exits 1 when nothing matches', () => {
		const result = runCli(['search', 'zzqxv wqpzz']);
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('No playbook or note matches. Try other words, or paste the error line itself.\n');
	});

	test('exits 2 without a query', () => {
		const result = runCli(['search']);
		expect(result.code).toBe(2);
		expect(result.stderr).toMatch(/^unblock: search needs words or an error to look for\n {2}hint: /);
	});

	test('exits 2 on a bad --limit', () => {
		const result = runCli(['search', '--limit', '0', 'curl']);
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--limit must be a whole number of at least 1, not "0"');
	});
});

describe('a repository\'s .unblock/config.yaml', () => {
	test('search reads the blocker log it names (the bundle loads YAML only for such a file)', () => {
		const repository = path.join(scratch, 'configured');
		mkdirSync(path.join(repository, '.git'), {recursive: true});
		mkdirSync(path.join(repository, '.unblock'));
		mkdirSync(path.join(repository, 'docs'));
		writeFileSync(path.join(repository, '.unblock', 'config.yaml'), 'knowledge: [docs/BLOCKERS.md]\n');
		writeFileSync(path.join(repository, 'docs', 'BLOCKERS.md'), [
			'# Blockers',
			'',
			'### Queue worker stalls on the quokka exchange',
			'',
			'**Issue**: the worker logs "quokka exchange unreachable" and stops consuming.',
			'',
			'**Root Cause**: the exchange was declared on another vhost.',
			'',
			'**Resolution**: declare it on the worker\'s vhost.',
			'',
		].join('\n'));
		const result = runCli(['search', '--json', 'quokka exchange unreachable'], {cwd: repository});
		expect(result.stderr).toBe('');
		const report = JSON.parse(result.stdout) as {results: Array<{kind: string; title: string; file?: string}>};
		expect(report.results[0]).toMatchObject({kind: 'note', title: 'Queue worker stalls on the quokka exchange', file: path.join(repository, 'docs', 'BLOCKERS.md')});
	});
});

describe('unblock playbooks', () => {
	test('--json lists id, title, cause and tags', () => {
		const result = runCli(['playbooks', '--json']);
		expect(result.code).toBe(0);
		const {playbooks} = JSON.parse(result.stdout) as {playbooks: Array<{id: string; title: string; cause: string; tags: string[]}>};
		expect(playbooks.find(playbook => playbook.id === 'healthcheck-tool-missing')).toMatchObject({cause: 'healthcheck-tool-missing', tags: expect.arrayContaining(['qdrant']) as unknown});
	});

	test('a broken team playbook is reported on stderr and the rest still load', () => {
		const team = path.join(scratch, 'team-playbooks');
		mkdirSync(team, {recursive: true});
		writeFileSync(path.join(team, 'broken.yaml'), 'id: broken\nsteps: {\n');
		const result = runCli(['playbooks', '--playbooks', team], {cwd: scratch});
		expect(result.code).toBe(0);
		expect(result.stderr).toMatch(/^unblock: skipped team-playbooks\/broken\.yaml:\d+: YAML syntax: /);
		expect(result.stdout).toContain('healthcheck-tool-missing');
	});
});

describe('unblock fix --dry-run of a shipped playbook', () => {
	// Redaction once hid this advice as `tiktoken = [redacted]`, in the playbook for the very seed about tiktoken.
	test('shows the playbook\'s own text as written', () => {
		const result = runCli(['fix', 'python-dependency-conflict', '--dry-run']);
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('relax your own pin (`tiktoken = ">=0.5.2"`)');
		expect(result.stdout).not.toContain('[redacted]');
	});
});

describe('unblock lint', () => {
	test('exits 1 and names the file, line and field of a broken playbook', () => {
		const team = path.join(scratch, 'lint-playbooks');
		mkdirSync(team, {recursive: true});
		writeFileSync(path.join(team, 'no-steps.yaml'), 'id: no-steps\ntitle: x\ncause: oom-killed\nsummary: x\nsymptoms: [x]\nsteps: []\n');
		const result = runCli(['lint', '--playbooks', team], {cwd: scratch});
		expect(result.code).toBe(1);
		expect(result.stdout).toContain('error: lint-playbooks/no-steps.yaml:6: steps: Too small: expected array to have >=1 items');
	});
});

describe('a reader that goes away', () => {
	test('output to a closed pipe ends quietly, without a stack trace', async () => {
		const {spawn} = await import('node:child_process');
		const child = spawn(process.execPath, [cliPath, 'playbooks', '--json'], {stdio: ['ignore', 'pipe', 'pipe']});
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		// Gone before the first line: every write unblock makes meets a closed pipe.
		child.stdout.destroy();
		const code = await new Promise<number | null>(resolve => {
			child.on('close', resolve);
		});
		expect(stderr).toBe('');
		expect(code).toBe(0);
	});
});
