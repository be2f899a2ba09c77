import Fuse from 'fuse.js';

/**
 * The known word a mistyped one most likely means, by fuse.js over the index's words that start
 * with the same letter (a typo rarely hits the first letter). fuse.js forgives a quarter of the
 * word's letters as errors, anywhere in a known word; at twenty thousand entries one letter still
 * holds thousands of words, so each query first rules out the words that cannot be within reach.
 *
 * The rule-out is exact, so the answer is what fuse.js over the whole letter would give: a word
 * of m letters found with at most k edits inside a known word leaves at least m - 1 - 2k of its
 * m - 1 letter pairs intact (each edit breaks at most two), and every intact pair is in the known
 * word. Words sharing fewer pairs, or shorter than m - k, cannot match; fuse.js ranks the rest.
 */

const threshold = 0.25;
/** fuse.js matches words of up to 32 letters in one piece; longer ones skip the rule-out. */
const longestFiltered = 32;
const shortestKnownWord = 4;

type Bucket = {
	readonly words: readonly string[];
	/** Letter pair → positions in `words` of the words that hold it. */
	readonly pairs: ReadonlyMap<number, readonly number[]>;
};

export class TypoCorrector {
	private buckets?: Map<string, string[]>;
	private readonly indexed = new Map<string, Bucket>();

	/** `words` is read on the first correction only: most queries need none. */
	constructor(private readonly words: () => Iterable<string>) {}

	correct(word: string): string | undefined {
		const bucket = this.bucket(word[0] ?? '');
		if (!bucket) {
			return undefined;
		}

		const candidates = word.length > longestFiltered ? bucket.words : withinReach(bucket, word);
		if (candidates.length === 0) {
			return undefined;
		}

		const fuse = new Fuse(candidates, {includeScore: true, threshold, ignoreLocation: true, minMatchCharLength: 3});
		const [best] = fuse.search(word, {limit: 1});
		return best && (best.score ?? 1) <= threshold ? best.item : undefined;
	}

	private bucket(letter: string): Bucket | undefined {
		if (!this.buckets) {
			this.buckets = new Map();
			for (const word of this.words()) {
				if (word.length >= shortestKnownWord) {
					const list = this.buckets.get(word[0]!);
					if (list) {
						list.push(word);
					} else {
						this.buckets.set(word[0]!, [word]);
					}
				}
			}
		}

		let bucket = this.indexed.get(letter);
		const words = this.buckets.get(letter);
		if (!bucket && words) {
			bucket = {words, pairs: letterPairs(words)};
			this.indexed.set(letter, bucket);
		}

		return bucket;
	}
}

function pairKey(word: string, at: number): number {
	return (word.charCodeAt(at) * 0x1_00_00) + word.charCodeAt(at + 1);
}

function letterPairs(words: readonly string[]): Map<number, number[]> {
	const pairs = new Map<number, number[]>();
	for (const [position, word] of words.entries()) {
		for (let at = 0; at + 1 < word.length; at++) {
			const key = pairKey(word, at);
			const list = pairs.get(key);
			if (!list) {
				pairs.set(key, [position]);
			} else if (list.at(-1) !== position) {
				list.push(position);
			}
		}
	}

	return pairs;
}

/** The bucket's words that fuse.js could match `word` in, in the bucket's order (its tie-break). */
function withinReach(bucket: Bucket, word: string): string[] {
	const errors = Math.floor(threshold * word.length);
	const needed = word.length - 1 - (2 * errors);
	const shortest = word.length - errors;
	if (needed <= 0) {
		return bucket.words.filter(known => known.length >= shortest);
	}

	// How many of the word's pair positions each known word holds.
	const perPair = new Map<number, number>();
	for (let at = 0; at + 1 < word.length; at++) {
		const key = pairKey(word, at);
		perPair.set(key, (perPair.get(key) ?? 0) + 1);
	}

	const shared = new Uint8Array(bucket.words.length);
	const touched: number[] = [];
	for (const [key, count] of perPair) {
		for (const position of bucket.pairs.get(key) ?? []) {
			if (shared[position] === 0) {
				touched.push(position);
			}

			shared[position]! += count;
		}
	}

	const reachable: number[] = [];
	for (const position of touched) {
		if (shared[position]! >= needed && bucket.words[position]!.length >= shortest) {
			reachable.push(position);
		}
	}

	return reachable.sort((left, right) => left - right).map(position => bucket.words[position]!);
}
