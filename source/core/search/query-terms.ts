import {isChatter} from './chatter-words.js';
import {pastedConfigurationFacts} from './pasted-configuration.js';
import {phraseWords} from './phrase-words.js';
import {isRuledOut, ruledOutSpans} from './ruled-out.js';
import {pairTerm, pairWeight} from './inverted-index.js';
import {lineWeights, queryLines, type WeightedLine} from './telling-lines.js';
import {tokenize} from './tokenize.js';
import {conceptTerm, findConcepts, findEcosystems, findOpposites, type ConceptMatch, type Vocabulary} from './vocabulary.js';

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

export type AnalyzedLine = WeightedLine & {
	/** The terms the line holds (stems and concepts it counts for). */
	readonly terms: readonly string[];
};

export type AnalyzedQuery = {
	readonly lines: readonly AnalyzedLine[];
	/** Search term (a stem, or a concept's term) → its weight and wording. */
	readonly terms: ReadonlyMap<string, QueryTerm>;
	/** How many words the query has: a few are typed (and may hold typos), many are pasted. */
	readonly wordCount: number;
	/** The ecosystem concepts (languages and their tools) the query names, by number. */
	readonly ecosystems: ReadonlySet<number>;
};

/** What a ruled-out word or concept weighs. */
const ruledOutWeight = -0.4;
/** What a word of prose that names no cause weighs (chatter-words.ts). */
const chatterWeight = 0.2;
/** A fact the pasted configuration states (pasted-configuration.ts) is firmer than any wording. */
const factWeight = 2;
/** The problem the user reports decides; the setting they describe only qualifies it. */
const roleWeights = {symptom: 1.5, context: 1} as const;

export function analyzeQuery(text: string, vocabulary: Vocabulary): AnalyzedQuery {
	const texts = queryLines(text);
	const parsed = texts.map(line => {
		const words = phraseWords(line, vocabulary.mayStem);
		return {words, concepts: findConcepts(vocabulary, words), opposites: findOpposites(vocabulary, words), ecosystems: findEcosystems(vocabulary, words), spans: ruledOutSpans(words)};
	});
	const weights = lineWeights(texts, parsed.map(({concepts}) => concepts.length > 0));
	const positive = new Map<string, QueryTerm>();
	const negative = new Map<string, QueryTerm>();
	const lines: AnalyzedLine[] = [];
	const ecosystems = new Set<number>();
	let wordCount = 0;
	const add = (term: string, weight: number, written: string) => {
		const into = weight > 0 ? positive : negative;
		const known = into.get(term);
		if (!known || Math.abs(weight) > Math.abs(known.weight)) {
			into.set(term, {weight, written: known?.written ?? written});
		}
	};

	for (const [at, line] of texts.entries()) {
		const {words, concepts, opposites, spans} = parsed[at]!;
		const weight = weights[at]!;
		for (const match of parsed[at]!.ecosystems) {
			if (!isRuledOut(spans, match.start, match.end)) {
				ecosystems.add(match.concept);
			}
		}

		const held: string[] = [];
		// An opposite denies its concept, and so does a phrasing inside it ("despite the port mapping").
		const denied = (match: ConceptMatch) => opposites.some(opposite => opposite.concept === match.concept && match.start >= opposite.start && match.end <= opposite.end);
		for (const match of [...concepts, ...opposites]) {
			const written = line.slice(words[match.start]!.start, words[match.end - 1]!.end).toLowerCase();
			const concept = vocabulary.concepts[match.concept]!;
			// Ecosystems are found apart (findEcosystems) and are no term; this only tells the type so.
			if (concept.role === 'ecosystem') {
				continue;
			}

			const term = conceptTerm(concept);
			const ruledOut = isRuledOut(spans, match.start, match.end) || denied(match);
			add(term, (ruledOut ? ruledOutWeight : roleWeights[concept.role]) * weight, written);
			if (!ruledOut) {
				held.push(term);
			}
		}

		let kept = line;
		for (const span of spans) {
			for (const token of tokenize(line.slice(words[span.start]!.start, words[span.end - 1]!.end))) {
				add(token.term, ruledOutWeight * weight, token.word);
			}

			kept = blanked(kept, words[span.coverStart]!.start, words[span.coverEnd - 1]!.end);
		}

		// An opposite's words say what it denies: they count for nothing else.
		for (const opposite of opposites) {
			kept = blanked(kept, words[opposite.start]!.start, words[opposite.end - 1]!.end);
		}

		const tokens = tokenize(kept);
		wordCount += tokens.length;
		for (const [position, token] of tokens.entries()) {
			const chatter = isChatter(token.term);
			add(token.term, chatter ? chatterWeight * weight : weight, token.word);
			held.push(token.term);
			const previous = tokens[position - 1];
			if (previous && !chatter && !isChatter(previous.term)) {
				add(pairTerm(previous.term, token.term), pairWeight * weight, `${previous.word} ${token.word}`);
			}
		}

		lines.push({text: line, weight, terms: held});
	}

	for (const fact of pastedConfigurationFacts(text)) {
		const concept = vocabulary.concepts.find(candidate => candidate.id === fact.concept);
		if (concept) {
			add(conceptTerm(concept), fact.denies ? -factWeight : factWeight, fact.written);
		}
	}

	const terms = new Map(positive);
	for (const [term, value] of negative) {
		if (!terms.has(term)) {
			terms.set(term, value);
		}
	}

	return {lines, terms, wordCount, ecosystems};
}

/** The line with [from, to) made spaces: its words count for nothing, the others keep their places. */
function blanked(line: string, from: number, to: number): string {
	return `${line.slice(0, from)}${' '.repeat(to - from)}${line.slice(to)}`;
}
