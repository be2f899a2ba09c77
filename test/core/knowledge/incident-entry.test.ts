import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {newLogHeader, placeEntry} from '../../../source/core/knowledge/entry-placement.js';
import {formatIncidentEntry, type Incident} from '../../../source/core/knowledge/incident-entry.js';
import {parseKnowledge} from '../../../source/core/knowledge/parse-notes.js';

const incident: Incident = {
	title: 'LocalStack exits with Device or resource busy',
	date: '2026-02-06',
	service: 'localstack',
	cause: 'volume-device-busy',
	symptoms: ['localstack exits right after start'],
	evidence: ['rm: cannot remove \'/tmp/localstack\': Device or resource busy'],
	rootCause: 'A named volume is mounted on /tmp/localstack, which LocalStack empties at start.',
	tried: ['Restarting the container'],
	worked: ['docker compose up -d --force-recreate localstack'],
	resolution: 'Removed the volume from the localstack service.',
	tradeoffs: ['S3 data is lost on restart'],
	lessons: ['Not every service needs a volume in development'],
	status: 'resolved',
};

describe('formatIncidentEntry', () => {
	it('writes the blocker template of the team\'s log', () => {
		expect(formatIncidentEntry(incident)).toBe([
			'### LocalStack exits with Device or resource busy',
			'',
			'**Date Opened**: 2026-02-06  ',
			'**Service/Area**: localstack  ',
			'**Cause**: `volume-device-busy`  ',
			'',
			'**Issue**: ',
			'localstack exits right after start',
			'```',
			'rm: cannot remove \'/tmp/localstack\': Device or resource busy',
			'```',
			'',
			'**Root Cause**:',
			'A named volume is mounted on /tmp/localstack, which LocalStack empties at start.',
			'',
			'**Attempted Solutions**:',
			'1. **Tried**: Restarting the container',
			'',
			'**Current Status**: 🟢 Resolved  ',
			'',
			'**Resolution**:',
			'Removed the volume from the localstack service.',
			'',
			'Steps that worked:',
			'1. `docker compose up -d --force-recreate localstack`',
			'',
			'**Trade-offs**:',
			'- S3 data is lost on restart',
			'',
			'**Lessons Learned**:',
			'1. Not every service needs a volume in development',
			'',
			'**Date Resolved**: 2026-02-06',
			'',
		].join('\n'));
	});

	it('reads back as the same incident', () => {
		const [note] = parseKnowledge(formatIncidentEntry(incident), {file: 'docs/BLOCKERS.md'}).notes;
		expect(note).toMatchObject({
			id: 'blockers#localstack-exits-with-device-or-resource-busy',
			title: 'LocalStack exits with Device or resource busy',
			line: 1,
			problem: 'localstack exits right after start',
			errors: ['rm: cannot remove \'/tmp/localstack\': Device or resource busy'],
			rootCause: 'A named volume is mounted on /tmp/localstack, which LocalStack empties at start.',
			resolution: 'Removed the volume from the localstack service.\n\nSteps that worked:\n1. docker compose up -d --force-recreate localstack',
			attempted: ['Restarting the container'],
			tradeoffs: ['S3 data is lost on restart'],
			lessons: ['Not every service needs a volume in development'],
			date: '2026-02-06',
			status: 'resolved',
			cause: 'volume-device-busy',
			linkedBy: 'recorded',
		});
	});

	it('never writes a secret or an environment value', () => {
		const leaky: Incident = {
			...incident,
			symptoms: ['db rejects the password s3cr3t'],
			evidence: [
				'POSTGRES_PASSWORD=s3cr3t',
				'DATABASE_URL=postgres://app:hunter22@db:5432/app',
				'FATAL: password authentication failed for user "app" (password s3cr3t)',
				'"Env": ["POSTGRES_DB=appdb", "PGDATA=/var/lib/postgresql/data"]',
			],
			worked: ['docker run -e POSTGRES_PASSWORD=s3cr3t postgres:16', 'psql --password=hunter22'],
			rootCause: 'The volume was initialised with the old POSTGRES_PASSWORD=s3cr3t',
		};
		const entry = formatIncidentEntry(leaky, {secretValues: ['s3cr3t']});
		expect(entry).not.toContain('s3cr3t');
		expect(entry).not.toContain('hunter22');
		expect(entry).not.toContain('appdb');
		expect(entry).toContain('POSTGRES_PASSWORD=[redacted]');
		expect(entry).toContain('"Env": ["POSTGRES_DB=[redacted]", "PGDATA=[redacted]"]');
		expect(entry).toContain('db rejects the password [redacted]');
	});

	// A log pasted from a terminal carries its colours; they were written into the file as they came.
	it('writes pasted text without terminal escape sequences', () => {
		const coloured: Incident = {...incident, title: '\u001B[1mLocalStack\u001B[0m exits', evidence: ['\u001B[31mrm: cannot remove\u001B[0m \u001B]0;title\u0007busy\r\n']};
		const entry = formatIncidentEntry(coloured);
		expect(entry.split('\n')[0]).toBe('### LocalStack exits');
		expect(entry).toContain('```\nrm: cannot remove busy\n```');
	});

	it('keeps user text from opening headings, labels or fences of its own', () => {
		const sneaky: Incident = {
			...incident,
			rootCause: '### Not a heading\n**Resolution**: not a label\n```\nnot a fence',
			evidence: ['error text with ``` inside'],
		};
		const {notes} = parseKnowledge(formatIncidentEntry(sneaky), {file: 'log.md'});
		expect(notes).toHaveLength(1);
		expect(notes[0]!.rootCause).toBe('### Not a heading\n**Resolution**: not a label\n```\nnot a fence');
		expect(notes[0]!.errors).toEqual(['error text with ``` inside']);
		expect(notes[0]!.resolution?.startsWith('Removed the volume')).toBe(true);
	});

	it('marks an incident without a fix as open, with no resolution date', () => {
		const entry = formatIncidentEntry({...incident, status: 'open', resolution: undefined, worked: [], tradeoffs: []});
		expect(entry).toContain('**Current Status**: 🔴 Open  ');
		expect(entry).not.toContain('Date Resolved');
		expect(parseKnowledge(entry, {file: 'log.md'}).notes[0]!.status).toBe('open');
	});
});

describe('placeEntry', () => {
	const seedLog = readFileSync(path.join(import.meta.dirname, '..', '..', '..', 'knowledge', 'localstack-blockers.md'), 'utf8');
	const entryAt = (status: Incident['status']) => (level: number) => formatIncidentEntry({...incident, title: 'Redis refuses connections', status}, {headingLevel: level});

	it('files a resolved entry at the end of "Resolved Blockers", before the template', () => {
		const placement = placeEntry(seedLog, 'resolved', entryAt('resolved'));
		const lines = placement.text.split('\n');
		expect(lines[placement.line - 1]).toBe('### Redis refuses connections');
		expect(lines.slice(placement.line - 5, placement.line - 1)).toEqual(['- Solution documented in: `docker/docker-compose.yml` (inline comments)', '', '---', '']);
		expect(placement.text.indexOf('### Redis refuses connections')).toBeLessThan(placement.text.indexOf('## Blocker Template'));

		const {notes} = parseKnowledge(placement.text, {file: 'log.md'});
		expect(notes.map(note => [note.title, note.line])).toEqual([
			['LocalStack Windows/WSL2 Volume Permission Issue', 13],
			['Redis refuses connections', placement.line],
		]);
	});

	it('keeps the rest of the file as it was', () => {
		const placement = placeEntry(seedLog, 'resolved', entryAt('resolved'));
		const entry = entryAt('resolved')(3);
		const start = placement.text.indexOf(entry);
		expect(placement.text.slice(0, start)).toBe(`${seedLog.slice(0, seedLog.indexOf('\n\n---\n\n## Blocker Template'))}\n\n---\n\n`);
		expect(placement.text.slice(start + entry.length)).toBe(seedLog.slice(seedLog.indexOf('\n---\n\n## Blocker Template')));
	});

	it('files an open entry under the known issues, one level below', () => {
		const log = '# Problems\n\n## Known Issues (Unfixed)\n\n### Old one\n**Problem:** x\n**Workaround:** y\n\n---\n\n## Resolved Issues\n\n### Fixed one\n**Problem:** a\n**Solution:** b\n';
		const placement = placeEntry(log, 'open', entryAt('open'));
		const titles = parseKnowledge(placement.text, {file: 'log.md'}).notes.map(note => note.title);
		expect(titles).toEqual(['Old one', 'Redis refuses connections', 'Fixed one']);
		expect(placement.text.split('\n')[placement.line - 1]).toBe('### Redis refuses connections');
	});

	it('starts a new log when there is none', () => {
		const placement = placeEntry(undefined, 'resolved', entryAt('resolved'));
		expect(placement.text.startsWith(`${newLogHeader}\n### Redis refuses connections\n`)).toBe(true);
		expect(placement.line).toBe(5);
	});

	it('appends at the end of a log without sections, at the level its entries use', () => {
		const log = '# Troubleshooting\r\n\r\n## Nginx 502\r\n**Problem**: upstream down\r\n**Solution**: restart it\r\n';
		const placement = placeEntry(log, 'resolved', entryAt('resolved'));
		expect(placement.text.startsWith('# Troubleshooting\r\n\r\n## Nginx 502\r\n**Problem**: upstream down\r\n**Solution**: restart it\r\n\r\n---\r\n\r\n## Redis refuses connections\r\n')).toBe(true);
		expect(placement.text.endsWith('**Date Resolved**: 2026-02-06\r\n')).toBe(true);
	});
});
