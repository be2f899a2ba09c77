/** What a set of samples looks like: the median and how far the rest spread around it. */
export type Summary = {
	readonly count: number;
	readonly min: number;
	readonly p25: number;
	readonly median: number;
	readonly p75: number;
	readonly p99: number;
	readonly max: number;
};

/**
 * The value below which `fraction` of the samples fall, interpolated between the two nearest
 * ranks (so the median of 1, 2, 3, 4 is 2.5). `sorted` must be in ascending order.
 */
export function percentile(sorted: readonly number[], fraction: number): number {
	if (sorted.length === 0) {
		throw new RangeError('percentile of no samples');
	}

	const position = Math.min(1, Math.max(0, fraction)) * (sorted.length - 1);
	const lower = Math.floor(position);
	const upper = Math.ceil(position);
	const below = sorted[lower]!;
	const above = sorted[upper]!;
	return below + ((above - below) * (position - lower));
}

export function median(samples: readonly number[]): number {
	return percentile(ascending(samples), 0.5);
}

export function summarize(samples: readonly number[]): Summary {
	const sorted = ascending(samples);
	return {
		count: sorted.length,
		min: sorted[0]!,
		p25: percentile(sorted, 0.25),
		median: percentile(sorted, 0.5),
		p75: percentile(sorted, 0.75),
		p99: percentile(sorted, 0.99),
		max: sorted.at(-1)!,
	};
}

/** measured / baseline, or undefined when the baseline is not a positive number. */
export function ratio(measured: number, baseline: number): number | undefined {
	return Number.isFinite(measured) && Number.isFinite(baseline) && baseline > 0 ? measured / baseline : undefined;
}

function ascending(samples: readonly number[]): number[] {
	if (samples.length === 0) {
		throw new RangeError('no samples to summarise');
	}

	return [...samples].sort((left, right) => left - right);
}
