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

/**
 * Rejects with a TimeoutError when `task` has not settled in time, and aborts its signal so the
 * request behind it is torn down rather than left hanging on a socket that never answers.
 */
export async function withTimeout<T>(timeoutMs: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const controller = new AbortController();
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_resolve, reject) => {
		timer = setTimeout(() => {
			const error = Object.assign(new Error(`timed out after ${timeoutMs} ms`), {code: 'ETIMEDOUT'});
			controller.abort(error);
			reject(error);
		}, timeoutMs);
	});

	try {
		return await Promise.race([task(controller.signal), timeout]);
	} finally {
		clearTimeout(timer);
	}
}
