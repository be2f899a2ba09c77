import {describe, expect, it} from 'vitest';
import {defaultOptions} from '../../bench/benchmark-flags.js';
import {assessFigure} from '../../bench/figure.js';
import type {Machine} from '../../bench/machine.js';
import {buildResultsFile} from '../../bench/results-file.js';
import {summarize} from '../../bench/statistics.js';
import {diagnoseTarget} from '../../bench/targets.js';

const machine: Machine = {
	cpu: 'Intel(R) Xeon(R) Processor @ 2.50GHz',
	cores: 2,
	memoryGigabytes: 24,
	platform: 'Linux 6.1.0 x64',
	node: 'v20.20.2',
	docker: '20.10.24',
	commit: 'c71579c',
	date: '2026-11-22T12:00:00.000Z',
};

describe('buildResultsFile', () => {
	it('writes the machine, the package, the options and each figure with its baseline, ratio, target and verdict', () => {
		const figure = assessFigure({
			id: 'diagnose.200',
			group: 'diagnose',
			label: 'unblock diagnose --json, 200 containers',
			unit: 'ms',
			samples: summarize([300, 310.12345, 320]),
			baseline: {label: 'docker CLI job', samples: summarize([2100, 2200, 2300])},
			target: diagnoseTarget(200)!,
			note: 'docker CLI job: ps -a, inspect all, logs --tail 50 of each',
		});
		const omission = {group: 'diagnose', label: 'rescan in the wizard, 200 containers', kind: 'skipped', reason: 'not there yet'} as const;
		expect(buildResultsFile(machine, defaultOptions, [figure], [omission], {bytes: 300_000, unpackedBytes: 3_000_000, files: 141})).toEqual({
			machine,
			package: {bytes: 300_000, unpackedBytes: 3_000_000, files: 141},
			options: {runs: 10, warmup: 2, groups: ['startup', 'diagnose', 'search', 'memory'], sizes: [10, 50, 200]},
			figures: [{
				id: 'diagnose.200',
				group: 'diagnose',
				label: 'unblock diagnose --json, 200 containers',
				unit: 'ms',
				samples: {count: 3, min: 300, p25: 305.062, median: 310.123, p75: 315.062, p99: 319.802, max: 320},
				baseline: {label: 'docker CLI job', samples: {count: 3, min: 2100, p25: 2150, median: 2200, p75: 2250, p99: 2298, max: 2300}},
				ratio: 0.141,
				target: {statistic: 'ratio', atMost: 0.15, text: '≤ 0.15x'},
				judged: 0.141,
				met: true,
				note: 'docker CLI job: ps -a, inspect all, logs --tail 50 of each',
			}],
			omitted: [omission],
			targets: {judged: 1, met: 1},
		});
	});

	it('writes null where a figure has no baseline or target, and where no package was installed', () => {
		const results = buildResultsFile(machine, defaultOptions, [assessFigure({id: 'memory.help', group: 'memory', label: 'unblock --help: peak memory', unit: 'MB', samples: summarize([42])})], []);
		expect(results.package).toBeNull();
		expect(results.figures[0]).toMatchObject({baseline: null, ratio: null, target: null, judged: null, met: null, note: null});
	});
});
