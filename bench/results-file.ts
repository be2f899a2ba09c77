/** The shape of bench/results.json: the machine, the options, and every figure with what it was judged by. */
import type {BenchmarkOptions} from './benchmark-flags.js';
import type {AssessedFigure, Omission, Unit} from './figure.js';
import type {Machine} from './machine.js';
import type {Summary} from './statistics.js';
import {describeTarget, type Target} from './targets.js';

export type FigureJson = {
	readonly id: string;
	readonly group: string;
	readonly label: string;
	readonly unit: Unit;
	readonly samples: Summary;
	readonly baseline: {readonly label: string; readonly samples: Summary} | null;
	/** Median over the baseline's median. */
	readonly ratio: number | null;
	readonly target: (Target & {readonly text: string}) | null;
	/** The value compared with the target (the ratio, median or p99), and whether it met it. */
	readonly judged: number | null;
	readonly met: boolean | null;
	readonly note: string | null;
};

/** The tarball the figures' installed package came from. */
export type PackageFacts = {readonly bytes: number; readonly unpackedBytes: number; readonly files: number};

export type ResultsFile = {
	readonly machine: Machine;
	readonly package: PackageFacts | null;
	readonly options: {readonly runs: number; readonly warmup: number; readonly groups: readonly string[]; readonly sizes: readonly number[]};
	readonly figures: readonly FigureJson[];
	readonly omitted: readonly Omission[];
	readonly targets: {readonly judged: number; readonly met: number};
};

export function buildResultsFile(machine: Machine, options: BenchmarkOptions, figures: readonly AssessedFigure[], omissions: readonly Omission[], packed?: PackageFacts): ResultsFile {
	return {
		machine,
		package: packed ?? null,
		options: {runs: options.runs, warmup: options.warmup, groups: options.groups, sizes: options.sizes},
		figures: figures.map(figure => ({
			id: figure.id,
			group: figure.group,
			label: figure.label,
			unit: figure.unit,
			samples: rounded(figure.samples),
			baseline: figure.baseline ? {label: figure.baseline.label, samples: rounded(figure.baseline.samples)} : null,
			ratio: figure.ratio === undefined ? null : round(figure.ratio),
			target: figure.target ? {...figure.target, text: describeTarget(figure.target, figure.unit)} : null,
			judged: figure.outcome ? round(figure.outcome.value) : null,
			met: figure.outcome?.met ?? null,
			note: figure.note ?? null,
		})),
		omitted: omissions,
		targets: {judged: figures.filter(figure => figure.outcome).length, met: figures.filter(figure => figure.outcome?.met).length},
	};
}

function rounded(summary: Summary): Summary {
	return {
		count: summary.count,
		min: round(summary.min),
		p25: round(summary.p25),
		median: round(summary.median),
		p75: round(summary.p75),
		p99: round(summary.p99),
		max: round(summary.max),
	};
}

function round(value: number): number {
	return Math.round(value * 1000) / 1000;
}
