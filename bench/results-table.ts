/** The table `npm run bench` prints: one row per figure, grouped, columns aligned, plain text. */
import type {AssessedFigure, Omission, Unit} from './figure.js';
import {describeTarget} from './targets.js';

const headings = ['figure', 'median', 'p99', 'p25–p75', 'min–max', 'runs', 'baseline', 'ratio', 'target', 'result'] as const;

/** 3.14 ms, 42.5 ms, 172 ms; 96.2 MB. */
export function formatQuantity(value: number, unit: Unit): string {
	return `${formatNumber(value, unit)} ${unit}`;
}

export function formatRatio(value: number): string {
	return `${value.toFixed(2)}x`;
}

export function formatResult(figure: AssessedFigure): string {
	if (!figure.target) {
		return '';
	}

	if (!figure.outcome) {
		return 'n/a';
	}

	return figure.outcome.met ? 'pass' : 'miss';
}

export function figureRow(figure: AssessedFigure): string[] {
	return [
		figure.label,
		formatQuantity(figure.samples.median, figure.unit),
		formatNumber(figure.samples.p99, figure.unit),
		range(figure.samples.p25, figure.samples.p75, figure.unit),
		range(figure.samples.min, figure.samples.max, figure.unit),
		String(figure.samples.count),
		figure.baseline ? `${figure.baseline.label}: ${formatQuantity(figure.baseline.samples.median, figure.unit)}` : '',
		figure.ratio === undefined ? '' : formatRatio(figure.ratio),
		figure.target ? describeTarget(figure.target, figure.unit) : '',
		formatResult(figure),
	];
}

/** Every figure under its group's name, then what was skipped or failed, then the pass/miss count. */
export function formatResultsTable(figures: readonly AssessedFigure[], omissions: readonly Omission[] = []): string {
	const rows = figures.map(figureRow);
	const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
	const lines = figures.length > 0 ? [line(headings)] : ['No figures measured.'];
	let group: string | undefined;
	for (const [index, figure] of figures.entries()) {
		if (figure.group !== group) {
			group = figure.group;
			lines.push('', `[${group}]`);
		}

		lines.push(line(rows[index]!));
	}

	if (omissions.length > 0) {
		lines.push('');
		for (const omission of omissions) {
			lines.push(`${omission.kind} [${omission.group}] ${omission.label}: ${omission.reason}`);
		}
	}

	const judged = figures.filter(figure => figure.outcome);
	const met = judged.filter(figure => figure.outcome?.met).length;
	lines.push('', `${met} of ${judged.length} targets met${judged.length > met ? `; missed: ${judged.filter(figure => !figure.outcome?.met).map(figure => figure.label).join(', ')}` : ''}`);
	return `${lines.join('\n')}\n`;
}

/** "70.0–74.0"; a bound the measurement did not report is "?". */
function range(low: number, high: number, unit: Unit): string {
	if (!Number.isFinite(low) && !Number.isFinite(high)) {
		return '?';
	}

	return `${formatNumber(low, unit)}–${formatNumber(high, unit)}`;
}

function formatNumber(value: number, unit: Unit): string {
	if (!Number.isFinite(value)) {
		return '?';
	}

	if (unit === 'MB') {
		return value.toFixed(1);
	}

	const magnitude = Math.abs(value);
	return value.toFixed(magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}
