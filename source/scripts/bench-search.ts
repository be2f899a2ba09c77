import {readFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parse} from 'yaml';
import {z} from 'zod';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {packageRoot} from '../adapters/project-paths.js';
import {buildSearchIndex, search} from '../core/search/search.js';
import {formatBenchmarkReport, runRetrievalBenchmark} from '../core/search/retrieval-benchmark.js';

// `npm run bench:search`: retrieval accuracy on the hand-written queries, and how long ranking takes.
const queriesFile = path.join(packageRoot, 'test', 'benchmark', 'search-queries.yaml');
const queries = z
	.array(z.object({query: z.string().min(1), cause: z.string().min(1), style: z.enum(['typed', 'pasted'])}).strict())
	.parse(parse(readFileSync(queriesFile, 'utf8')));

const base = await loadKnowledgeBase({cwd: packageRoot});
const buildStart = performance.now();
const index = buildSearchIndex(base.playbooks, base.notes);
const buildMs = performance.now() - buildStart;

const report = runRetrievalBenchmark(index, queries);
process.stdout.write(`${base.playbooks.length} playbooks, ${base.notes.length} notes, ${queries.length} queries\n\n`);
process.stdout.write(formatBenchmarkReport(report));

const timings = (style: 'typed' | 'pasted') => {
	const samples: number[] = [];
	for (let round = 0; round < 5; round++) {
		for (const query of queries.filter(candidate => candidate.style === style)) {
			const start = performance.now();
			search(index, query.query);
			samples.push(performance.now() - start);
		}
	}

	samples.sort((left, right) => left - right);
	const at = (fraction: number) => samples[Math.min(samples.length - 1, Math.floor(fraction * samples.length))] ?? 0;
	return `${style}: p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(2)} ms over ${samples.length} runs`;
};

process.stdout.write(`\nindex build ${buildMs.toFixed(1)} ms\n${timings('typed')}\n${timings('pasted')}\n`);
