import {findCause, type CauseGroup} from '../causes.js';
import {search, type SearchIndex} from './search.js';

/** One realistic query, labelled with the cause it must find. */
export type BenchmarkQuery = {
	readonly query: string;
	/** The cause to find, or the causes that all count as right (the best first). */
	readonly cause: string | readonly string[];
	/**
	 * How the query was written, the axis figures are reported by: typed or pasted for the
	 * project's own queries; description or error-text for the real cases of the dev set.
	 */
	readonly style: string;
	/** A name for the case, shown with a miss. */
	readonly id?: string;
};

export type QueryOutcome = BenchmarkQuery & {
	/** 1-based position of the first result with a right cause; undefined when not in the results. */
	readonly rank?: number;
	/** The causes of the first three results, as `unblock search` lists them. */
	readonly top: ReadonlyArray<string | undefined>;
	/** Why the first result ranked first. */
	readonly winnerWhy: readonly string[];
};

export type Accuracy = {readonly queries: number; readonly top1: number; readonly top3: number};

export type BenchmarkReport = {
	readonly overall: Accuracy;
	readonly byGroup: ReadonlyMap<CauseGroup | 'unknown', Accuracy>;
	readonly byStyle: ReadonlyMap<string, Accuracy>;
	readonly misses: readonly QueryOutcome[];
	readonly outcomes: readonly QueryOutcome[];
};

/** The causes a query accepts, best first. */
export function acceptedCauses(query: Pick<BenchmarkQuery, 'cause'>): readonly string[] {
	return typeof query.cause === 'string' ? [query.cause] : query.cause;
}

/**
 * Ranks every query as `unblock search` does and counts how often a right cause is the first
 * result, or among the first three results.
 */
export function runRetrievalBenchmark(index: SearchIndex, queries: readonly BenchmarkQuery[]): BenchmarkReport {
	const outcomes: QueryOutcome[] = queries.map(query => {
		const results = search(index, query.query, {limit: 5});
		const accepted = acceptedCauses(query);
		const position = results.findIndex(result => result.cause !== undefined && accepted.includes(result.cause));
		return {
			...query,
			rank: position === -1 ? undefined : position + 1,
			top: results.slice(0, 3).map(result => result.cause),
			winnerWhy: results[0]?.why ?? [],
		};
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
		byGroup: groupBy(outcome => findCause(acceptedCauses(outcome)[0]!)?.group ?? 'unknown'),
		byStyle: groupBy(outcome => outcome.style),
		misses: outcomes.filter(outcome => outcome.rank !== 1),
		outcomes,
	};
}

export function percent(part: number, whole: number): string {
	return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;
}

export function formatBenchmarkReport(report: BenchmarkReport, options: {readonly groups?: boolean} = {}): string {
	const row = (label: string, accuracy: Accuracy) =>
		`${label.padEnd(14)} ${String(accuracy.queries).padStart(5)}  ${percent(accuracy.top1, accuracy.queries).padStart(7)}  ${percent(accuracy.top3, accuracy.queries).padStart(7)}`;
	const lines = [
		`${''.padEnd(14)} ${'n'.padStart(5)}  ${'top-1'.padStart(7)}  ${'top-3'.padStart(7)}`,
		...(options.groups === false ? [] : [...report.byGroup].sort(([left], [right]) => left.localeCompare(right)).map(([group, accuracy]) => row(group, accuracy))),
		...[...report.byStyle].sort(([left], [right]) => left.localeCompare(right)).map(([style, accuracy]) => row(style, accuracy)),
		row('all', report.overall),
	];

	if (report.misses.length > 0) {
		lines.push('', 'Not first (rank; expected ← the first three; why the first won):');
		for (const miss of report.misses) {
			const query = miss.query.replaceAll(/\s+/g, ' ').trim();
			const name = miss.id ?? (query.length > 70 ? `${query.slice(0, 67)}...` : query);
			lines.push(
				`  ${miss.rank === undefined ? '-' : String(miss.rank)}  ${name} (${miss.style})`,
				`     ${acceptedCauses(miss).join(' | ')} ← ${miss.top.map(cause => cause ?? '(note)').join(', ') || 'nothing'}`,
				...miss.winnerWhy.slice(0, 2).map(reason => `     why: ${reason.length > 150 ? `${reason.slice(0, 147)}...` : reason}`),
			);
		}
	}

	return `${lines.join('\n')}\n`;
}
