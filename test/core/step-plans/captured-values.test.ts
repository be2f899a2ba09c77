import {describe, expect, test} from 'vitest';
import {capturedValues, namedGroupsOf} from '../../../source/core/step-plans/captured-values.js';
import {playbookSchema, type PlaybookData, type PlaybookInput} from '../../../source/core/playbook-schema.js';

function playbookWith(signatures: PlaybookInput['signatures'], variables: PlaybookInput['variables']): PlaybookData {
	return playbookSchema.parse({
		id: 'lock-test',
		title: 'A lock',
		cause: 'db-lock-file-in-use',
		summary: 'The lock.',
		symptoms: ['lock'],
		signatures,
		variables,
		steps: [{id: 'look', title: 'Look', explanation: 'Look.', command: ['ls', '{lock-file}'], risk: 'read-only'}],
	});
}

const lockSignature = {
	pattern: String.raw`lock file "(?<lock_file>[^"/]+)" already exists`,
	source: 'log' as const,
	examples: ['FATAL:  lock file "postmaster.pid" already exists'],
};
const variables = {
	'lock-file': {description: 'The lock file', from: 'ask' as const, question: 'Which file?', default: 'postmaster.pid'},
};

describe('capturedValues', () => {
	test('a named group fills the variable of the same name, with the line it came from', () => {
		const playbook = playbookWith([lockSignature], variables);
		const text = 'starting\nFATAL:  lock file "mongod.lock" already exists\nexiting';
		expect(capturedValues(playbook, {matchText: text, sourcedText: {log: text}})).toEqual({
			'lock-file': {value: 'mongod.lock', line: 'FATAL:  lock file "mongod.lock" already exists'},
		});
	});

	test('a signature that names its source is read only there', () => {
		const playbook = playbookWith([lockSignature], variables);
		const text = 'FATAL:  lock file "mongod.lock" already exists';
		expect(capturedValues(playbook, {matchText: text, sourcedText: {health: text}})).toEqual({});
	});

	test('pasted text (no sources) is read whole', () => {
		const playbook = playbookWith([lockSignature], variables);
		expect(capturedValues(playbook, {matchText: 'lock file "mongod.lock" already exists'})['lock-file']?.value).toBe('mongod.lock');
	});

	test('a group naming no declared variable, or matching nothing, fills nothing', () => {
		const playbook = playbookWith([{...lockSignature, pattern: String.raw`lock file "(?<other>[^"/]+)"|(?<lock_file>never)`}], variables);
		expect(capturedValues(playbook, {matchText: 'lock file "mongod.lock" already exists'})).toEqual({});
	});

	test('terminal control sequences are gone before anything is read', () => {
		const playbook = playbookWith([lockSignature], variables);
		const text = 'lock file "\u001B[31mmongod.lock\u001B[0m" already exists';
		expect(capturedValues(playbook, {matchText: text})['lock-file']?.value).toBe('mongod.lock');
	});

	test('lists the named groups of a pattern', () => {
		expect(namedGroupsOf(String.raw`(?<data_dir>/\S+) (?:x)(?<port>\d+)`)).toEqual(['data_dir', 'port']);
	});
});
