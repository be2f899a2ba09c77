/**
 * A team's markdown is read as it is: random bytes, a 10 MB file, nesting ten thousand deep,
 * a megabyte on one line, runs of the characters markdown parsers backtrack on, escape sequences,
 * and files that are not files (a FIFO, a link to /dev/zero). Each bad file is reported with its
 * path and skipped, in bounded time; the good notes still load. Seeded, so failures reproduce.
 */
import {execFileSync} from 'node:child_process';
import {symlinkSync, truncateSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {loadKnowledge} from '../../source/adapters/knowledge-loader.js';
import {formatDiagnostic} from '../../source/core/diagnostic.js';
import {parseKnowledge} from '../../source/core/knowledge/parse-notes.js';
import {runCliProcess} from './cli-process.js';
import {seededRandom} from './seeded-random.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const controlCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

const goodNote = `# Blocker Log

## Qdrant unhealthy because the image has no curl

**Issue**: the container stays unhealthy
**Error**: \`exec: "curl": executable file not found in $PATH\`
**Root Cause**: the health check calls curl, which the image does not ship
**Resolution**: probe with bash's /dev/tcp instead
`;

const {root: scratchRoot, directoryWith} = useScratchDirectory('unblock-hostile-knowledge-');

describe('markdown the parser has to survive', () => {
	const depth = 10_000;
	test.each([
		['blockquotes nested 10,000 deep', `${'>'.repeat(depth)} deep\n`],
		['a list nested 10,000 deep', Array.from({length: depth}, (_, level) => `${'  '.repeat(level % 400)}- item ${level}`).join('\n')],
		['10,000 headings', Array.from({length: depth}, (_, index) => `${'#'.repeat((index % 6) + 1)} Heading ${index}`).join('\n')],
		['a megabyte on one line', `## Title\n\n**Error**: ${'x'.repeat(1024 * 1024)}\n`],
		['runs of backticks', `${'`'.repeat(100_000)}\n${'```'.repeat(10_000)}`],
		['runs of brackets and emphasis', `${'['.repeat(50_000)}${'*_'.repeat(50_000)}${']('.repeat(20_000)}`],
		['labels without values', '**Issue**:\n'.repeat(20_000)],
		['an unclosed fence and 50,000 lines after it', `## T\n\n\`\`\`\n${'line\n'.repeat(50_000)}`],
	])('%s: parsed without throwing, diagnostics readable', (_name, text) => {
		const parsed = parseKnowledge(text, {file: 'docs/BLOCKERS.md'});
		for (const diagnostic of parsed.diagnostics) {
			expect(formatDiagnostic(diagnostic)).not.toMatch(controlCharacter);
		}

		for (const note of parsed.notes) {
			expect(JSON.stringify(note)).not.toMatch(/\\u001b|\\u0007|\\u009b/i);
		}
	});

	test('seed 5: two hundred random mutations of a good log parse without throwing', () => {
		const random = seededRandom(5);
		const pieces = ['#', '##', '**', '`', '```', '>', '- ', '1. ', '[', '](', '|', '\n', '\u001B]0;x\u0007', '\u0000', '\r', '\uFEFF', 'Ã©', '<!--', '-->', '    '];
		for (let round = 0; round < 200; round++) {
			let text = goodNote;
			for (let count = random.integer(1, 8); count > 0; count--) {
				const at = random.integer(0, text.length);
				text = text.slice(0, at) + random.pick(pieces) + text.slice(at + random.integer(0, 5));
			}

			expect(() => parseKnowledge(text, {file: 'BLOCKERS.md'})).not.toThrow();
		}
	});

	test('escape sequences in a note never reach its title, problem or errors', () => {
		const parsed = parseKnowledge(goodNote.replace('Qdrant unhealthy', '\u001B]0;pwned\u0007Qdrant\u001B[2J unhealthy').replace('the container stays', 'the \u0007container\u009B31m stays'), {file: 'BLOCKERS.md'});
		expect(parsed.notes).toHaveLength(1);
		expect(parsed.notes[0]!.title).toBe('Qdrant unhealthy because the image has no curl');
		expect(JSON.stringify(parsed.notes[0])).not.toMatch(/\\u001b|\\u0007|\\u009b/i);
	});

	test('an unterminated escape in one note does not swallow the notes after it', () => {
		const second = goodNote.replace('# Blocker Log\n\n', '').replace('Qdrant unhealthy because the image has no curl', 'Second blocker');
		const parsed = parseKnowledge(`${goodNote.replace('the container stays unhealthy', 'the container stays \u001B]0;unhealthy')}\n${second}`, {file: 'BLOCKERS.md'});
		expect(parsed.notes.map(note => note.title)).toEqual(['Qdrant unhealthy because the image has no curl', 'Second blocker']);
	});
});

describe('files that must be skipped, with their paths', () => {
	test('seed 6: random bytes, a 10 MB file and NUL-laden text are reported; the good log loads', async () => {
		const random = seededRandom(6);
		const files: Record<string, string | Buffer> = {'BLOCKERS.md': goodNote};
		for (let index = 0; index < 10; index++) {
			files[`random-${index}.md`] = random.bytes(random.integer(64, 8192));
		}

		files['nul.md'] = `# Notes\n\n${'\u0000'.repeat(10)}text`;
		const directory = directoryWith('bad-files', files);
		writeFileSync(path.join(directory, 'huge.md'), '# Huge\n');
		truncateSync(path.join(directory, 'huge.md'), 10 * 1024 * 1024);
		const result = await loadKnowledge({cwd: scratchRoot(), paths: [directory], withoutShipped: true});
		expect(result.notes.map(note => note.title)).toEqual(['Qdrant unhealthy because the image has no curl']);
		const reported = new Set(result.diagnostics.filter(diagnostic => diagnostic.severity === 'error').map(diagnostic => diagnostic.file));
		expect(reported).toContain('bad-files/huge.md');
		expect(reported).toContain('bad-files/nul.md');
		for (let index = 0; index < 10; index++) {
			expect(reported).toContain(`bad-files/random-${index}.md`);
		}

		expect(result.diagnostics.find(diagnostic => diagnostic.file === 'bad-files/huge.md')?.message)
			.toBe('the file is 10.0 MiB; knowledge files may be at most 2 MiB, so split it');
	});

	test('a directory of 200 logs, 20 of them bad: the bad ones are named, the good notes load', async () => {
		const random = seededRandom(7);
		const files: Record<string, string | Buffer> = {};
		const bad = new Set<number>();
		while (bad.size < 20) {
			bad.add(random.integer(0, 199));
		}

		for (let index = 0; index < 200; index++) {
			const name = `log-${String(index).padStart(3, '0')}.md`;
			files[name] = bad.has(index) ? random.bytes(1024) : goodNote.replace('Qdrant unhealthy', `Blocker ${index}: Qdrant unhealthy`);
		}

		const directory = directoryWith('many-logs', files);
		const result = await loadKnowledge({cwd: scratchRoot(), paths: [directory], withoutShipped: true});
		expect(result.notes).toHaveLength(180);
		expect(new Set(result.diagnostics.map(diagnostic => diagnostic.file))).toEqual(new Set([...bad].map(index => `many-logs/log-${String(index).padStart(3, '0')}.md`)));
	}, 60_000);
});

describe('things in a knowledge directory that are not files', () => {
	test('a link to /dev/zero and a FIFO named like notes are skipped, and search still answers', async () => {
		const directory = directoryWith('not-files', {'BLOCKERS.md': goodNote});
		symlinkSync('/dev/zero', path.join(directory, 'endless.md'));
		execFileSync('mkfifo', [path.join(directory, 'pipe.md')]);
		symlinkSync(path.join(directory, 'pipe.md'), path.join(directory, 'pipe-link.md'));
		// In a child with a small heap and a deadline: reading /dev/zero whole would never end.
		const result = await runCliProcess(['search', '--json', '--knowledge', directory, 'qdrant unhealthy curl'], {
			cwd: scratchRoot(),
			timeout: 30_000,
			nodeOptions: ['--max-old-space-size=128'],
		});
		expect(result.timedOut).toBe(false);
		expect(result.code).toBe(0);
		expect(result.stderr).toContain('endless.md');
		expect(result.stderr).toContain('pipe-link.md');
		// The note stands under its cause's playbook (one cause, one place).
		const {results} = JSON.parse(result.stdout) as {results: Array<{title: string; also: Array<{title: string}>}>};
		expect(results.flatMap(item => [item.title, ...item.also.map(variant => variant.title)])).toContain('Qdrant unhealthy because the image has no curl');
	}, 40_000);
});
