import {describe, expect, it} from 'vitest';
import {BenchmarkFlagError, defaultOptions, parseBenchmarkFlags} from '../../bench/benchmark-flags.js';

function errorOf(argv: string[]): string {
	const parsed = parseBenchmarkFlags(argv);
	return parsed instanceof BenchmarkFlagError ? `${parsed.flag}: ${parsed.message}` : 'parsed';
}

describe('parseBenchmarkFlags', () => {
	it('runs everything ten times at 10, 50 and 200 containers by default', () => {
		expect(parseBenchmarkFlags([])).toEqual({runs: 10, warmup: 2, groups: ['startup', 'diagnose', 'search', 'memory'], sizes: [10, 50, 200], help: false});
	});

	it('reads values after the flag or after "="', () => {
		expect(parseBenchmarkFlags(['--runs', '5', '--warmup=0', '--only', 'search'])).toEqual({...defaultOptions, runs: 5, warmup: 0, groups: ['search']});
	});

	it('keeps groups in the order they run, whatever order they are named in', () => {
		expect(parseBenchmarkFlags(['--only', 'memory,startup'])).toEqual({...defaultOptions, groups: ['startup', 'memory']});
	});

	it('sorts container counts and drops repeats', () => {
		expect(parseBenchmarkFlags(['--sizes', '200, 10,10'])).toEqual({...defaultOptions, sizes: [10, 200]});
	});

	it('asks for help', () => {
		expect(parseBenchmarkFlags(['--help'])).toEqual({...defaultOptions, help: true});
	});

	it.each([
		[['--runs', '0'], '--runs: --runs needs a whole number of at least 1, not "0"'],
		[['--runs', '2.5'], '--runs: --runs needs a whole number of at least 1, not "2.5"'],
		[['--runs'], '--runs: --runs needs a value'],
		[['--warmup', '-1'], '--warmup: --warmup needs a whole number, 0 or more, not "-1"'],
		[['--only', 'startup,disk'], '--only: --only takes startup, diagnose, search, memory (comma-separated), not "disk"'],
		[['--sizes', '10,lots'], '--sizes: --sizes needs container counts of at least 1, comma-separated (10,50,200), not "10,lots"'],
		[['--size', '10'], '--size: unknown flag --size: the flags are --runs, --warmup, --only, --sizes and --help'],
		[['diagnose'], 'diagnose: unexpected argument "diagnose": the benchmark takes only flags (--help lists them)'],
	])('refuses %j, naming the flag', (argv, expected) => {
		expect(errorOf(argv)).toBe(expected);
	});
});
