/** What every group of figures gets: the CLI under test, the options, and where figures and omissions go. */
import type {CommandSetting} from './benchmark-commands.js';
import type {BenchmarkOptions} from './benchmark-flags.js';
import type {BenchmarkGroup, Figure, Omission} from './figure.js';
import type {CliUnderTest} from './installed-package.js';
import {summarize} from './statistics.js';
import {timeInterleaved} from './process-timer.js';
import type {Target} from './targets.js';

export type BenchmarkContext = {
	/** The checkout the benchmark runs from. */
	readonly root: string;
	/** What the figures time: the installed package. */
	readonly cli: CliUnderTest;
	/** The checkout's dist/cli.js, timed beside it where the two are compared. */
	readonly checkout: CliUnderTest;
	/** The working directory of every timed command: outside the checkout, as a user's project is. */
	readonly workDirectory: string;
	readonly options: BenchmarkOptions;
	/** The environment of every timed process (timingEnvironment). */
	readonly env: NodeJS.ProcessEnv;
	readonly figures: Figure[];
	readonly omissions: Omission[];
	/** A line of progress on stderr. */
	readonly progress: (text: string) => void;
};

/** How to start the CLI under test (or another) in the benchmark's working directory. */
export function commandSetting(context: BenchmarkContext, env: NodeJS.ProcessEnv = context.env, cli: CliUnderTest = context.cli): CommandSetting {
	return {cli, cwd: context.workDirectory, env};
}

/** Runs one figure's measurement; a failure is recorded as an omission and the benchmark goes on. */
export async function recordFigure(context: BenchmarkContext, group: BenchmarkGroup, label: string, measure: () => Promise<Figure | Figure[]>): Promise<void> {
	context.progress(`${group}: ${label}`);
	try {
		const measured = await measure();
		context.figures.push(...(Array.isArray(measured) ? measured : [measured]));
	} catch (error) {
		context.omissions.push({group, label, kind: 'failed', reason: error instanceof Error ? error.message : String(error)});
	}
}

export type PairedFigureSpec = {
	readonly id: string;
	readonly group: BenchmarkGroup;
	readonly label: string;
	readonly target?: Target;
	readonly note?: string;
	readonly measured: () => Promise<number>;
	readonly baseline: {readonly label: string; readonly run: () => Promise<number>};
	/** Timed runs of each side, where --runs is too few to tell a small difference from noise. */
	readonly runs?: number;
};

/** A timed figure and its baseline, interleaved run by run. */
export async function measurePaired(context: BenchmarkContext, spec: PairedFigureSpec): Promise<Figure> {
	const samples = await timeInterleaved(spec.runs ?? context.options.runs, context.options.warmup, {measured: spec.measured, baseline: spec.baseline.run});
	return {
		id: spec.id,
		group: spec.group,
		label: spec.label,
		unit: 'ms',
		samples: summarize(samples.measured),
		baseline: {label: spec.baseline.label, samples: summarize(samples.baseline)},
		...(spec.target ? {target: spec.target} : {}),
		...(spec.note ? {note: spec.note} : {}),
	};
}
