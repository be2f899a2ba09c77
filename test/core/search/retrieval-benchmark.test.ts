import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadKnowledgeBase, type KnowledgeBase} from '../../../source/adapters/knowledge-base.js';
import {causes} from '../../../source/core/causes.js';
import {formatBenchmarkReport, runRetrievalBenchmark, type BenchmarkQuery} from '../../../source/core/search/retrieval-benchmark.js';

const root = path.join(import.meta.dirname, '..', '..', '..');
const queries = parse(readFileSync(path.join(root, 'test', 'benchmark', 'search-queries.yaml'), 'utf8')) as BenchmarkQuery[];

// Raise these as the knowledge base grows; never lower them to make a change pass.
const floors = {top1: 0.95, top3: 0.98};

let base: KnowledgeBase;

beforeAll(async () => {
	base = await loadKnowledgeBase({cwd: root});
});

describe('retrieval benchmark', () => {
	test('every cause has at least one query', () => {
		const asked = new Set(queries.map(query => query.cause));
		expect(causes.map(cause => cause.slug).filter(slug => !asked.has(slug))).toEqual([]);
	});

	test(`finds the labelled cause first for at least ${floors.top1 * 100}% and in the top 3 for at least ${floors.top3 * 100}% of the queries`, () => {
		const report = runRetrievalBenchmark(base.index, queries);
		const summary = formatBenchmarkReport(report);
		expect(report.overall.top1 / report.overall.queries, summary).toBeGreaterThanOrEqual(floors.top1);
		expect(report.overall.top3 / report.overall.queries, summary).toBeGreaterThanOrEqual(floors.top3);
	});
});
