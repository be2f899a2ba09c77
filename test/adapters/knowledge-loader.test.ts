import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadKnowledge, maximumKnowledgeBytes, readKnowledgeConfig, recordTarget} from '../../source/adapters/knowledge-loader.js';
import {loadPlaybooks} from '../../source/adapters/playbook-loader.js';
import {shippedKnowledgeDirectory} from '../../source/adapters/project-paths.js';
import {formatDiagnostic} from '../../source/core/diagnostic.js';
import {playbookSchema} from '../../source/core/playbook-schema.js';
import {buildSearchIndex, search} from '../../source/core/search/search.js';

const seeds = path.join(import.meta.dirname, '..', 'fixtures', 'seeds');
const entry = (title: string) => `### ${title}\n**Issue**: ${title} broke\n\`\`\`\n${title} error text\n\`\`\`\n**Resolution**: fixed\n`;

let repository: string;

beforeEach(() => {
	repository = mkdtempSync(path.join(os.tmpdir(), 'unblock-knowledge-'));
	mkdirSync(path.join(repository, '.git'));
});

afterEach(() => {
	rmSync(repository, {recursive: true, force: true});
});

function write(relative: string, content: string | Buffer): string {
	const file = path.join(repository, relative);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, content);
	return file;
}

describe('loadKnowledge', () => {
	it('reports unreadable, binary, non-UTF-8 and oversized files, skips them, and loads the rest', async () => {
		write('notes/good.md', entry('Good'));
		write('notes/plain.txt', entry('Plain'));
		write('notes/image.md', Buffer.from([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x0A]));
		write('notes/latin1.md', Buffer.from('### Caf\xE9\n**Issue**: x\n**Resolution**: y\n', 'latin1'));
		write('notes/huge.md', `${entry('Huge')}${'x'.repeat(maximumKnowledgeBytes)}`);
		write('notes/ignored.json', '{"not": "markdown"}');
		symlinkSync(path.join(repository, 'notes', 'missing.md'), path.join(repository, 'notes', 'broken.md'));

		const {notes, diagnostics} = await loadKnowledge({cwd: repository, paths: ['notes'], withoutShipped: true});

		expect(notes.map(note => [note.id, note.file, note.errors])).toEqual([
			// A note names its file absolute: it opens from anywhere; diagnostics stay as lint prints them.
			['good#good', path.join(repository, 'notes', 'good.md'), ['Good error text']],
			['plain#plain', path.join(repository, 'notes', 'plain.txt'), ['Plain error text']],
		]);
		expect(diagnostics.map(diagnostic => formatDiagnostic(diagnostic))).toEqual([
			'notes/broken.md: cannot read the file (ENOENT)',
			'notes/huge.md: the file is 2.0 MiB; knowledge files may be at most 2 MiB, so split it',
			'notes/image.md: this is a binary file, not markdown',
			'notes/latin1.md: the file is not valid UTF-8 text; save it as UTF-8',
		]);
		expect(diagnostics.every(diagnostic => diagnostic.severity === 'error')).toBe(true);
	});

	it('reads .unblock/knowledge/, the files config.yaml names and its record file', async () => {
		write('.unblock/knowledge/team.md', entry('Team'));
		write('docs/BLOCKERS.md', entry('Configured'));
		write('docs/troubleshooting/redis.md', entry('Nested'));
		write('docs/LOG.md', entry('Recorded'));
		write('docs/unrelated.md', entry('Unrelated'));
		write('.unblock/config.yaml', 'knowledge: [docs/BLOCKERS.md, docs/troubleshooting]\nrecord: {file: docs/LOG.md}\nother: setting\n');
		mkdirSync(path.join(repository, 'services', 'api'), {recursive: true});

		const {notes, diagnostics} = await loadKnowledge({cwd: path.join(repository, 'services', 'api'), withoutShipped: true});

		expect(diagnostics).toEqual([]);
		// Seen from a sub-directory, paths outside it are shown whole.
		expect(notes.map(note => [note.title, note.file])).toEqual([
			['Team', path.join(repository, '.unblock', 'knowledge', 'team.md')],
			['Configured', path.join(repository, 'docs', 'BLOCKERS.md')],
			['Nested', path.join(repository, 'docs', 'troubleshooting', 'redis.md')],
			['Recorded', path.join(repository, 'docs', 'LOG.md')],
		]);
	});

	it('reports a configured file that is missing and a config that is malformed', async () => {
		write('.unblock/config.yaml', 'knowledge: [docs/GONE.md, 42]\nrecord: docs/LOG.md\n');
		const first = await loadKnowledge({cwd: repository, withoutShipped: true});
		expect(first.diagnostics.map(diagnostic => formatDiagnostic(diagnostic))).toEqual([
			'.unblock/config.yaml: knowledge[1]: expected a file or directory path',
			'.unblock/config.yaml: record.file: expected the blocker log to write to, e.g. record: {file: docs/BLOCKERS.md}',
			'docs/GONE.md: not found (named by .unblock/config.yaml)',
		]);

		write('.unblock/config.yaml', 'knowledge: [docs/BLOCKERS.md\n');
		const second = await loadKnowledge({cwd: repository, withoutShipped: true});
		expect(second.diagnostics).toHaveLength(1);
		expect(formatDiagnostic(second.diagnostics[0]!)).toMatch(/^\.unblock\/config\.yaml: YAML syntax: /);
	});

	it('takes --knowledge files and directories, and reports one that does not exist', async () => {
		write('a/one.md', entry('One'));
		write('b.md', entry('Two'));
		const {notes, diagnostics} = await loadKnowledge({cwd: repository, paths: ['a', 'b.md', 'c'], withoutShipped: true});
		expect(notes.map(note => note.title)).toEqual(['One', 'Two']);
		expect(diagnostics.map(diagnostic => formatDiagnostic(diagnostic))).toEqual(['c: not found (named by --knowledge)']);
	});

	// The name reached the terminal as it was: in a note's file, a diagnostic, "unblock record" output.
	it('shows a file name that holds an escape sequence with the escape written out', async () => {
		write('notes/evil\u001B]0;pwned\u0007.md', entry('Evil'));
		write('notes/bad\u001B[2J.md', Buffer.from([0x00, 0x01]));
		const {notes, diagnostics} = await loadKnowledge({cwd: repository, paths: ['notes'], withoutShipped: true});
		expect(notes.map(note => [note.id, note.file])).toEqual([[String.raw`evil\u001B]0;pwned\u0007#evil`, path.join(repository, String.raw`notes/evil\u001B]0;pwned\u0007.md`)]]);
		expect(diagnostics.map(diagnostic => formatDiagnostic(diagnostic))).toEqual([String.raw`notes/bad\u001B[2J.md: this is a binary file, not markdown`]);
	});

	it('reads a file named twice once, and keeps ids apart for two logs of the same name', async () => {
		write('docs/BLOCKERS.md', entry('Same'));
		write('ops/BLOCKERS.md', entry('Same'));
		const {notes} = await loadKnowledge({cwd: repository, paths: ['docs/BLOCKERS.md', 'docs', 'ops'], withoutShipped: true});
		expect(notes.map(note => note.id)).toEqual(['blockers#same', 'ops/blockers#same']);
	});

	it('ingests the five raw seed logs and links their notes to playbooks', async () => {
		mkdirSync(path.join(repository, 'seeds'));
		for (const name of readdirSync(seeds)) {
			copyFileSync(path.join(seeds, name), path.join(repository, 'seeds', name));
		}

		const busy = {
			...playbookSchema.parse({
				id: 'volume-device-busy',
				title: 'Mount point busy',
				cause: 'volume-device-busy',
				summary: 'x',
				symptoms: ['x'],
				signatures: [{pattern: 'Device or resource busy', examples: ['Device or resource busy']}],
				steps: [{id: 'look', title: 'Look', explanation: 'x', manual: 'x', risk: 'read-only'}],
			}),
			origin: {file: 'playbooks/volume-device-busy.yaml', source: 'shipped' as const},
		};
		const {notes, diagnostics} = await loadKnowledge({cwd: repository, paths: ['seeds'], withoutShipped: true, playbooks: [busy]});
		expect(diagnostics).toEqual([]);
		expect(notes).toHaveLength(22);
		expect(notes.filter(note => note.cause).map(note => [note.id, note.playbook])).toEqual([
			['000_4dbef6ab6f5f7749#localstack-windowswsl2-volume-permission-issue', 'volume-device-busy'],
		]);
	});

	it('ships the five seed logs as starting knowledge', async () => {
		const {notes, diagnostics, files} = await loadKnowledge({cwd: repository});
		expect(diagnostics).toEqual([]);
		expect(files.map(file => path.basename(file))).toEqual([
			'container-stability-report.md',
			'kind-encountered-problems.md',
			'localstack-blockers.md',
			'patroni-session-summary.md',
			'sprint-0.2-docker-fixes.md',
		]);
		expect(notes).toHaveLength(22);
		expect(notes[0]!.file).toBe(path.join(shippedKnowledgeDirectory, 'container-stability-report.md'));
	});
});

describe('recordTarget', () => {
	it('prefers --file, then config record.file, then .unblock/knowledge/BLOCKERS.md', async () => {
		const none = await readKnowledgeConfig(repository);
		expect(recordTarget(repository, none)).toBe(path.join(repository, '.unblock', 'knowledge', 'BLOCKERS.md'));
		expect(recordTarget(repository, none, 'notes/x.md')).toBe(path.join(repository, 'notes', 'x.md'));

		write('.unblock/config.yaml', 'record:\n  file: docs/BLOCKERS.md\n');
		const configured = await readKnowledgeConfig(path.join(repository, '.unblock'));
		expect(recordTarget(repository, configured)).toBe(path.join(repository, 'docs', 'BLOCKERS.md'));
	});
});

describe('the five seed logs beside the shipped playbooks', () => {
	it('finds every blocker by its own error text, and the LocalStack note with its playbook', async () => {
		const {playbooks} = await loadPlaybooks({cwd: repository});
		const {notes, diagnostics} = await loadKnowledge({cwd: repository, paths: [seeds], withoutShipped: true, playbooks});
		expect(diagnostics).toEqual([]);
		const index = buildSearchIndex(playbooks, notes);

		// One cause, one place: the note stands under its cause's playbook.
		const [localstack] = search(index, 'Device or resource busy: \'/tmp/localstack\'', {limit: 5});
		expect(localstack?.id).toBe('volume-device-busy');
		const localstackNote = localstack?.also.find(variant => variant.kind === 'note');
		expect(localstackNote?.id).toBe('000_4dbef6ab6f5f7749#localstack-windowswsl2-volume-permission-issue');
		expect(localstackNote?.note?.playbook).toBe('volume-device-busy');

		const withErrors = notes.filter(note => note.errors.length > 0);
		expect(withErrors).toHaveLength(10);
		const missed = withErrors.filter(note => !note.errors.every(error =>
			search(index, error, {limit: 5}).some(result => result.id === note.id || result.also.some(variant => variant.id === note.id))));
		expect(missed.map(note => note.id)).toEqual([]);
	});
});
