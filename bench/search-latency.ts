import {linkNotes} from '../source/core/knowledge/link-notes.js';
import type {Note} from '../source/core/note.js';
import type {Playbook} from '../source/core/playbook-schema.js';
import {requiredLiterals} from '../source/core/search/required-literals.js';
import {buildSearchIndex, search} from '../source/core/search/search.js';
import {rememberPlaybookLiterals} from '../source/core/search/signature-literals.js';
import {percentile} from './statistics.js';

/**
 * How long search takes per query on one knowledge base, in this process: what start-up pays
 * once (linking notes to playbooks, building the index, the first query building what queries
 * share) and then each query, short and pasted apart, over several rounds after a warm-up round.
 */

export type LatencyInput = {
	readonly playbooks: readonly Playbook[];
	/** Notes as parsed; they are linked to the playbooks first, as loading does, unless `link` is false. */
	readonly notes: readonly Note[];
	readonly queries: {
		readonly short: ReadonlyArray<string | {readonly text: string}>;
		readonly pasted: ReadonlyArray<string | {readonly text: string}>;
	};
	/** Timed rounds over every query; 5 unless given. */
	readonly runs?: number;
	/** Untimed rounds first; 1 unless given. */
	readonly warmupRuns?: number;
	/**
	 * The warm-up goes on, round after round, until this long has passed; 1000 unless given. The
	 * engine optimises search's code during the first second or so of queries, and a query timed
	 * meanwhile can take 10 ms of compiling that has nothing to do with it. The first query is
	 * reported apart (`firstQueryMs`), and a cold process is measured as a whole elsewhere.
	 */
	readonly minimumWarmupMs?: number;
	readonly link?: boolean;
	/** Results asked for per query, as `unblock search` asks by default. */
	readonly limit?: number;
};

export type LatencySummary = {
	/** Milliseconds. */
	readonly p50: number;
	readonly p99: number;
	readonly max: number;
	/** Timed queries: rounds × queries. */
	readonly samples: number;
};

export type SearchLatency = {
	readonly entries: number;
	readonly playbooks: number;
	readonly notes: number;
	/** Milliseconds to work out the signatures' literals, as the playbook parser does for a playbook the build did not. */
	readonly literalsMs: number;
	/** Milliseconds to link the notes to the playbooks (0 when not asked to). */
	readonly linkMs: number;
	/** Milliseconds to build the search index. */
	readonly buildMs: number;
	/** Milliseconds of the very first query, which also builds what later queries reuse. */
	readonly firstQueryMs: number;
	readonly short: LatencySummary;
	readonly pasted: LatencySummary;
};

export function measureSearchLatency(input: LatencyInput): SearchLatency {
	const runs = input.runs ?? 5;
	const warmupRuns = input.warmupRuns ?? 1;
	const minimumWarmupMs = input.minimumWarmupMs ?? 1000;
	const limit = input.limit ?? 10;
	const textOf = (query: string | {readonly text: string}) => typeof query === 'string' ? query : query.text;
	const short = input.queries.short.map(textOf);
	const pasted = input.queries.pasted.map(textOf);

	// Fresh objects: what was worked out for these playbooks before (their terms, their signatures'
	// literals and compiled regexes, remembered per object) is worked out again and timed.
	const playbooks = input.playbooks.map(playbook => ({...playbook, signatures: playbook.signatures.map(signature => ({...signature}))}));
	let started = performance.now();
	for (const playbook of playbooks) {
		rememberPlaybookLiterals(playbook, playbook.signatures.map(signature => requiredLiterals(signature.pattern, signature.flags) ?? null));
	}

	const literalsMs = performance.now() - started;
	started = performance.now();
	const notes = input.link === false ? input.notes : linkNotes(input.notes, playbooks);
	const linkMs = input.link === false ? 0 : performance.now() - started;

	started = performance.now();
	const index = buildSearchIndex(playbooks, notes);
	const buildMs = performance.now() - started;

	const first = short[0] ?? pasted[0];
	started = performance.now();
	if (first !== undefined) {
		search(index, first, {limit});
	}

	const firstQueryMs = first === undefined ? 0 : performance.now() - started;

	const everyQuery = [...short, ...pasted];
	const warmupStart = performance.now();
	for (let round = 0; everyQuery.length > 0 && (round < warmupRuns || (round > 0 && performance.now() - warmupStart < minimumWarmupMs)); round++) {
		for (const query of everyQuery) {
			search(index, query, {limit});
		}
	}

	const shortSamples: number[] = [];
	const pastedSamples: number[] = [];
	for (let round = 0; round < runs; round++) {
		// Short and pasted queries take turns, so a slow moment of the machine hits both alike.
		for (let at = 0; at < Math.max(short.length, pasted.length); at++) {
			for (const [queries, samples] of [[short, shortSamples], [pasted, pastedSamples]] as const) {
				const query = queries[at];
				if (query !== undefined) {
					const start = performance.now();
					search(index, query, {limit});
					samples.push(performance.now() - start);
				}
			}
		}
	}

	return {
		entries: input.playbooks.length + input.notes.length,
		playbooks: input.playbooks.length,
		notes: input.notes.length,
		literalsMs,
		linkMs,
		buildMs,
		firstQueryMs,
		short: summarize(shortSamples),
		pasted: summarize(pastedSamples),
	};
}

function summarize(samples: readonly number[]): LatencySummary {
	if (samples.length === 0) {
		return {p50: 0, p99: 0, max: 0, samples: 0};
	}

	const sorted = [...samples].sort((left, right) => left - right);
	return {p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), max: sorted.at(-1)!, samples: sorted.length};
}
