/**
 * A seeded pseudo-random generator (mulberry32) for the fuzz suites: the same seed gives the same
 * inputs on every machine, so a failure names its seed and reproduces.
 */
export type Random = {
	/** A float in [0, 1). */
	next(): number;
	/** An integer in [minimum, maximum]. */
	integer(minimum: number, maximum: number): number;
	pick<T>(items: readonly T[]): T;
	bytes(length: number): Buffer;
};

export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6D_2B_79_F5) >>> 0;
		let value = state;
		value = Math.imul(value ^ (value >>> 15), value | 1);
		value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
		return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
	};

	const integer = (minimum: number, maximum: number) => minimum + Math.floor(next() * (maximum - minimum + 1));
	return {
		next,
		integer,
		pick: items => items[integer(0, items.length - 1)]!,
		bytes(length) {
			const buffer = Buffer.alloc(length);
			for (let index = 0; index < length; index++) {
				buffer[index] = integer(0, 255);
			}

			return buffer;
		},
	};
}
