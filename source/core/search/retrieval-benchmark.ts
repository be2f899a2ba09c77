import {findCause, type CauseGroup} from '../causes.js';
import {search, type SearchIndex} from './search.js';

/** One realistic query, labelled with the cause it must find. */
export type BenchmarkQuery = {
	readonly query: string;
	readonly cause: string;
	/** typed: what a developer types; pasted: an error or log excerpt with noise around it. */
	readonly style: 'typed' | 'pasted';
};

export type QueryOutcome = BenchmarkQuery & {
	/** 1-based position of the first result with the right cause; undefined when not in the results. */
	readonly rank?: number;
	readonly top: readonly string[];
};

export type Accuracy = {readonly queries: number; readonly top1: number; readonly top3: number};

export type BenchmarkReport = {
	readonly overall: Accuracy;
	readonly byGroup: ReadonlyMap<CauseGroup | 'unknown', Accuracy>;
	readonly byStyle: ReadonlyMap<BenchmarkQuery['style'], Accuracy>;
	readonly misses: readonly QueryOutcome[];
	readonly outcomes: readonly QueryOutcome[];
};

/** Ranks every query and counts how often the labelled cause is first, or in the top three. */
export function runRetrievalBenchmark(index: SearchIndex, queries: readonly BenchmarkQuery[]): BenchmarkReport {
	const outcomes: QueryOutcome[] = queries.map(query => {
		// Causes, not entries: a note and a playbook of the same cause are one answer.
		const causesInOrder: string[] = [];
		for (const result of search(index, query.query, {limit: 10})) {
			if (result.cause && !causesInOrder.includes(result.cause)) {
				causesInOrder.push(result.cause);
			}
		}

		const position = causesInOrder.indexOf(query.cause);
		return {...query, rank: position === -1 ? undefined : position + 1, top: causesInOrder.slice(0, 3)};
	});

	const tally = (subset: readonly QueryOutcome[]): Accuracy => ({
		queries: subset.length,
		top1: subset.filter(outcome => outcome.rank === 1).length,
		top3: subset.filter(outcome => outcome.rank !== undefined && outcome.rank <= 3).length,
	});
	const groupBy = <Key>(key: (outcome: QueryOutcome) => Key): Map<Key, Accuracy> => {
		const groups = new Map<Key, QueryOutcome[]>();
		for (const outcome of outcomes) {
			const list = groups.get(key(outcome)) ?? [];
			list.push(outcome);
			groups.set(key(outcome), list);
		}

		return new Map([...groups].map(([group, subset]) => [group, tally(subset)]));
	};

	return {
		overall: tally(outcomes),
		byGroup: groupBy(outcome => findCause(outcome.cause)?.group ?? 'unknown'),
		byStyle: groupBy(outcome => outcome.style),
		misses: outcomes.filter(outcome => outcome.rank === undefined || outcome.rank > 1),
		outcomes,
	};
}

export function percent(part: number, whole: number): string {
	return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function formatBenchmarkReport(report: BenchmarkReport): string {
	const row = (label: string, accuracy: Accuracy) =>
		`${label.padEnd(14)} ${String(accuracy.queries).padStart(5)}  ${percent(accuracy.top1, accuracy.queries).padStart(7)}  ${percent(accuracy.top3, accuracy.queries).padStart(7)}`;
	const lines = [
		`${'group'.padEnd(14)} ${'n'.padStart(5)}  ${'top-1'.padStart(7)}  ${'top-3'.padStart(7)}`,
		...[...report.byGroup].sort(([left], [right]) => left.localeCompare(right)).map(([group, accuracy]) => row(group, accuracy)),
		...[...report.byStyle].map(([style, accuracy]) => row(style, accuracy)),
		row('all', report.overall),
	];

	if (report.misses.length > 0) {
		lines.push('', 'Not first (rank, expected cause ← what ranked first):');
		for (const miss of report.misses) {
			const query = miss.query.replaceAll(/\s+/g, ' ').trim();
			lines.push(`  ${miss.rank === undefined ? '-' : String(miss.rank)}  ${miss.cause} ← ${miss.top[0] ?? 'nothing'}: ${query.length > 90 ? `${query.slice(0, 87)}...` : query}`);
		}
	}

	return `${lines.join('\n')}\n`;
}
