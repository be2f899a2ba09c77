/**
 * The targets of issues 8 and 15, as data: each names the statistic it judges (the ratio of
 * medians to the baseline's, the median itself, or the 99th percentile), the most it may be, and
 * for a comparison of equals the least.
 */
import type {Summary} from './statistics.js';
import {ratio} from './statistics.js';

export type Target = {
	readonly statistic: 'ratio' | 'median' | 'p99';
	readonly atMost: number;
	readonly atLeast?: number;
};

export type TargetOutcome = {
	/** The number that was compared with the target. */
	readonly value: number;
	readonly met: boolean;
};

export const startupTarget: Target = {statistic: 'ratio', atMost: 1.3};
export const firstFrameTarget: Target = {statistic: 'ratio', atMost: 3};
export const coldSearchTarget: Target = {statistic: 'ratio', atMost: 2.5};
/** The installed package searches as fast as the checkout, within noise. */
export const installedLikeCheckoutTarget: Target = {statistic: 'ratio', atLeast: 0.9, atMost: 1.1};
export const rescanTarget: Target = {statistic: 'median', atMost: 100};
export const wizardMemoryTarget: Target = {statistic: 'median', atMost: 120};

/** Whole-process diagnose against the docker CLI job, by container count; other counts have none. */
export function diagnoseTarget(containers: number): Target | undefined {
	const atMost = ({10: 1, 50: 0.35, 200: 0.15} as Record<number, number | undefined>)[containers];
	return atMost === undefined ? undefined : {statistic: 'ratio', atMost};
}

export type QueryStyle = 'short' | 'pasted';

/** Search latency per query by knowledge-base size and query style; other sizes have none. */
export function searchLatencyTarget(entries: number, style: QueryStyle): Target | undefined {
	if (entries === 2000) {
		return {statistic: 'p99', atMost: 10};
	}

	if (entries === 20_000) {
		return {statistic: 'p99', atMost: style === 'short' ? 50 : 100};
	}

	return undefined;
}

/** Judges samples (and their baseline, for a ratio); undefined when there is nothing to compare. */
export function evaluateTarget(target: Target, samples: Summary, baseline?: Summary): TargetOutcome | undefined {
	const value = target.statistic === 'ratio'
		? (baseline ? ratio(samples.median, baseline.median) : undefined)
		: target.statistic === 'median' ? samples.median : samples.p99;
	return value === undefined || !Number.isFinite(value) ? undefined : {value, met: value <= target.atMost && value >= (target.atLeast ?? Number.NEGATIVE_INFINITY)};
}

/** "≤ 1.5x", "0.9–1.1x", "≤ 100 ms", "p99 ≤ 10 ms". */
export function describeTarget(target: Target, unit: string): string {
	if (target.statistic === 'ratio') {
		return target.atLeast === undefined ? `≤ ${target.atMost}x` : `${target.atLeast}–${target.atMost}x`;
	}

	return `${target.statistic === 'p99' ? 'p99 ' : ''}≤ ${target.atMost} ${unit}`;
}
