import {describe, expect, it} from 'vitest';
import {linkNotes, notesAtReference, notesForPlaybook} from '../../../source/core/knowledge/link-notes.js';
import {parseKnowledge} from '../../../source/core/knowledge/parse-notes.js';
import type {Note} from '../../../source/core/note.js';
import {playbookSchema, type Playbook, type PlaybookInput} from '../../../source/core/playbook-schema.js';

function playbook(input: {id: string; cause: PlaybookInput['cause']; patterns?: string[]; seenIn?: string[]; title?: string; symptoms?: string[]}): Playbook {
	const data = playbookSchema.parse({
		id: input.id,
		title: input.title ?? input.id,
		cause: input.cause,
		summary: 'A test playbook.',
		symptoms: input.symptoms ?? ['something broke'],
		signatures: (input.patterns ?? []).map(pattern => ({pattern, examples: ['unused']})),
		steps: [{id: 'look', title: 'Look', explanation: 'Look at it.', manual: 'Look at it.', risk: 'read-only'}],
		seenIn: input.seenIn ?? [],
	});
	return {...data, origin: {file: `playbooks/${input.id}.yaml`, source: 'shipped'}};
}

function note(id: string, errors: string[], extra: Partial<Note> = {}): Note {
	return {id, title: id, file: 'knowledge/log.md', line: 1, problem: '', errors, attempted: [], tradeoffs: [], lessons: [], status: 'resolved', body: '', ...extra};
}

const deviceBusy = playbook({id: 'volume-device-busy', cause: 'volume-device-busy', patterns: ['Device or resource busy']});
const portTaken = playbook({id: 'host-port-conflict', cause: 'host-port-conflict', patterns: ['port is already allocated', 'address already in use']});
const portForward = playbook({id: 'port-forward-orphan', cause: 'port-forward-orphan', patterns: ['address already in use']});

describe('linkNotes by signature', () => {
	it('links a note whose error block a signature matches', () => {
		const [linked] = linkNotes([note('log#localstack', ['rm: cannot remove \'/tmp/localstack\': Device or resource busy'])], [deviceBusy, portTaken]);
		expect([linked!.cause, linked!.playbook, linked!.linkedBy]).toEqual(['volume-device-busy', 'volume-device-busy', 'signature']);
	});

	it('links nothing when two causes match equally', () => {
		const [linked] = linkNotes([note('log#port', ['bind: address already in use'])], [portTaken, portForward]);
		expect(linked!.cause).toBeUndefined();
		expect(linked!.linkedBy).toBeUndefined();
	});

	it('prefers the cause that matches more of the error blocks', () => {
		const errors = ['Bind for 0.0.0.0:80 failed: port is already allocated', 'listen tcp :80: bind: address already in use'];
		const [linked] = linkNotes([note('log#port', errors)], [portForward, portTaken]);
		expect(linked!.cause).toBe('host-port-conflict');
	});

	it('picks the first playbook by id when several of one cause match', () => {
		const other = playbook({id: 'volume-device-busy-windows', cause: 'volume-device-busy', patterns: ['resource busy']});
		const [linked] = linkNotes([note('log#busy', ['Device or resource busy'])], [other, deviceBusy]);
		expect(linked!.playbook).toBe('volume-device-busy');
	});

	it('matches a signature anchored at line start inside a multi-line block', () => {
		const anchored = playbook({id: 'anchored', cause: 'volume-device-busy', patterns: ['^OSError: \\[Errno 16\\]']});
		const [linked] = linkNotes([note('log#busy', ['rm: cannot remove\nOSError: [Errno 16] Device or resource busy'])], [anchored]);
		expect(linked!.playbook).toBe('anchored');
	});

	it('links by a signature without a literal to look up first', () => {
		const literalFree = playbook({id: 'exit-codes', cause: 'app-crash-on-startup', patterns: ['\\d{3} [A-Z]{2,}\\b']});
		const [linked] = linkNotes([note('log#crash', ['worker exited 137 OOM'])], [deviceBusy, literalFree]);
		expect(linked!.playbook).toBe('exit-codes');
	});

	it('looks for a case-sensitive signature\'s literal as written', () => {
		const keyError = {...playbook({id: 'missing-env', cause: 'app-crash-on-startup', patterns: []}), signatures: [{pattern: 'KeyError: \'[A-Z_]+\'', flags: '', source: 'any' as const, generic: false, examples: ['KeyError: \'DATABASE_URL\'']}]};
		const linked = linkNotes([note('log#key', ['KeyError: \'DATABASE_URL\'']), note('log#lower', ['keyerror: \'database_url\''])], [keyError]);
		expect(linked.map(entry => entry.playbook ?? null)).toEqual(['missing-env', null]);
	});

	it('does not link on prose: only error text counts', () => {
		const [linked] = linkNotes([note('log#busy', [], {problem: 'Device or resource busy'})], [deviceBusy]);
		expect(linked!.cause).toBeUndefined();
	});
});

describe('linkNotes by reference and by recorded cause', () => {
	const log = parseKnowledge([
		'## Fixes Applied',
		'1. **etcd API Version**: Changed from v2 to v3 in patroni.yml',
		'2. **Connect Addresses**: Added env vars for Patroni hostname resolution',
		'',
		'## Known Issues',
		'### Grafana proxy',
		'**Problem**: plugin proxy fails',
		'**Workaround**: call the API directly',
		'',
		'### Recorded one',
		'**Cause**: `host-port-conflict`',
		'**Issue**: port clash',
		'**Resolution**: stopped it',
	].join('\n'), {file: 'knowledge/session.md'}).notes;

	const grafana = playbook({id: 'grafana-plugin-proxy-scheme', cause: 'grafana-plugin-proxy-scheme', seenIn: ['knowledge/session.md#grafana-proxy']});
	const etcd = playbook({id: 'etcd-api-version-mismatch', cause: 'etcd-api-version-mismatch', title: 'etcd v2 API used against etcd v3', symptoms: ['etcd api version error'], seenIn: ['knowledge/session.md#fixes-applied']});
	const hostname = playbook({id: 'service-hostname-unresolvable', cause: 'service-hostname-unresolvable', symptoms: ['patroni hostname does not resolve'], seenIn: ['knowledge/session.md#fixes-applied']});

	it('follows a seenIn reference to one entry, and to the fitting item of a shared list', () => {
		const linked = linkNotes(log, [grafana, etcd, hostname, portTaken]);
		expect(linked.map(entry => [entry.title, entry.cause ?? null, entry.linkedBy ?? null])).toEqual([
			['etcd API Version', 'etcd-api-version-mismatch', 'seen-in'],
			['Connect Addresses', 'service-hostname-unresolvable', 'seen-in'],
			['Grafana proxy', 'grafana-plugin-proxy-scheme', 'seen-in'],
			['Recorded one', 'host-port-conflict', 'recorded'],
		]);
		expect(linked[3]!.playbook).toBe('host-port-conflict');
	});

	it('resolves references by file name and anchor', () => {
		expect(notesAtReference('knowledge/session.md#grafana-proxy', log).map(entry => entry.title)).toEqual(['Grafana proxy']);
		expect(notesAtReference('docs/session.md#fixes-applied', log).map(entry => entry.title)).toEqual(['etcd API Version', 'Connect Addresses']);
		expect(notesAtReference('knowledge/other.md#grafana-proxy', log)).toEqual([]);
	});

	it('lists the notes a playbook has seen before', () => {
		const linked = linkNotes(log, [grafana, etcd, hostname, portTaken]);
		expect(notesForPlaybook(portTaken, linked).map(entry => entry.title)).toEqual(['Recorded one']);
		expect(notesForPlaybook(grafana, log).map(entry => entry.title)).toEqual(['Grafana proxy']);
		const namesIt = playbook({id: 'port-forward-orphan', cause: 'port-forward-orphan', seenIn: ['knowledge/session.md#recorded-one']});
		expect(notesForPlaybook(namesIt, linked).map(entry => [entry.title, entry.cause])).toEqual([['Recorded one', 'host-port-conflict']]);
		expect(notesForPlaybook(etcd, linked).map(entry => entry.title)).toEqual(['etcd API Version']);
	});
});
