/**
 * A set of characters: 128 ASCII bits, one for ſ and the Kelvin sign (which Unicode case folding
 * reads as s and k) and one for every other character beyond ASCII. Beyond ASCII it over-estimates,
 * which only makes the check stricter.
 */
export type CharacterSet = Uint32Array;

export const foldingBit = 128;
export const otherBit = 129;
const setWords = 5;

export function emptySet(): CharacterSet {
	return new Uint32Array(setWords);
}

export function add(set: CharacterSet, ...codes: number[]): CharacterSet {
	for (const code of codes) {
		set[code >>> 5]! |= 1 << (code & 31);
	}

	return set;
}

/** The characters from one code point to another. */
export function range(from: number, to: number): CharacterSet {
	const set = emptySet();
	for (let code = from; code <= Math.min(to, 127); code++) {
		add(set, code);
	}

	if ((from <= 0x17F && to >= 0x17F) || (from <= 0x21_2A && to >= 0x21_2A)) {
		add(set, foldingBit);
	}

	return to >= 128 ? add(set, otherBit) : set;
}

export function has(set: CharacterSet, code: number): boolean {
	return (set[code >>> 5]! & (1 << (code & 31))) !== 0;
}

export function intersection(left: CharacterSet, right: CharacterSet): CharacterSet {
	return left.map((word, at) => word & right[at]!);
}

export function intersects(left: CharacterSet, right: CharacterSet): boolean {
	return left.some((word, at) => (word & right[at]!) !== 0);
}

export function merge(target: CharacterSet, ...sources: CharacterSet[]): CharacterSet {
	for (const source of sources) {
		for (let at = 0; at < setWords; at++) {
			target[at]! |= source[at]!;
		}
	}

	return target;
}

/** Every ASCII character not in the set, and always every one beyond ASCII. */
export function complement(set: CharacterSet): CharacterSet {
	return set.map((word, at) => at === setWords - 1 ? 0b11 : ~word);
}
