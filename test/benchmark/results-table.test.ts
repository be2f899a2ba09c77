import {describe, expect, it} from 'vitest';
import {assessFigure, type Figure} from '../../bench/figure.js';
import {formatQuantity, formatResultsTable} from '../../bench/results-table.js';
import {summarize} from '../../bench/statistics.js';
import {searchLatencyTarget, type Target} from '../../bench/targets.js';

const ratioTarget: Target = {statistic: 'ratio', atMost: 1.5};

const version: Figure = {
	id: 'startup.version',
	group: 'startup',
	label: 'unblock --version',
	unit: 'ms',
	samples: summarize([60, 70, 72, 74, 90]),
	baseline: {label: 'node -e 0', samples: summarize([48, 50, 52, 54, 56])},
	target: ratioTarget,
};

const help: Figure = {...version, id: 'startup.help', label: 'unblock --help', samples: summarize([90, 95, 100])};

const searchLatency: Figure = {
	id: 'search.latency.2000.short',
	group: 'search',
	label: 'search 2,000 entries, short',
	unit: 'ms',
	samples: summarize([1.5, 2, 2.5, 3, 12]),
	target: searchLatencyTarget(2000, 'short')!,
};

const memory: Figure = {id: 'memory.version', group: 'memory', label: 'unblock --version: peak memory', unit: 'MB', samples: summarize([42.4, 42.5, 42.6])};

describe('formatQuantity', () => {
	it.each([
		[3.14159, 'ms', '3.14 ms'],
		[42.46, 'ms', '42.5 ms'],
		[171.6, 'ms', '172 ms'],
		[96.25, 'MB', '96.3 MB'],
	] as const)('%d %s reads %s', (value, unit, expected) => {
		expect(formatQuantity(value, unit)).toBe(expected);
	});
});

describe('formatResultsTable', () => {
	it('prints each figure under its group, with baseline, ratio, target and result', () => {
		expect(formatResultsTable([version, help, searchLatency, memory].map(assessFigure))).toBe([
			'figure                          median   p99   p25–p75    min–max    runs  baseline            ratio  target       result',
			'',
			'[startup]',
			'unblock --version               72.0 ms  89.4  70.0–74.0  60.0–90.0  5     node -e 0: 52.0 ms  1.38x  ≤ 1.5x       pass',
			'unblock --help                  95.0 ms  99.9  92.5–97.5  90.0–100   3     node -e 0: 52.0 ms  1.83x  ≤ 1.5x       miss',
			'',
			'[search]',
			'search 2,000 entries, short     2.50 ms  11.6  2.00–3.00  1.50–12.0  5                                p99 ≤ 10 ms  miss',
			'',
			'[memory]',
			'unblock --version: peak memory  42.5 MB  42.6  42.5–42.5  42.4–42.6  3',
			'',
			'1 of 3 targets met; missed: unblock --help, search 2,000 entries, short',
			'',
		].join('\n'));
	});

	it('shows a bound the measurement did not report as "?"', () => {
		const latency = assessFigure({...searchLatency, samples: {count: 250, min: Number.NaN, p25: Number.NaN, median: 0.18, p75: Number.NaN, p99: 0.73, max: 1.91}});
		expect(formatResultsTable([latency]).split('\n')[3]).toBe('search 2,000 entries, short  0.18 ms  0.73  ?        ?–1.91   250                    p99 ≤ 10 ms  pass');
	});

	it('lists what was skipped or failed after the table', () => {
		const table = formatResultsTable([assessFigure(version)], [
			{group: 'diagnose', label: 'figures with containers', kind: 'skipped', reason: 'no Docker engine answers: connect ENOENT /var/run/docker.sock'},
		]);
		expect(table.split('\n').slice(-5)).toEqual([
			'',
			'skipped [diagnose] figures with containers: no Docker engine answers: connect ENOENT /var/run/docker.sock',
			'',
			'1 of 1 targets met',
			'',
		]);
	});

	it('says so when nothing was measured', () => {
		expect(formatResultsTable([], [{group: 'diagnose', label: 'figures with containers', kind: 'skipped', reason: 'no Docker engine answers'}])).toBe([
			'No figures measured.',
			'',
			'skipped [diagnose] figures with containers: no Docker engine answers',
			'',
			'0 of 0 targets met',
			'',
		].join('\n'));
	});
});
