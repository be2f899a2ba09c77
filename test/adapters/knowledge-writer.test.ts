import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {KnowledgeWriteError, updateFileAtomically} from '../../source/adapters/knowledge-writer.js';
import {parseKnowledge} from '../../source/core/knowledge/parse-notes.js';

let directory: string;
let child: string;

beforeAll(async () => {
	directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-writer-'));
	child = path.join(directory, 'writer-child.mjs');
	await build({
		entryPoints: [path.join(import.meta.dirname, 'knowledge-writer-child.ts')],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		outfile: child,
		logLevel: 'silent',
	});
});

afterAll(() => {
	rmSync(directory, {recursive: true, force: true});
});

function freshLog(name: string, text = '# Blockers\n\n## Resolved Blockers\n\n### First\n**Issue**: one\n**Resolution**: done\n'): string {
	const folder = path.join(directory, name);
	rmSync(folder, {recursive: true, force: true});
	mkdirSync(folder, {recursive: true});
	const file = path.join(folder, 'BLOCKERS.md');
	writeFileSync(file, text);
	return file;
}

type Exit = {readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly stderr: string};

function runChild(file: string, title: string, mode: 'append' | 'crash', goFile: string): Promise<Exit> {
	return new Promise(resolve => {
		const process_ = spawn(process.execPath, [child, file, title, mode, goFile], {stdio: ['ignore', 'ignore', 'pipe']});
		let stderr = '';
		process_.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
		});
		process_.on('exit', (code, signal) => {
			resolve({code, signal, stderr});
		});
	});
}

function titlesIn(file: string): string[] {
	return parseKnowledge(readFileSync(file, 'utf8'), {file: 'BLOCKERS.md'}).notes.map(note => note.title);
}

describe('updateFileAtomically', () => {
	it('keeps every entry when writers in separate processes append at the same moment', async () => {
		const file = freshLog('concurrent');
		const go = path.join(directory, 'concurrent-go');
		const writers = ['Alpha', 'Bravo', 'Charlie', 'Delta'].map(title => runChild(file, title, 'append', go));
		writeFileSync(go, '');
		const exits = await Promise.all(writers);

		expect(exits.map(exit => [exit.code, exit.stderr])).toEqual([[0, ''], [0, ''], [0, ''], [0, '']]);
		expect(titlesIn(file).sort()).toEqual(['Alpha', 'Bravo', 'Charlie', 'Delta', 'First']);
		expect(readdirSync(path.dirname(file))).toEqual(['BLOCKERS.md']);
	});

	it('rebuilds on top of a change made on disk meanwhile instead of overwriting it', async () => {
		const file = freshLog('changed');
		let builds = 0;
		await updateFileAtomically(file, current => {
			builds++;
			return `${current}\n### Mine\n**Issue**: mine\n**Resolution**: done\n`;
		}, {
			beforeReplace: () => {
				if (builds === 1) {
					writeFileSync(file, `${readFileSync(file, 'utf8')}\n### Theirs\n**Issue**: saved in an editor\n**Resolution**: done\n`);
				}
			},
		});

		expect(builds).toBe(2);
		expect(titlesIn(file)).toEqual(['First', 'Theirs', 'Mine']);
	});

	it('gives up rather than overwrite a file that keeps changing', async () => {
		const file = freshLog('busy');
		let edits = 0;
		const attempt = updateFileAtomically(file, current => `${current}\n### Mine\n`, {
			attempts: 3,
			beforeReplace: () => {
				edits++;
				writeFileSync(file, `# edited ${edits} times\n`);
			},
		});

		await expect(attempt).rejects.toBeInstanceOf(KnowledgeWriteError);
		await expect(attempt).rejects.toMatchObject({
			message: `${file} kept changing while unblock tried to add to it`,
			hint: 'someone or something is editing it right now; save your changes there and run the command again',
		});
		expect(readFileSync(file, 'utf8')).toBe('# edited 3 times\n');
		expect(readdirSync(path.dirname(file))).toEqual(['BLOCKERS.md']);
	});

	it('leaves the original intact when the writer dies mid-write, and the next writer recovers', async () => {
		const file = freshLog('crash');
		const before = readFileSync(file);
		const go = path.join(directory, 'crash-go');
		writeFileSync(go, '');

		const exit = await runChild(file, 'Crashed', 'crash', go);
		expect(exit.signal).toBe('SIGKILL');
		expect(readFileSync(file).equals(before)).toBe(true);
		expect(readdirSync(path.dirname(file)).filter(name => name !== 'BLOCKERS.md')).toHaveLength(2);

		const next = await runChild(file, 'After the crash', 'append', go);
		expect(next.code).toBe(0);
		expect(titlesIn(file)).toEqual(['First', 'After the crash']);
		expect(readdirSync(path.dirname(file))).toEqual(['BLOCKERS.md']);
	});

	it('creates the file and its directory when the log does not exist yet', async () => {
		const file = path.join(directory, 'new', '.unblock', 'knowledge', 'BLOCKERS.md');
		const result = await updateFileAtomically(file, current => `${current ?? '# New log'}\n`);
		expect(result.previous).toBeUndefined();
		expect(readFileSync(file, 'utf8')).toBe('# New log\n');
	});

	it('waits for a live lock holder, then says who holds it', async () => {
		const file = freshLog('locked');
		writeFileSync(`${file}.lock`, JSON.stringify({pid: process.pid, host: os.hostname(), token: 'held', since: Date.now()}));
		const attempt = updateFileAtomically(file, current => `${current}x`, {lockTimeoutMs: 100});
		await expect(attempt).rejects.toThrow(`another unblock is writing ${path.resolve(file)} (process ${process.pid})`);
		expect(readFileSync(`${file}.lock`, 'utf8')).toContain('"token":"held"');
	});
});
