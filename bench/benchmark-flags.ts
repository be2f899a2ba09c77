/** `npm run bench -- [--runs N] [--warmup N] [--only group,...] [--sizes 10,50,200]`, parsed without side effects. */
import {benchmarkGroups, type BenchmarkGroup} from './figure.js';

export type BenchmarkOptions = {
	/** Timed runs of each command and of its baseline. */
	readonly runs: number;
	/** Untimed runs of each first. */
	readonly warmup: number;
	readonly groups: readonly BenchmarkGroup[];
	/** Container counts for diagnose, ascending; the largest also serves the rescan and the wizard's memory. */
	readonly sizes: readonly number[];
	readonly help: boolean;
};

export const defaultOptions: BenchmarkOptions = {runs: 10, warmup: 2, groups: benchmarkGroups, sizes: [10, 50, 200], help: false};

export const benchmarkUsage = `Usage
  $ npm run bench -- [options]

Options
  --runs N             timed runs of each command and of its baseline (default ${defaultOptions.runs})
  --warmup N           untimed runs first (default ${defaultOptions.warmup})
  --only GROUP[,...]   ${benchmarkGroups.join(', ')} (default: all)
  --sizes N[,...]      container counts for diagnose (default ${defaultOptions.sizes.join(',')})
  --help               this text

Writes bench/results.json. Exit 0 when it ran (a missed target is reported, not a failure),
1 when a figure could not be measured, 2 on bad flags, or without a Docker engine when
UNBLOCK_REQUIRE_DOCKER=1.
`;

export class BenchmarkFlagError extends Error {
	constructor(readonly flag: string, message: string) {
		super(message);
		this.name = 'BenchmarkFlagError';
	}
}

/** Parses the arguments; a bad flag or value comes back as a BenchmarkFlagError naming it. */
export function parseBenchmarkFlags(argv: readonly string[]): BenchmarkOptions | BenchmarkFlagError {
	let options = defaultOptions;
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index]!;
		const [flag, inline] = splitFlag(argument);
		if (flag === '--help' || flag === '-h') {
			options = {...options, help: true};
			continue;
		}

		if (!['--runs', '--warmup', '--only', '--sizes'].includes(flag)) {
			return new BenchmarkFlagError(flag, argument.startsWith('-')
				? `unknown flag ${flag}: the flags are --runs, --warmup, --only, --sizes and --help`
				: `unexpected argument "${argument}": the benchmark takes only flags (--help lists them)`);
		}

		const value = inline ?? argv[++index];
		if (value === undefined || value === '') {
			return new BenchmarkFlagError(flag, `${flag} needs a value`);
		}

		const parsed = parseValue(flag, value);
		if (parsed instanceof BenchmarkFlagError) {
			return parsed;
		}

		options = {...options, ...parsed};
	}

	return options;
}

function parseValue(flag: string, value: string): Partial<BenchmarkOptions> | BenchmarkFlagError {
	switch (flag) {
		case '--runs': {
			const runs = wholeNumber(value);
			return runs === undefined || runs < 1 ? new BenchmarkFlagError(flag, `--runs needs a whole number of at least 1, not "${value}"`) : {runs};
		}

		case '--warmup': {
			const warmup = wholeNumber(value);
			return warmup === undefined ? new BenchmarkFlagError(flag, `--warmup needs a whole number, 0 or more, not "${value}"`) : {warmup};
		}

		case '--only': {
			const groups = value.split(',').map(group => group.trim());
			const unknown = groups.find(group => !(benchmarkGroups as readonly string[]).includes(group));
			return unknown === undefined
				? {groups: benchmarkGroups.filter(group => groups.includes(group))}
				: new BenchmarkFlagError(flag, `--only takes ${benchmarkGroups.join(', ')} (comma-separated), not "${unknown}"`);
		}

		default: {
			const sizes = value.split(',').map(size => wholeNumber(size.trim()));
			return sizes.some(size => size === undefined || size < 1)
				? new BenchmarkFlagError(flag, `--sizes needs container counts of at least 1, comma-separated (10,50,200), not "${value}"`)
				: {sizes: [...new Set(sizes as number[])].sort((left, right) => left - right)};
		}
	}
}

function splitFlag(argument: string): [string, string | undefined] {
	const equals = argument.indexOf('=');
	return argument.startsWith('--') && equals > 0 ? [argument.slice(0, equals), argument.slice(equals + 1)] : [argument, undefined];
}

function wholeNumber(text: string): number | undefined {
	return /^\d+$/.test(text) ? Number(text) : undefined;
}
