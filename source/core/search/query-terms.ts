import {isChatter} from './chatter-words.js';
import {phraseWords} from './phrase-words.js';
import {isRuledOut, ruledOutSpans} from './ruled-out.js';
import {tellingLines, type WeightedLine} from './telling-lines.js';
import {tokenize} from './tokenize.js';
import {conceptTerm, findConcepts, type Vocabulary} from './vocabulary.js';

/**
 * What a query says, as weighted terms: its words (stemmed) and the concepts its phrases name,
 * each with how the user wrote it. Lines of a long paste that carry no error count for little;
 * what the user rules out ("not a permission problem") counts against the causes that hold it.
 */
export type QueryTerm = {
	/** Negative for what the query rules out. */
	readonly weight: number;
	/** The word or phrase as the user wrote it. */
	readonly written: string;
};

export type AnalyzedQuery = {
	readonly lines: readonly WeightedLine[];
	/** Search term (a stem, or a concept's term) → its weight and wording. */
	readonly terms: ReadonlyMap<string, QueryTerm>;
	/** How many words the query has: a few are typed (and may hold typos), many are pasted. */
	readonly wordCount: number;
};

/** What a ruled-out word or concept weighs. */
const ruledOutWeight = -0.4;
/** What a word of prose that names no cause weighs (chatter-words.ts). */
const chatterWeight = 0.2;

export function analyzeQuery(text: string, vocabulary: Vocabulary): AnalyzedQuery {
	const lines = tellingLines(text);
	const positive = new Map<string, QueryTerm>();
	const negative = new Map<string, QueryTerm>();
	let wordCount = 0;
	const add = (term: string, weight: number, written: string) => {
		const into = weight > 0 ? positive : negative;
		const known = into.get(term);
		if (!known || Math.abs(weight) > Math.abs(known.weight)) {
			into.set(term, {weight, written: known?.written ?? written});
		}
	};

	for (const line of lines) {
		const words = phraseWords(line.text);
		const spans = ruledOutSpans(words);
		for (const match of findConcepts(vocabulary, words)) {
			const written = line.text.slice(words[match.start]!.start, words[match.end - 1]!.end).toLowerCase();
			const ruledOut = isRuledOut(spans, match.start, match.end);
			add(conceptTerm(vocabulary.concepts[match.concept]!), ruledOut ? ruledOutWeight * line.weight : line.weight, written);
		}

		let kept = line.text;
		for (const span of spans) {
			const from = words[span.start]!.start;
			const to = words[span.end - 1]!.end;
			const ruledOutText = line.text.slice(from, to);
			for (const token of tokenize(ruledOutText)) {
				add(token.term, ruledOutWeight * line.weight, token.word);
			}

			kept = `${kept.slice(0, from)}${' '.repeat(to - from)}${kept.slice(to)}`;
		}

		const tokens = tokenize(kept);
		wordCount += tokens.length;
		for (const token of tokens) {
			add(token.term, isChatter(token.term) ? chatterWeight * line.weight : line.weight, token.word);
		}
	}

	const terms = new Map(positive);
	for (const [term, value] of negative) {
		if (!terms.has(term)) {
			terms.set(term, value);
		}
	}

	return {lines, terms, wordCount};
}
