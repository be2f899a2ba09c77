import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {loadKnowledge} from '../../source/adapters/knowledge-loader.js';
import {loadPlaybooks} from '../../source/adapters/playbook-loader.js';
import type {CommandContext} from '../../source/commands/command-context.js';
import {UserError} from '../../source/core/user-error.js';
import {runRecord, type Prompter, type RecordOptions} from '../../source/commands/record.js';
import {buildSearchIndex, search} from '../../source/core/search/search.js';

let repository: string;
let stdout: string;
let stderr: string;

function context(overrides: Partial<CommandContext> = {}): CommandContext {
	return {
		cwd: repository,
		env: {POSTGRES_PASSWORD: 's3cr3t-value', HOME: '/home/dev'},
		stdout: {write: text => { stdout += text; }},
		stderr: {write: text => { stderr += text; }},
		color: false,
		interactive: false,
		...overrides,
	};
}

const scripted: RecordOptions = {
	title: 'LocalStack exits with Device or resource busy',
	cause: 'volume-device-busy',
	symptoms: ['localstack exits right after start'],
	evidence: ['OSError: [Errno 16] Device or resource busy: \'/tmp/localstack\''],
	resolution: 'Removed the named volume from the localstack service.',
	date: '2026-02-06',
	knowledge: [],
};

beforeEach(() => {
	repository = mkdtempSync(path.join(os.tmpdir(), 'unblock-record-'));
	mkdirSync(path.join(repository, '.git'));
	stdout = '';
	stderr = '';
});

afterEach(() => {
	rmSync(repository, {recursive: true, force: true});
});

describe('unblock record', () => {
	it('writes the incident to the team log and search finds it at once, beside its playbook', async () => {
		expect(await runRecord(scripted, context())).toBe(0);
		expect(stdout).toBe(`Recorded "LocalStack exits with Device or resource busy" in ${path.join(repository, '.unblock', 'knowledge', 'BLOCKERS.md')}:5\n`);
		expect(stderr).toBe('');

		const {playbooks} = await loadPlaybooks({cwd: repository});
		const {notes} = await loadKnowledge({cwd: repository, withoutShipped: true, playbooks});
		expect(notes.map(note => [note.id, note.cause, note.playbook, note.status])).toEqual([
			['blockers#localstack-exits-with-device-or-resource-busy', 'volume-device-busy', 'volume-device-busy', 'resolved'],
		]);

		const [best] = search(buildSearchIndex(playbooks, notes), 'Device or resource busy: \'/tmp/localstack\'', {limit: 5});
		expect(best?.id).toBe('volume-device-busy');
		expect(best?.also.map(variant => variant.id)).toContain('blockers#localstack-exits-with-device-or-resource-busy');
	});

	it('keeps both incidents when two record runs write at once', async () => {
		const runs = await Promise.all([
			runRecord({...scripted, title: 'First incident'}, context()),
			runRecord({...scripted, title: 'Second incident'}, context()),
		]);
		expect(runs).toEqual([0, 0]);
		const {notes} = await loadKnowledge({cwd: repository, withoutShipped: true});
		expect(notes.map(note => note.title).sort()).toEqual(['First incident', 'Second incident']);
	});

	it('writes to the file config.yaml names, and never writes the environment\'s secrets', async () => {
		writeFileSync(path.join(repository, 'BLOCKERS.md'), '# Blockers\n\n## Resolved Blockers\n\n### Older\n**Issue**: x\n**Resolution**: y\n\n---\n\n## Blocker Template\n');
		mkdirSync(path.join(repository, '.unblock'));
		writeFileSync(path.join(repository, '.unblock', 'config.yaml'), 'record: {file: BLOCKERS.md}\n');

		await runRecord({...scripted, evidence: ['FATAL: password authentication failed, POSTGRES_PASSWORD=s3cr3t-value', 'user app with password s3cr3t-value']}, context());

		const written = readFileSync(path.join(repository, 'BLOCKERS.md'), 'utf8');
		expect(written).not.toContain('s3cr3t-value');
		expect(written).toContain('POSTGRES_PASSWORD=[redacted]');
		expect(written.indexOf('### LocalStack exits')).toBeLessThan(written.indexOf('## Blocker Template'));
		expect(stdout).toBe(`Recorded "LocalStack exits with Device or resource busy" in ${path.join(repository, 'BLOCKERS.md')}:11\n`);
	});

	it('says how to make search read a log it does not know', async () => {
		await runRecord({...scripted, file: 'notes/incidents.md'}, context());
		expect(stderr).toBe(`unblock: search does not read ${path.join(repository, 'notes', 'incidents.md')} yet; add it to .unblock/config.yaml (knowledge: [notes/incidents.md]) or pass --knowledge notes/incidents.md\n`);

		stderr = '';
		await runRecord({...scripted, file: 'notes/incidents.md', knowledge: ['notes']}, context());
		expect(stderr).toBe('');
	});

	it('needs --title when there is no terminal to ask', async () => {
		const attempt = runRecord({symptoms: [], knowledge: []}, context());
		await expect(attempt).rejects.toBeInstanceOf(UserError);
		await expect(attempt).rejects.toMatchObject({message: '--title is missing, and there is no terminal to ask for it'});
	});

	it('refuses a cause that does not exist and suggests close ones', async () => {
		const attempt = runRecord({...scripted, cause: 'volume-busy'}, context());
		await expect(attempt).rejects.toMatchObject({
			message: '"volume-busy" is not a known cause',
			hint: 'use one of the cause slugs (closest: volume-device-busy, volume-permission-uid-mismatch, db-init-env-ignored-existing-volume), or leave --cause out',
		});
	});

	it('asks for what is missing in a terminal', async () => {
		const answers = [
			'Redis refuses connections', // title
			'app logs ECONNREFUSED', '', // symptoms
			'Error: connect ECONNREFUSED 127.0.0.1:6379', '.', // evidence
			'localhost-inside-container', // cause
			'The app dialled localhost inside its container', // root cause
			'restarting redis', '', // tried
			'Pointed REDIS_HOST at the service name redis', // resolution
			'', // trade-offs
			'Use compose service names', '', // lessons
		];
		const questions: string[] = [];
		const prompter: Prompter = {
			ask: async question => {
				questions.push(question);
				return answers.shift() ?? '';
			},
			close: () => undefined,
		};

		expect(await runRecord({symptoms: [], date: '2026-02-07', knowledge: []}, context({interactive: true}), prompter)).toBe(0);
		expect(answers).toEqual([]);
		expect(questions[0]).toBe('Title (what broke, in a few words): ');
		const [note] = (await loadKnowledge({cwd: repository, withoutShipped: true})).notes;
		expect(note).toMatchObject({
			title: 'Redis refuses connections',
			problem: 'app logs ECONNREFUSED',
			errors: ['Error: connect ECONNREFUSED 127.0.0.1:6379'],
			cause: 'localhost-inside-container',
			rootCause: 'The app dialled localhost inside its container',
			attempted: ['restarting redis'],
			resolution: 'Pointed REDIS_HOST at the service name redis',
			lessons: ['Use compose service names'],
			status: 'resolved',
			date: '2026-02-07',
		});
	});
});
