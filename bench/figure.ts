/** One measured figure of the benchmark, its baseline from the same run, and how it fares against its target. */
import type {Summary} from './statistics.js';
import {ratio} from './statistics.js';
import {evaluateTarget, type Target, type TargetOutcome} from './targets.js';

export const benchmarkGroups = ['startup', 'diagnose', 'search', 'memory'] as const;
export type BenchmarkGroup = typeof benchmarkGroups[number];

export type Unit = 'ms' | 'MB';

export type Measured = {
	readonly label: string;
	readonly samples: Summary;
};

export type Figure = Measured & {
	/** Stable key in results.json: `startup.version`, `diagnose.200`. */
	readonly id: string;
	readonly group: BenchmarkGroup;
	readonly unit: Unit;
	readonly baseline?: Measured;
	readonly target?: Target;
	readonly note?: string;
};

export type AssessedFigure = Figure & {
	/** The figure's median over its baseline's. */
	readonly ratio?: number;
	readonly outcome?: TargetOutcome;
};

/** A figure that was not measured: skipped on purpose (no engine) or failed while running. */
export type Omission = {
	readonly group: BenchmarkGroup;
	readonly label: string;
	readonly kind: 'skipped' | 'failed';
	readonly reason: string;
};

export function assessFigure(figure: Figure): AssessedFigure {
	const figureRatio = figure.baseline ? ratio(figure.samples.median, figure.baseline.samples.median) : undefined;
	const outcome = figure.target ? evaluateTarget(figure.target, figure.samples, figure.baseline?.samples) : undefined;
	return {
		...figure,
		...(figureRatio === undefined ? {} : {ratio: figureRatio}),
		...(outcome ? {outcome} : {}),
	};
}
