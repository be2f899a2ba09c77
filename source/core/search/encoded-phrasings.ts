import type {CompiledPhrasing, PhrasingIndex} from './phrasing-index.js';

/**
 * Phrasings by their first stem, as a build stores them for the shipped vocabulary: each first
 * stem's phrasings in one string, decoded when a text first holds that stem. Start-up then parses
 * some nine hundred strings instead of twelve hundred phrasings' objects and arrays, and a query
 * decodes the few its words begin (~2 ms of a cold search).
 *
 * A phrasing is written `concept:stem stem ~stem`, `~` where a gap may stand before the word; a
 * stem's phrasings are joined by `;`. Stems hold no space, colon, semicolon or leading tilde (the
 * tokenizer's words cannot), and encoding checks it.
 */
export type EncodedPhrasings = {
	readonly stems: readonly string[];
	/** The phrasings of `stems[i]`, encoded. */
	readonly phrasings: readonly string[];
};

export function encodePhrasings(index: PhrasingIndex): EncodedPhrasings {
	const stems: string[] = [];
	const phrasings: string[] = [];
	for (const [stem, list] of index.entries()) {
		stems.push(stem);
		phrasings.push(list.map(phrasing => `${phrasing.concept}:${phrasing.stems.map((word, position) => `${phrasing.gapBefore[position] ? '~' : ''}${checkedStem(word)}`).join(' ')}`).join(';'));
	}

	return {stems, phrasings};
}

export class EncodedPhrasingIndex implements PhrasingIndex {
	private readonly encoded = new Map<string, string>();
	private readonly decoded = new Map<string, readonly CompiledPhrasing[]>();

	constructor({stems, phrasings}: EncodedPhrasings) {
		for (let position = 0; position < stems.length; position++) {
			this.encoded.set(stems[position]!, phrasings[position]!);
		}
	}

	get size(): number {
		return this.encoded.size;
	}

	get(stem: string): readonly CompiledPhrasing[] | undefined {
		let phrasings = this.decoded.get(stem);
		if (phrasings === undefined) {
			const encoded = this.encoded.get(stem);
			if (encoded === undefined) {
				return undefined;
			}

			phrasings = encoded.split(';').map(phrasing => decodePhrasing(phrasing));
			this.decoded.set(stem, phrasings);
		}

		return phrasings;
	}

	* entries(): IterableIterator<[string, readonly CompiledPhrasing[]]> {
		for (const stem of this.encoded.keys()) {
			yield [stem, this.get(stem)!];
		}
	}

	* values(): IterableIterator<readonly CompiledPhrasing[]> {
		for (const [, phrasings] of this.entries()) {
			yield phrasings;
		}
	}
}

function decodePhrasing(encoded: string): CompiledPhrasing {
	const colon = encoded.indexOf(':');
	const words = encoded.slice(colon + 1).split(' ');
	return {
		concept: Number(encoded.slice(0, colon)),
		stems: words.map(word => word.startsWith('~') ? word.slice(1) : word),
		gapBefore: words.map(word => word.startsWith('~')),
	};
}

function checkedStem(stem: string): string {
	if (stem === '' || /[\s:;]|^~/.test(stem)) {
		throw new Error(`the stem "${stem}" cannot be stored encoded: a stem holds no space, colon, semicolon or leading tilde`);
	}

	return stem;
}
