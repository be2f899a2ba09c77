import {readFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parse} from 'yaml';
import {z} from 'zod';
import {loadKnowledgeBase} from '../source/adapters/knowledge-base.js';
import {packageRoot} from '../source/adapters/project-paths.js';
import {measureSearchLatency, type LatencySummary} from './search-latency.js';
import {generateKnowledgeBase, generateQueries, type KnowledgeSample} from './synthetic-knowledge-base.js';
import {buildSearchIndex, search} from '../source/core/search/search.js';
import {formatBenchmarkReport, runRetrievalBenchmark} from '../source/core/search/retrieval-benchmark.js';

// `npm run bench:search`: retrieval accuracy on the hand-written queries, how long ranking takes,
// and per-query latency on generated knowledge bases (`--large` adds 20,000 entries).
const queriesFile = path.join(packageRoot, 'test', 'benchmark', 'search-queries.yaml');
const queries = z
	.array(z.object({query: z.string().min(1), cause: z.string().min(1), style: z.enum(['typed', 'pasted'])}).strict())
	.parse(parse(readFileSync(queriesFile, 'utf8')));

const base = await loadKnowledgeBase({cwd: packageRoot});
// Copies, so the build works out every playbook's terms again instead of finding them remembered.
const playbooks = base.playbooks.map(playbook => ({...playbook}));
const buildStart = performance.now();
const index = buildSearchIndex(playbooks, base.notes);
const buildMs = performance.now() - buildStart;

const report = runRetrievalBenchmark(index, queries);
process.stdout.write(`${base.playbooks.length} playbooks, ${base.notes.length} notes, ${queries.length} queries\n\n`);
process.stdout.write(formatBenchmarkReport(report));

// The accuracy run above was a first round; a second of warm-up more lets the engine finish
// optimising search's code, so what is timed is search and not the compiler.
const warmupStart = performance.now();
while (performance.now() - warmupStart < 1000) {
	for (const {query} of queries) {
		search(index, query);
	}
}

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

const shipped: KnowledgeSample = {playbooks: base.playbooks, notes: base.notes};
const sizes = process.argv.includes('--large') ? [2000, 20_000] : [2000];
const summary = (latency: LatencySummary) => `p50 ${latency.p50.toFixed(2)} ms, p99 ${latency.p99.toFixed(2)} ms`;
process.stdout.write('\nGenerated queries (short typed with typos, pasted logs), 5 rounds after a second of warm-up:\n');
for (const size of ['shipped' as const, ...sizes]) {
	const sample = size === 'shipped' ? shipped : generateKnowledgeBase({entries: size, from: shipped});
	const latency = measureSearchLatency({...sample, queries: generateQueries(sample, {count: 100}), link: size !== 'shipped'});
	process.stdout.write(`${String(size === 'shipped' ? `shipped (${latency.entries})` : size).padEnd(14)} short ${summary(latency.short)}; pasted ${summary(latency.pasted)}; `
		+ `link ${latency.linkMs.toFixed(0)} ms, build ${latency.buildMs.toFixed(0)} ms, first query ${latency.firstQueryMs.toFixed(1)} ms\n`);
}
