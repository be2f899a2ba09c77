import {stemmer} from 'stemmer';
import {splitGluedExitCode} from './glued-exit-code.js';

/**
 * Text as a run of words for phrase matching: unlike search terms, glue words and negations stay
 * ("can't connect" is a phrase, "connect" alone is not), contractions are spelled out so that
 * "can't", "cant" and "cannot" read alike, and each word is stemmed so "refuses" meets "refused".
 */
export type PhraseWord = {
	/** The word as written, lowercase, contraction spelled out. */
	readonly word: string;
	readonly stem: string;
	/** Where the written word starts and ends in the text. */
	readonly start: number;
	readonly end: number;
};

/**
 * Words, split at every punctuation mark but an apostrophe inside a word; an arrow between two
 * words is a word too, "then", since people write a run of states as "starting -> unhealthy ->
 * healthy". An arrow after a number or a bracket is a port mapping (8080->80/tcp) or code.
 */
const wordPattern = /[a-z\d]+(?:['\u2019][a-z]+)?|->|=>|\u2192|\u21D2/g;
const arrows = new Set(['->', '=>', '\u2192', '\u21D2']);

/** "doesn't" and "doesnt" alike: the word before the negation, and the negation. */
const negatedContractions = new Map<string, string>([
	['can\'t', 'can'], ['cant', 'can'], ['cannot', 'can'], ['won\'t', 'will'], ['wont', 'will'],
	['don\'t', 'do'], ['dont', 'do'], ['doesn\'t', 'does'], ['doesnt', 'does'], ['didn\'t', 'did'], ['didnt', 'did'],
	['isn\'t', 'is'], ['isnt', 'is'], ['aren\'t', 'are'], ['arent', 'are'], ['wasn\'t', 'was'], ['wasnt', 'was'],
	['weren\'t', 'were'], ['couldn\'t', 'could'], ['couldnt', 'could'], ['wouldn\'t', 'would'], ['wouldnt', 'would'],
	['shouldn\'t', 'should'], ['haven\'t', 'have'], ['havent', 'have'], ['hasn\'t', 'has'], ['hasnt', 'has'],
	['hadn\'t', 'had'], ['ain\'t', 'is'],
]);

const stems = new Map<string, string>();

/** A word's stem, remembered: the same few thousand words come back in every text. */
export function stemOf(word: string): string {
	let stem = stems.get(word);
	if (stem === undefined) {
		stem = /^\d+$/.test(word) || word.length < 3 ? word : stemmer(word);
		if (stems.size >= 100_000) {
			stems.clear();
		}

		stems.set(word, stem);
	}

	return stem;
}

/**
 * `mayStem` says whether a word could be any phrasing's word at all; the others are not stemmed
 * (their stem is left empty), which spares most of a pasted log's words the stemmer.
 */
export function phraseWords(text: string, mayStem?: (word: string) => boolean): PhraseWord[] {
	const words: PhraseWord[] = [];
	const lower = text.toLowerCase();
	wordPattern.lastIndex = 0;
	for (let match = wordPattern.exec(lower); match !== null; match = wordPattern.exec(lower)) {
		const written = match[0].includes('\u2019') ? match[0].replaceAll('\u2019', '\'') : match[0];
		const start = match.index;
		const end = start + written.length;
		if (arrows.has(written)) {
			if (/[a-z]\s*$/.test(lower.slice(Math.max(0, start - 3), start)) && /^\s*[a-z]/.test(lower.slice(end, end + 3))) {
				words.push({word: 'then', stem: 'then', start, end});
			}

			continue;
		}

		const negated = negatedContractions.get(written);
		if (negated !== undefined) {
			words.push({word: negated, stem: negated, start, end}, {word: 'not', stem: 'not', start, end});
			continue;
		}

		// "container's", "we're", "it'll": the word without its ending.
		const apostrophe = written.indexOf('\'');
		const word = apostrophe === -1 ? written : written.slice(0, apostrophe);
		const glued = splitGluedExitCode(word);
		if (glued) {
			const [name, number] = glued;
			words.push(
				{word: name, stem: mayStem === undefined || mayStem(name) ? stemOf(name) : '', start, end: start + name.length},
				{word: number, stem: number, start: start + name.length, end},
			);
			continue;
		}

		words.push({word, stem: mayStem === undefined || mayStem(word) ? stemOf(word) : '', start, end});
	}

	return words;
}
