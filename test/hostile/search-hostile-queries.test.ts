/**
 * Whatever is pasted or piped into `unblock search` (a megabyte on one line, a log full of escape
 * sequences, NUL bytes, invalid UTF-8, 100,000 lines) it answers: results or "nothing matched",
 * never a crash, a hang or an escape sequence on the terminal.
 */
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {stringify} from 'yaml';
import {loadKnowledgeBase, type KnowledgeBase} from '../../source/adapters/knowledge-base.js';
import {search} from '../../source/core/search/search.js';
import {formatSearchText, searchReport} from '../../source/core/search/search-report.js';
import {runCliProcess} from './cli-process.js';
import {seededRandom} from './seeded-random.js';

// ESC, BEL, NUL, other C0 controls but tab and newline, DEL and C1.
const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const curlError = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown';

let base: KnowledgeBase;
let scratch: string;

beforeAll(async () => {
	scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-hostile-search-'));
	base = await loadKnowledgeBase({cwd: scratch});
});

afterAll(() => {
	rmSync(scratch, {recursive: true, force: true});
});

function searchText(query: string) {
	const results = search(base.index, query, {limit: 5});
	const report = searchReport(query, results);
	return {results, text: formatSearchText(report), json: JSON.stringify(report)};
}

describe('hostile queries, in process', () => {
	test('a 1 MB single line that ends with the real error still finds the playbook', () => {
		const query = `${'x'.repeat(1024 * 1024)} ${curlError}`;
		const {results} = searchText(query);
		expect(results[0]?.id).toBe('healthcheck-tool-missing');
	});

	test('a 1 MB line of spaces and a 1 MB line of one letter answer without throwing', () => {
		for (const query of [' '.repeat(1024 * 1024), 'a'.repeat(1024 * 1024), 'ab '.repeat(350_000)]) {
			expect(() => searchText(query)).not.toThrow();
		}
	});

	// A reader that rescans the rest of the line from every start takes about 30 s on the first of
	// these (measured); a linear one a few milliseconds. The test's time limit is what fails it.
	test('100 KB of identifier characters and dollars, or of calls, is answered (the pasted-code readers do not rescan it from every start)', () => {
		for (const query of ['a$'.repeat(50_000), 'f('.repeat(50_000), `${'x.'.repeat(50_000)}=localhost`]) {
			expect(() => searchText(query)).not.toThrow();
		}
	}, 10_000);

	test('a 100,000-line paste with the error in the middle is answered', () => {
		const lines = Array.from({length: 100_000}, (_, index) => `2026-11-22T10:00:${String(index % 60).padStart(2, '0')}Z worker ${index} heartbeat ok`);
		lines[99_000] = curlError;
		const {results} = searchText(lines.join('\n'));
		expect(results[0]?.id).toBe('healthcheck-tool-missing');
	});

	test('escape sequences, bells and NULs in the query never reach the printed report or the JSON', () => {
		const query = `\u001B]0;pwned\u0007\u001B[2J\u001B[H${curlError.replace('curl', 'cu\u0000rl')}\u0007\u001B]52;c;ZWNobyBwd25lZA==\u0007 \u009B31m exec: "curl": executable file not found in $PATH`;
		const {results, text, json} = searchText(query);
		expect(results[0]?.id).toBe('healthcheck-tool-missing');
		expect(text).not.toMatch(controlCharacter);
		expect(JSON.parse(json).query).not.toMatch(controlCharacter);
		expect(json).not.toMatch(/\\u001b|\\u0007|\\u0000/i);
	});

	test('an escape sequence left open on one line does not hide the error on the next', () => {
		const {results} = searchText(`starting worker\u001B]0;never closed\n${curlError}\n`);
		expect(results[0]?.id).toBe('healthcheck-tool-missing');
		expect(results[0]?.why[0]).toContain('matched "');
	});

	test('seed 4: a thousand random byte strings, decoded as a terminal would, are answered', () => {
		const random = seededRandom(4);
		for (let round = 0; round < 1000; round++) {
			const query = random.bytes(random.integer(1, 600)).toString('utf8');
			const {text} = searchText(query);
			expect(text).not.toMatch(controlCharacter);
		}
	});
});

describe('hostile input through the binary', () => {
	test('a 1 MB single line piped in is read (the tail) and answered', async () => {
		const result = await runCliProcess(['search', '--json'], {input: `${'y'.repeat(1024 * 1024)}\n${curlError}\n`});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).results[0].id).toBe('healthcheck-tool-missing');
	});

	test('100 MB piped in is read bounded and answered from its tail, in a process allowed 200 MB of heap', async () => {
		// The reader keeps only the last megabyte, so the heap stays small whatever comes down the pipe.
		const chunk = `${'noise line that says nothing at all '.repeat(3)}\n`;
		const input = Buffer.from(`${chunk.repeat(Math.ceil((100 * 1024 * 1024) / chunk.length))}${curlError}\n`);
		const result = await runCliProcess(['search', '--json'], {input, nodeOptions: ['--max-old-space-size=200'], timeout: 120_000});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).results[0].id).toBe('healthcheck-tool-missing');
	}, 120_000);

	test('invalid UTF-8, NUL and escape sequences piped in print a plain report', async () => {
		const input = Buffer.concat([
			Buffer.from('\u001B]0;pwned\u0007\u001B[31m'),
			Buffer.from([0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x07]),
			Buffer.from(`\n${curlError}\n`),
		]);
		const result = await runCliProcess(['search'], {input});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Health check calls curl or wget, but the image has neither');
		expect(result.stdout).not.toMatch(controlCharacter);
	});

	test('a team playbook with a catastrophic signature is skipped, and search still answers a line built to trip it', async () => {
		const team = path.join(scratch, 'repository', '.unblock', 'playbooks');
		mkdirSync(team, {recursive: true});
		mkdirSync(path.join(scratch, 'repository', '.git'), {recursive: true});
		writeFileSync(path.join(team, 'slow-signature.yaml'), stringify({
			id: 'slow-signature',
			title: 'Slow signature',
			cause: 'healthcheck-tool-missing',
			summary: 'A signature that backtracks.',
			symptoms: ['slow'],
			signatures: [{pattern: '(.|\\s)*curl: not found', examples: ['sh: curl: not found']}],
			steps: [{id: 'look', title: 'Look', explanation: 'Read.', manual: 'Read the log.', risk: 'read-only'}],
		}));
		const result = await runCliProcess(['search', '--json'], {cwd: path.join(scratch, 'repository'), input: `${' '.repeat(5000)}\n${curlError}\n`});
		expect(result.stderr).toContain('unblock: skipped .unblock/playbooks/slow-signature.yaml:');
		expect(result.stderr).toContain('signatures[0].pattern: unsafe regular expression: a repeated group can read the same text in two ways');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout).results[0].id).toBe('healthcheck-tool-missing');
	});
});
