/** The log lines findings are matched with and shown, picked once per log and never from another. */
import {describe, expect, it} from 'vitest';
import {logEvidence, matchTextOf, sourcedTextOf} from '../../../source/core/detectors/container-evidence.js';
import type {ContainerSnapshot, LogLine} from '../../../source/core/snapshot.js';

function container(texts: readonly string[]): ContainerSnapshot {
	const lines: LogLine[] = texts.map(text => ({stream: 'stdout', text}));
	return {
		id: 'app',
		name: 'app',
		image: 'app:1',
		labels: {},
		dependsOn: [],
		state: 'exited',
		restartCount: 0,
		exitCode: 1,
		oomKilled: false,
		mounts: [],
		ports: [],
		networks: [],
		entrypoint: [],
		command: [],
		memoryLimit: 0,
		env: [],
		logs: {lines, truncated: false},
	};
}

describe('important log lines', () => {
	it('keeps error lines and the last lines, each once', () => {
		const app = container(['starting', 'Error: connect ECONNREFUSED 10.0.0.2:5432', 'retrying', 'Error: connect ECONNREFUSED 10.0.0.2:5432', '  ', 'giving up']);
		expect(matchTextOf(app)).toBe('Error: connect ECONNREFUSED 10.0.0.2:5432\nretrying\ngiving up');
		expect(sourcedTextOf(app).log).toBe('Error: connect ECONNREFUSED 10.0.0.2:5432\nretrying\ngiving up');
		expect(logEvidence(app)).toEqual([{kind: 'log', text: 'log: Error: connect ECONNREFUSED 10.0.0.2:5432'}]);
	});

	it('reads a container whose logs changed from its new lines, not the ones picked before', () => {
		const before = container(['fatal: could not open /data/state.db: permission denied']);
		expect(matchTextOf(before)).toBe('fatal: could not open /data/state.db: permission denied');
		const after = {...before, logs: {lines: [{stream: 'stderr' as const, text: 'panic: out of memory'}], truncated: false}};
		expect(matchTextOf(after)).toBe('panic: out of memory');
		expect(matchTextOf(before)).toBe('fatal: could not open /data/state.db: permission denied');
	});

	it('gives a container without logs no log lines', () => {
		expect(matchTextOf({...container([]), logs: undefined})).toBe('');
	});
});
