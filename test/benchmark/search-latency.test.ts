import {describe, expect, test} from 'vitest';
import {measureSearchLatency} from '../../bench/search-latency.js';
import {generateKnowledgeBase, generateQueries} from '../../bench/synthetic-knowledge-base.js';

describe('measureSearchLatency', () => {
	const base = generateKnowledgeBase({entries: 120, seed: 2});
	const queries = generateQueries(base, {count: 6, seed: 2});

	test('times every query of each style in every round, after the warm-up', () => {
		const latency = measureSearchLatency({...base, queries, runs: 3, warmupRuns: 1, minimumWarmupMs: 0});
		expect(latency.entries).toBe(120);
		expect([latency.playbooks, latency.notes]).toEqual([60, 60]);
		expect(latency.short.samples).toBe(18);
		expect(latency.pasted.samples).toBe(18);
		for (const summary of [latency.short, latency.pasted]) {
			expect(summary.p50).toBeGreaterThanOrEqual(0);
			expect(summary.p50).toBeLessThanOrEqual(summary.p99);
			expect(summary.p99).toBeLessThanOrEqual(summary.max);
		}

		for (const phase of [latency.literalsMs, latency.linkMs, latency.buildMs, latency.firstQueryMs]) {
			expect(Number.isFinite(phase) && phase >= 0).toBe(true);
		}
	});

	test('skips linking when asked, and takes plain strings as queries', () => {
		const latency = measureSearchLatency({...base, queries: {short: ['postgres restarting'], pasted: []}, runs: 2, warmupRuns: 0, link: false});
		expect(latency.linkMs).toBe(0);
		expect(latency.short.samples).toBe(2);
		expect(latency.pasted).toEqual({p50: 0, p99: 0, max: 0, samples: 0});
	});
});
