import {describe, expect, it} from 'vitest';
import {summarize} from '../../bench/statistics.js';
import {describeTarget, diagnoseTarget, evaluateTarget, installedLikeCheckoutTarget, searchLatencyTarget, startupTarget, wizardMemoryTarget} from '../../bench/targets.js';

describe('evaluateTarget', () => {
	it('judges a ratio of medians against the baseline', () => {
		expect(evaluateTarget(startupTarget, summarize([60, 65, 70]), summarize([50, 50, 50]))).toEqual({value: 1.3, met: true});
		expect(evaluateTarget(startupTarget, summarize([70, 75, 80]), summarize([50, 50, 50]))).toEqual({value: 1.5, met: false});
	});

	it('judges a ratio that must stay within a range: the installed package against the checkout', () => {
		const checkout = summarize([200, 200, 200]);
		expect(evaluateTarget(installedLikeCheckoutTarget, summarize([210, 215, 220]), checkout)).toEqual({value: 1.075, met: true});
		expect(evaluateTarget(installedLikeCheckoutTarget, summarize([170, 175, 180]), checkout)).toEqual({value: 0.875, met: false});
		expect(evaluateTarget(installedLikeCheckoutTarget, summarize([230, 235, 240]), checkout)).toEqual({value: 1.175, met: false});
	});

	it('cannot judge a ratio without a baseline', () => {
		expect(evaluateTarget(startupTarget, summarize([70]))).toBeUndefined();
	});

	it('judges the median itself', () => {
		expect(evaluateTarget(wizardMemoryTarget, summarize([100, 130, 140]))).toEqual({value: 130, met: false});
	});

	it('judges the 99th percentile', () => {
		const twoSlowOfAHundred = summarize([...Array.from({length: 98}, () => 1), 500, 500]);
		expect(evaluateTarget({statistic: 'p99', atMost: 10}, twoSlowOfAHundred)).toEqual({value: 500, met: false});
		expect(evaluateTarget({statistic: 'median', atMost: 10}, twoSlowOfAHundred)).toEqual({value: 1, met: true});
	});
});

describe('the targets of issues 8 and 15', () => {
	it('has diagnose targets at 10, 50 and 200 containers only', () => {
		expect([10, 50, 100, 200].map(diagnoseTarget)).toEqual([
			{statistic: 'ratio', atMost: 1},
			{statistic: 'ratio', atMost: 0.35},
			undefined,
			{statistic: 'ratio', atMost: 0.15},
		]);
	});

	it('has search latency targets at 2,000 and 20,000 entries', () => {
		expect(searchLatencyTarget(2000, 'pasted')).toEqual({statistic: 'p99', atMost: 10});
		expect(searchLatencyTarget(20_000, 'short')).toEqual({statistic: 'p99', atMost: 50});
		expect(searchLatencyTarget(20_000, 'pasted')).toEqual({statistic: 'p99', atMost: 100});
		expect(searchLatencyTarget(120, 'short')).toBeUndefined();
	});
});

describe('describeTarget', () => {
	it('says what is compared and the most (and least) it may be', () => {
		expect(describeTarget(startupTarget, 'ms')).toBe('≤ 1.3x');
		expect(describeTarget(installedLikeCheckoutTarget, 'ms')).toBe('0.9–1.1x');
		expect(describeTarget(wizardMemoryTarget, 'MB')).toBe('≤ 120 MB');
		expect(describeTarget({statistic: 'p99', atMost: 10}, 'ms')).toBe('p99 ≤ 10 ms');
	});
});
