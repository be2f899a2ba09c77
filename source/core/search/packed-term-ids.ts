/**
 * The terms of a prebuilt index as one string, looked up by binary search: a search asks for the
 * ids of its query's few terms, and making ~10,000 strings and a Map of them at every start cost
 * more (~3 ms and most of a garbage collection) than all its lookups. Anything that walks the terms
 * gets a Map made on first use, in id order as the index built it.
 */
export type PackedTerms = {
	/** Every term, in id order, each followed by a line break. */
	readonly text: string;
	/** Where term i starts in `text`; one more entry, where the text ends. */
	readonly starts: Int32Array;
	/** The ids in the order of their terms, as `<` orders strings. */
	readonly sorted: Int32Array;
};

export function packTerms(terms: readonly string[]): PackedTerms {
	const text = termLines(terms);
	const starts = new Int32Array(terms.length + 1);
	for (const [id, term] of terms.entries()) {
		starts[id + 1] = starts[id]! + term.length + 1;
	}

	const sorted = Int32Array.from(terms.keys()).sort((left, right) => compareStrings(terms[left]!, terms[right]!));
	return {text, starts, sorted};
}

/** Each text followed by a line break, in one string. */
export function termLines(texts: readonly string[]): string {
	if (texts.some(text => text.includes('\n'))) {
		throw new Error('a term of the search index holds a line break: the stored index keeps one term a line');
	}

	return texts.map(text => `${text}\n`).join('');
}

export class PackedTermIds implements ReadonlyMap<string, number> {
	private map: Map<string, number> | undefined;

	constructor(private readonly packed: PackedTerms) {}

	get size(): number {
		return this.packed.sorted.length;
	}

	get(term: string): number | undefined {
		const {sorted} = this.packed;
		let low = 0;
		let high = sorted.length - 1;
		while (low <= high) {
			const middle = (low + high) >>> 1;
			const order = this.compareWith(term, sorted[middle]!);
			if (order === 0) {
				return sorted[middle];
			}

			if (order < 0) {
				high = middle - 1;
			} else {
				low = middle + 1;
			}
		}

		return undefined;
	}

	has(term: string): boolean {
		return this.get(term) !== undefined;
	}

	forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArgument?: unknown): void {
		for (const [key, value] of this.asMap()) {
			callback.call(thisArgument, value, key, this);
		}
	}

	entries(): MapIterator<[string, number]> {
		return this.asMap().entries();
	}

	keys(): MapIterator<string> {
		return this.asMap().keys();
	}

	values(): MapIterator<number> {
		return this.asMap().values();
	}

	[Symbol.iterator](): MapIterator<[string, number]> {
		return this.entries();
	}

	/** `term` against the term of this id, as `<` orders strings, without making a string of the latter. */
	private compareWith(term: string, id: number): number {
		const {text, starts} = this.packed;
		const start = starts[id]!;
		const length = starts[id + 1]! - 1 - start;
		const common = Math.min(term.length, length);
		for (let at = 0; at < common; at++) {
			const difference = term.charCodeAt(at) - text.charCodeAt(start + at);
			if (difference !== 0) {
				return difference;
			}
		}

		return term.length - length;
	}

	private asMap(): Map<string, number> {
		if (!this.map) {
			const {text, starts} = this.packed;
			this.map = new Map();
			for (let id = 0; id + 1 < starts.length; id++) {
				this.map.set(text.slice(starts[id], starts[id + 1]! - 1), id);
			}
		}

		return this.map;
	}
}

function compareStrings(left: string, right: string): number {
	return left < right ? -1 : (left > right ? 1 : 0);
}
