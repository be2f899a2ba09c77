import {describe, expect, it} from 'vitest';
import {median, percentile, ratio, summarize} from '../../bench/statistics.js';

describe('percentile', () => {
	it.each([
		[[1, 2, 3, 4], 0.5, 2.5],
		[[1, 2, 3, 4], 0, 1],
		[[1, 2, 3, 4], 1, 4],
		[[10, 20, 30, 40, 50], 0.25, 20],
		[[10, 20, 30, 40, 50], 0.75, 40],
		[[10, 20], 0.99, 19.9],
		[[7], 0.5, 7],
	])('of %j at %d is %d', (sorted, fraction, expected) => {
		expect(percentile(sorted, fraction)).toBeCloseTo(expected, 10);
	});

	it('refuses no samples', () => {
		expect(() => percentile([], 0.5)).toThrow('percentile of no samples');
	});
});

describe('median', () => {
	it('sorts the samples first', () => {
		expect(median([5, 1, 4, 2, 3])).toBe(3);
		expect(median([40, 10, 30, 20])).toBe(25);
	});
});

describe('summarize', () => {
	it('gives the median and the spread around it', () => {
		expect(summarize([9, 1, 5, 3, 7])).toEqual({count: 5, min: 1, p25: 3, median: 5, p75: 7, p99: 8.92, max: 9});
	});
});

describe('ratio', () => {
	it('divides the measured median by the baseline median', () => {
		expect(ratio(150, 100)).toBe(1.5);
	});

	it('has none for a baseline of zero', () => {
		expect(ratio(150, 0)).toBeUndefined();
	});
});
