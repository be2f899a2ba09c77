/** What every group of figures gets: where the CLI is, the options, and where figures and omissions go. */
import type {BenchmarkOptions} from './benchmark-flags.js';
import type {BenchmarkGroup, Figure, Omission} from './figure.js';
import {summarize} from './statistics.js';
import {timeInterleaved} from './process-timer.js';
import type {Target} from './targets.js';

export type BenchmarkContext = {
	readonly root: string;
	readonly options: BenchmarkOptions;
	/** The environment of every timed process (timingEnvironment). */
	readonly env: NodeJS.ProcessEnv;
	readonly figures: Figure[];
	readonly omissions: Omission[];
	/** A line of progress on stderr. */
	readonly progress: (text: string) => void;
};

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
};

/** A timed figure and its baseline, interleaved run by run. */
export async function measurePaired(context: BenchmarkContext, spec: PairedFigureSpec): Promise<Figure> {
	const samples = await timeInterleaved(context.options.runs, context.options.warmup, {measured: spec.measured, baseline: spec.baseline.run});
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
