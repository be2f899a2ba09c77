import {stemmer} from 'stemmer';
import {splitGluedExitCode} from './glued-exit-code.js';

/**
 * Words that say nothing about a cause: English glue and the chatter of log formats. Error
 * words ("error", "failed") stay: the index weighs them down by how common they are.
 */
const stopWords = new Set([
	'a', 'an', 'and', 'are', 'as', 'at', 'be', 'been', 'but', 'by', 'can', 'did', 'do', 'does', 'doing', 'for', 'from',
	'get', 'got', 'had', 'has', 'have', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'it\'s', 'just', 'me', 'my',
	'no', 'of', 'on', 'or', 'our', 'so', 'some', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these',
	'this', 'to', 'too', 'up', 'us', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which', 'while', 'who',
	'why', 'will', 'with', 'would', 'you', 'your', 'im', 'ive', 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'isnt',
	'keep', 'keeps', 'still', 'after', 'again', 'all', 'any', 'also', 'even', 'though', 'now', 'one',
	'info', 'debug', 'trace', 'warn', 'notice', 'log', 'logs', 'line', 'utc', 'pm', 'am',
]);

/** Container ids, digests, timestamps and other noise that only makes a pasted log look unique. */
// Numbers of three to five digits stay: exit codes (137) and ports (5432) say something.
const noise = /^(?:[\da-f]{12,}|\d{1,2}|\d{6,}|\d+[a-z]{1,2}|0x[\da-f]+|[\da-f]*\d[\da-f]*[a-f][\da-f]*\d[\da-f]*)$/;

const wordPattern = /[a-z\d][a-z\d_]*(?:['\u2019][a-z]+)?/g;

export type Token = {
	/** The word as written (lowercase), for "why it matched". */
	readonly word: string;
	/** The stem the index is keyed on. */
	readonly term: string;
};

/** Dates and clock times in log prefixes: their digits would otherwise pass for ports. */
const timestamps = /\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?/g;

export function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	forEachTerm(text, (term, word) => {
		tokens.push({word, term});
	});
	return tokens;
}

/**
 * The terms of a text in order, each with the word it was written as, without a token object
 * per word: indexing a knowledge base at start-up goes through every word of it.
 */
export function forEachTerm(text: string, onTerm: (term: string, word: string) => void): void {
	// `match` hands back plain strings, far cheaper than a match object per word.
	const words = text.toLowerCase().replaceAll(timestamps, ' ').match(wordPattern) ?? [];
	for (let at = 0; at < words.length; at++) {
		const written = words[at]!;
		const word = written.includes('’') ? written.replaceAll('’', '\'') : written;
		if (word.includes('_')) {
			for (const part of word.split('_')) {
				const term = termOf(part);
				if (term !== undefined) {
					onTerm(term, part);
				}
			}

			continue;
		}

		for (const part of splitGluedExitCode(word) ?? [word]) {
			const term = termOf(part);
			if (term !== undefined) {
				onTerm(term, part);
			}
		}
	}
}

/** Each word's stem, or null for a word that is dropped: a corpus repeats its words, and stemming is the dear part. */
const terms = new Map<string, string | null>();
const rememberedTerms = 100_000;

function termOf(part: string): string | undefined {
	let term = terms.get(part);
	if (term === undefined) {
		term = part.length < 2 || stopWords.has(part) || noise.test(part) ? null : stemmer(part);
		if (terms.size >= rememberedTerms) {
			terms.clear();
		}

		terms.set(part, term);
	}

	return term ?? undefined;
}
