import {describe, expect, it} from 'vitest';
import {describeSeenBefore, renderNote} from '../../../source/core/knowledge/render-note.js';
import type {Note} from '../../../source/core/note.js';

const note: Note = {
	id: 'blockers#localstack-volume',
	title: 'LocalStack will not start on WSL2',
	file: 'docs/BLOCKERS.md',
	line: 13,
	problem: 'LocalStack exits right after start, so S3 is down for the whole stack and every test that uploads a file fails.',
	errors: ['OSError: [Errno 16] Device or resource busy: \'/tmp/localstack\''],
	rootCause: 'The named volume is mounted on the directory LocalStack cleans at start.',
	resolution: 'Removed the volume and set PERSISTENCE to 0:\n\n    environment:\n      PERSISTENCE: 0',
	attempted: ['Restarting the container'],
	tradeoffs: ['S3 data is lost on restart'],
	lessons: [],
	date: 'Day 2',
	status: 'resolved',
	cause: 'volume-device-busy',
	playbook: 'volume-device-busy',
	linkedBy: 'signature',
	body: '',
};

describe('renderNote', () => {
	it('shows each field under its name, wraps prose and keeps code as it is', () => {
		expect(renderNote(note, {playbook: {id: 'volume-device-busy', title: 'The image deletes a mount point'}, width: 60})).toBe([
			'LocalStack will not start on WSL2',
			'docs/BLOCKERS.md:13 · resolved · Day 2',
			'',
			'Problem',
			'  LocalStack exits right after start, so S3 is down for the',
			'  whole stack and every test that uploads a file fails.',
			'',
			'Error',
			'  OSError: [Errno 16] Device or resource busy: \'/tmp/localstack\'',
			'',
			'Root cause',
			'  The named volume is mounted on the directory LocalStack',
			'  cleans at start.',
			'',
			'Tried, did not work',
			'  - Restarting the container',
			'',
			'Resolution',
			'  Removed the volume and set PERSISTENCE to 0:',
			'',
			'      environment:',
			'        PERSISTENCE: 0',
			'',
			'Trade-offs',
			'  - S3 data is lost on restart',
			'',
			'Playbook for this cause: The image deletes a mount point (volume-device-busy, cause volume-device-busy)',
			'',
		].join('\n'));
	});

	it('leaves out empty fields and names a workaround as such', () => {
		const open: Note = {...note, errors: [], rootCause: undefined, attempted: [], tradeoffs: [], status: 'workaround', resolution: 'Workaround: use memory storage', cause: undefined, date: undefined};
		expect(renderNote(open)).toBe([
			'LocalStack will not start on WSL2',
			'docs/BLOCKERS.md:13 · worked around',
			'',
			'Problem',
			'  LocalStack exits right after start, so S3 is down for the whole stack and every test that uploads',
			'  a file fails.',
			'',
			'Workaround',
			'  Workaround: use memory storage',
			'',
		].join('\n'));
	});
});

describe('describeSeenBefore', () => {
	it.each([
		['resolved', note, 'seen before in docs/BLOCKERS.md, Day 2: resolved by "Removed the volume and set PERSISTENCE to 0"'],
		['worked around', {...note, status: 'workaround', resolution: 'Workaround:\n1. Call the API directly. Then restart.'}, 'seen before in docs/BLOCKERS.md, Day 2: worked around by "Call the API directly"'],
		['open', {...note, status: 'open', resolution: undefined, date: undefined}, 'seen before in docs/BLOCKERS.md: still open'],
		['resolved, no resolution written', {...note, resolution: undefined}, 'seen before in docs/BLOCKERS.md, Day 2: resolved'],
	] as Array<[string, Note, string]>)('%s', (_name, input, expected) => {
		expect(describeSeenBefore(input)).toBe(expected);
	});
});
