/** Runs at most `limit` tasks at once; the rest wait their turn in order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(limit: number): Limiter {
	let active = 0;
	const waiting: Array<() => void> = [];

	// A finished task hands its slot straight to the next waiter, so a new caller can never slip in between.
	const release = () => {
		const next = waiting.shift();
		if (next) {
			next();
		} else {
			active--;
		}
	};

	return async <T>(task: () => Promise<T>): Promise<T> => {
		if (active >= limit) {
			await new Promise<void>(resolve => {
				waiting.push(resolve);
			});
		} else {
			active++;
		}

		try {
			return await task();
		} finally {
			release();
		}
	};
}
