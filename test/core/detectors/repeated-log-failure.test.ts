/** One log read by both detectors that look for a repeated failure, and read again after a restart. */
import {describe, expect, it} from 'vitest';
import {failingToWriteDetector} from '../../../source/core/detectors/failing-to-write.js';
import {failingWhileRunningDetector} from '../../../source/core/detectors/failing-while-running.js';
import {container, logEvery, secondsBefore, snapshot} from './snapshot-builders.js';

const refused = 'Error: connect ECONNREFUSED 10.0.0.9:5432';
const denied = 'ERROR: could not save /data/1.bin: Permission denied';

describe('a log with a repeated failure of each kind', () => {
	// Every 2 s for 80 s: each kind 20 times, alternating, the last 1 s ago.
	const logs = logEvery(Array.from({length: 40}, (_, index) => (index % 2 === 0 ? refused : denied)), 2);

	it('is found by each detector, whichever reads it first', () => {
		const started = container({name: 'api', startedAt: secondsBefore(300), logs});
		const [write] = failingToWriteDetector.detect(snapshot([started]));
		const [dial] = failingWhileRunningDetector.detect(snapshot([started]));
		expect(write?.summary).toBe('keeps failing while running: permission denied, 20 times in 76 s');
		expect(dial?.summary).toMatch(/^keeps failing while running: .*20 times in 76 s/);
	});

	it('counts only the lines since the start the container shows, the same lines read again after a restart', () => {
		const before = snapshot([container({name: 'api', startedAt: secondsBefore(300), logs})]);
		expect(failingToWriteDetector.detect(before)).toHaveLength(1);
		expect(failingWhileRunningDetector.detect(before)).toHaveLength(1);
		// Restarted 20 s ago (a second's grace): the last eleven lines are of this run.
		const after = snapshot([container({name: 'api', startedAt: secondsBefore(20), logs})]);
		expect(failingToWriteDetector.detect(after)[0]?.summary).toBe('keeps failing while running: permission denied, 6 times in 20 s');
		expect(failingWhileRunningDetector.detect(after)[0]?.summary).toMatch(/, 5 times in 16 s/);
		// Restarted a moment ago: nothing of this run yet.
		const fresh = snapshot([container({name: 'api', startedAt: secondsBefore(0.5), logs})]);
		expect(failingToWriteDetector.detect(fresh)).toEqual([]);
		expect(failingWhileRunningDetector.detect(fresh)).toEqual([]);
	});
});
