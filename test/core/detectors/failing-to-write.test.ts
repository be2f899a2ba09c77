/** A running container that keeps failing to write its files, which its state does not show. */
import {describe, expect, it} from 'vitest';
import {failingToWriteDetector} from '../../../source/core/detectors/failing-to-write.js';
import type {ContainerSnapshot, LogLine} from '../../../source/core/snapshot.js';
import {container, logEvery, secondsBefore, snapshot} from './snapshot-builders.js';

const denied = 'ERROR: could not save /data/uploads/1.bin: [Errno 13] Permission denied';
const times = (count: number, text: string) => Array.from({length: count}, () => text);

const uploader = (logs: {lines: LogLine[]; truncated: boolean}, overrides: Partial<ContainerSnapshot> = {}) => container({
	name: 'uploader',
	startedAt: secondsBefore(300),
	user: '1000',
	mounts: [{type: 'bind', source: '/srv/uploads', destination: '/data/uploads', readWrite: true, mode: '', owner: {uid: 0, gid: 0, mode: '755'}}],
	logs,
	...overrides,
});

describe('failing-to-write', () => {
	it.each([
		['denied every 2 s for a minute', logEvery(times(30, denied), 2), 'keeps failing while running: permission denied, 30 times in 58 s'],
		['a read-only file system every 5 s', logEvery(times(10, 'OSError: [Errno 30] Read-only file system: \'/app/cache\''), 5), 'keeps failing while running: read-only file system, 10 times in 45 s'],
		['a full disk every 10 s', logEvery(times(6, 'write /var/lib/app/wal: no space left on device'), 10), 'keeps failing while running: no space left on device, 6 times in 50 s'],
	])('reports %s', (_name, logs, summary) => {
		const [finding] = failingToWriteDetector.detect(snapshot([uploader(logs)]));
		expect(finding?.summary).toBe(summary);
		expect(finding?.symptom).toBe('failing-while-running');
	});

	it('shows who owns the mount beside the line, and matches with the mount\'s owner as a fact', () => {
		const [finding] = failingToWriteDetector.detect(snapshot([uploader(logEvery(times(30, denied), 2))]));
		expect(finding?.evidence.map(item => item.text)).toContain('mount: /srv/uploads -> /data/uploads (rw, owned by uid 0 mode 755); the container runs as 1000');
		expect(finding?.matchText).toContain('a writable mount is owned by uid 0 (mode 755), not by the container\'s uid 1000');
	});

	it.each([
		['twice: once is a hiccup', logEvery(times(2, denied), 5)],
		['three times in 4 s', logEvery(times(3, denied), 2)],
		['a minute of failures ten minutes ago, quiet since', logEvery(times(30, denied), 2, 600)],
	])('does not report %s', (_name, logs) => {
		expect(failingToWriteDetector.detect(snapshot([uploader(logs)]))).toEqual([]);
	});

	it('does not report a container that is not running (its exit is another finding)', () => {
		expect(failingToWriteDetector.detect(snapshot([uploader(logEvery(times(30, denied), 2), {state: 'exited', exitCode: 1})]))).toEqual([]);
	});
});
