import {describe, expect, test} from 'vitest';
import {destructionKind, destructionWarning} from '../../../source/core/step-plans/destruction-kind.js';

describe('the warning of a destructive step fits what it destroys', () => {
	test.each([
		['{pid}', 'process', '⚠ This step ends process 4242: what it is doing stops. No files or volumes are deleted.'],
		['{container}', 'container', '⚠ This step removes container 4242: files written inside it outside its volumes are lost; its volumes are kept.'],
		['{volume}', 'data', '⚠ Data loss: this step destroys 4242. What is in it cannot be recovered.'],
		['{lock-file}', 'data', '⚠ Data loss: this step destroys 4242. What is in it cannot be recovered.'],
		['build cache', 'data', '⚠ Data loss: this step destroys 4242. What is in it cannot be recovered.'],
		[undefined, 'data', '⚠ Data loss: this step destroys 4242. What is in it cannot be recovered.'],
	])('destroys: %s', (destroys, kind, warning) => {
		expect(destructionKind(destroys)).toBe(kind);
		expect(destructionWarning(destructionKind(destroys), '4242')).toBe(warning);
	});

	test('no warning but the data one claims data loss', () => {
		expect(destructionWarning('process', 'x')).not.toMatch(/data loss|cannot be recovered/i);
		expect(destructionWarning('container', 'x')).not.toMatch(/data loss|cannot be recovered/i);
	});
});
