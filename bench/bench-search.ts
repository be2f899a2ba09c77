import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parse} from 'yaml';
import {z} from 'zod';
import {loadKnowledgeBase} from '../source/adapters/knowledge-base.js';
import {packageRoot} from '../source/adapters/project-paths.js';
import {measureSearchLatency, type LatencySummary} from './search-latency.js';
import {generateKnowledgeBase, generateQueries, type KnowledgeSample} from './synthetic-knowledge-base.js';
import {buildSearchIndex, search} from '../source/core/search/search.js';
import {formatBenchmarkReport, runRetrievalBenchmark, type BenchmarkQuery} from '../source/core/search/retrieval-benchmark.js';

// `npm run bench:search`: retrieval accuracy on the hand-written queries and, when it is there, on
// the set of real cases from public issue threads (`--dev-set FILE`, by default
// ../shared/eval/dev-symptoms.jsonl beside the checkout); how long ranking takes; and per-query
// latency on generated knowledge bases (`--large` adds 20,000 entries, `--accuracy` stops after
// the accuracy figures).
const queriesFile = path.join(packageRoot, 'test', 'benchmark', 'search-queries.yaml');
const queries = z
	.array(z.object({query: z.string().min(1), cause: z.string().min(1), style: z.enum(['typed', 'pasted'])}).strict())
	.parse(parse(readFileSync(queriesFile, 'utf8')));

const base = await loadKnowledgeBase({cwd: packageRoot});
// Copies, so the build works out every playbook's terms again instead of finding them remembered.
const playbooks = base.playbooks.map(playbook => ({...playbook}));
const buildStart = performance.now();
const index = buildSearchIndex(playbooks, base.notes, base.vocabulary);
const buildMs = performance.now() - buildStart;

const report = runRetrievalBenchmark(index, queries);
process.stdout.write(`Own queries: ${base.playbooks.length} playbooks, ${base.notes.length} notes, ${queries.length} queries\n\n`);
process.stdout.write(formatBenchmarkReport(report));

const devSet = devSetQueries();
if (devSet) {
	process.stdout.write(`\nReal cases (${devSet.file}): ${devSet.queries.length} queries\n\n`);
	process.stdout.write(formatBenchmarkReport(runRetrievalBenchmark(index, devSet.queries), {groups: false}));
}

if (process.argv.includes('--accuracy')) {
	process.exit(0);
}

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
		+ `literals ${latency.literalsMs.toFixed(0)} ms, link ${latency.linkMs.toFixed(0)} ms, build ${latency.buildMs.toFixed(0)} ms, first query ${latency.firstQueryMs.toFixed(1)} ms\n`);
}

/** The dev set's cases, one JSON object a line; cases whose cause no slug covers yet count as misses. */
function devSetQueries(): {file: string; queries: BenchmarkQuery[]} | undefined {
	const flag = process.argv.indexOf('--dev-set');
	const file = flag === -1 ? path.join(packageRoot, '..', 'shared', 'eval', 'dev-symptoms.jsonl') : process.argv[flag + 1];
	if (!file || !existsSync(file)) {
		if (flag !== -1) {
			process.stderr.write(`--dev-set: no file at ${file ?? '(missing value)'}\n`);
			process.exit(2);
		}

		return undefined;
	}

	const devCase = z.object({id: z.string(), query: z.string().min(1), cause: z.union([z.string(), z.array(z.string()).min(1)]), kind: z.string()});
	const queries = readFileSync(file, 'utf8').split('\n').filter(line => line.trim() !== '').map((line, at) => {
		const parsed = devCase.safeParse(JSON.parse(line));
		if (!parsed.success) {
			process.stderr.write(`${file}:${at + 1}: ${parsed.error.issues[0]?.message ?? 'not a case'}\n`);
			process.exit(2);
		}

		return {id: parsed.data.id, query: parsed.data.query, cause: parsed.data.cause, style: parsed.data.kind};
	});
	return {file: path.relative(process.cwd(), file), queries};
}
