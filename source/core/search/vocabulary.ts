import {EncodedPhrasingIndex, encodePhrasings, type EncodedPhrasings} from './encoded-phrasings.js';
import {phraseWords, type PhraseWord} from './phrase-words.js';
import type {CompiledPhrasing, PhrasingIndex} from './phrasing-index.js';

/**
 * Concepts: the different ways people write the same thing ("connection refused", "can't
 * connect", ECONNREFUSED). Search counts a concept as one term wherever any of its phrasings
 * appears, in a query or in a playbook, so a user who writes "can't reach" meets a playbook
 * that says "connection refused". The shipped vocabulary lives in playbooks/vocabulary/; a team
 * can add its own beside its playbooks.
 */

/** Written between two words of a phrasing, lets up to `phrasingGapWords` other words stand there. */
export const phrasingGap = '...';
export const phrasingGapWords = 3;

export const conceptRoles = ['symptom', 'context', 'ecosystem'] as const;

export type Concept = {
	/** A name for the concept, unique across every vocabulary file. */
	readonly id: string;
	/** What every phrasing of it says, in one sentence. */
	readonly meaning: string;
	/**
	 * What goes wrong, which decides between causes; or the setting it happens in, which only
	 * qualifies; or the language a text is about (ecosystem-fit.ts), which is no search term.
	 */
	readonly role: (typeof conceptRoles)[number];
	readonly phrasings: readonly string[];
	/**
	 * Ways people say it does not hold ("the port is published" against a port never published):
	 * in a query they count against the concept, as "not a permission problem" does (ruled-out.ts).
	 */
	readonly opposites?: readonly string[];
	/** The file it came from and its place there, for lint and for errors. */
	readonly file?: string;
	readonly positionInFile?: number;
	/** Each phrasing compiled, as `compileVocabulary` gives them: the build stores them, start-up need not stem. */
	readonly compiled?: ReadonlyArray<CompiledForm | null>;
	/** Each opposite compiled, likewise. */
	readonly compiledOpposites?: ReadonlyArray<CompiledForm | null>;
};

/** An ecosystem names a language, which search weighs apart (ecosystem-fit.ts): its phrasings are no search term. */
export function isEcosystem(concept: Pick<Concept, 'role'>): boolean {
	return concept.role === 'ecosystem';
}

export type CompiledForm = {readonly stems: readonly string[]; readonly gapBefore: readonly boolean[]};

export type Vocabulary = {
	readonly concepts: readonly Concept[];
	/** Phrasings by their first stem. */
	readonly byFirstStem: PhrasingIndex;
	/** Opposites by their first stem: only queries are read for them (a playbook's terms hold none). */
	readonly oppositesByFirstStem: PhrasingIndex;
	/** The phrasings of ecosystem concepts, apart: they name a language, not a term to score. */
	readonly ecosystemsByFirstStem: PhrasingIndex;
	/** A short fingerprint of the concepts, so data worked out with one vocabulary is not used with another. */
	readonly fingerprint: string;
	/** Whether a word can stem to any phrasing's word (see `stemPrefixes`). */
	readonly mayStem: (word: string) => boolean;
};

export type ConceptMatch = {
	readonly concept: number;
	/** Word positions: the first word of the match, and one past the last. */
	readonly start: number;
	readonly end: number;
};

export const emptyVocabulary: Vocabulary = {concepts: [], byFirstStem: new Map(), oppositesByFirstStem: new Map(), ecosystemsByFirstStem: new Map(), fingerprint: 'none', mayStem: () => false};

/** The stems of a phrasing, with its gaps; undefined when it holds no word. */
export function compilePhrasing(phrasing: string): CompiledForm | undefined {
	const stems: string[] = [];
	const gapBefore: boolean[] = [];
	for (const [part, text] of phrasing.split(phrasingGap).entries()) {
		for (const [position, word] of phraseWords(text).entries()) {
			stems.push(word.stem);
			gapBefore.push(part > 0 && position === 0 && stems.length > 1);
		}
	}

	return stems.length === 0 ? undefined : {stems, gapBefore};
}

/**
 * What building a vocabulary works out from all its concepts at once: a build stores it for the
 * shipped vocabulary, and start-up, reading nothing but the shipped files it read, skips the work
 * (~5 ms) and needs none of the concepts' compiled forms. The concepts' ids, in order, say which
 * concepts.
 */
export type VocabularyDigest = {
	readonly ids: readonly string[];
	readonly fingerprint: string;
	readonly prefixes: readonly string[];
	readonly phrasings: {readonly byFirstStem: EncodedPhrasings; readonly oppositesByFirstStem: EncodedPhrasings; readonly ecosystemsByFirstStem: EncodedPhrasings};
};

/** Whether a digest was made of these very concepts (their ids, in its order). */
export function digestFits(concepts: readonly Concept[], digest: VocabularyDigest | undefined): digest is VocabularyDigest {
	return digest !== undefined && digest.ids.length === concepts.length && concepts.every((concept, position) => concept.id === digest.ids[position]);
}

/**
 * The vocabulary of these concepts. A digest is taken only for the very concepts it was made of:
 * who hands one in has checked that they come, unchanged, from the files the build read, and
 * their ids must be the digest's, in its order. Without one that fits, every concept needs its
 * phrasings (compiled, or compiled here).
 */
export function buildVocabulary(concepts: readonly Concept[], digest?: VocabularyDigest): Vocabulary {
	if (digestFits(concepts, digest)) {
		const prefixes = new Set(digest.prefixes);
		return {
			concepts,
			byFirstStem: new EncodedPhrasingIndex(digest.phrasings.byFirstStem),
			oppositesByFirstStem: new EncodedPhrasingIndex(digest.phrasings.oppositesByFirstStem),
			ecosystemsByFirstStem: new EncodedPhrasingIndex(digest.phrasings.ecosystemsByFirstStem),
			fingerprint: digest.fingerprint,
			mayStem: word => mayStemWith(prefixes, word),
		};
	}

	const byFirstStem = new Map<string, CompiledPhrasing[]>();
	const oppositesByFirstStem = new Map<string, CompiledPhrasing[]>();
	const ecosystemsByFirstStem = new Map<string, CompiledPhrasing[]>();
	const file = (into: Map<string, CompiledPhrasing[]>, entry: CompiledPhrasing) => {
		const list = into.get(entry.stems[0]!);
		if (list) {
			list.push(entry);
		} else {
			into.set(entry.stems[0]!, [entry]);
		}
	};

	// By index: every search builds this at start-up, in code not yet optimised, where entries()
	// allocates a pair and a result for each of some twelve hundred phrasings.
	for (let conceptNumber = 0; conceptNumber < concepts.length; conceptNumber++) {
		const concept = concepts[conceptNumber]!;
		const forms = concept.compiled?.length === concept.phrasings.length ? concept.compiled : undefined;
		const into = isEcosystem(concept) ? ecosystemsByFirstStem : byFirstStem;
		for (let position = 0; position < concept.phrasings.length; position++) {
			const compiled = forms ? forms[position] ?? undefined : compilePhrasing(concept.phrasings[position]!);
			if (compiled) {
				file(into, {concept: conceptNumber, ...compiled});
			}
		}

		const opposites = concept.opposites ?? [];
		const oppositeForms = concept.compiledOpposites?.length === opposites.length ? concept.compiledOpposites : undefined;
		for (let position = 0; position < opposites.length; position++) {
			const compiled = oppositeForms ? oppositeForms[position] ?? undefined : compilePhrasing(opposites[position]!);
			if (compiled) {
				file(oppositesByFirstStem, {concept: conceptNumber, ...compiled});
			}
		}
	}

	const prefixes = stemPrefixes([...byFirstStem.values(), ...oppositesByFirstStem.values(), ...ecosystemsByFirstStem.values()]);
	return {
		concepts,
		byFirstStem,
		oppositesByFirstStem,
		ecosystemsByFirstStem,
		fingerprint: fingerprintOf(concepts),
		mayStem: word => mayStemWith(prefixes, word),
	};
}

function mayStemWith(prefixes: ReadonlySet<string>, word: string): boolean {
	return word.length < 5 || prefixes.has(word.slice(0, 3)) || prefixes.has(word.slice(0, 2)) || prefixes.has(word.slice(0, 1));
}

/** The digest a build stores of the vocabulary it built. */
export function vocabularyDigestOf(vocabulary: Vocabulary): VocabularyDigest {
	const groups = [...vocabulary.byFirstStem.values(), ...vocabulary.oppositesByFirstStem.values(), ...vocabulary.ecosystemsByFirstStem.values()];
	return {
		ids: vocabulary.concepts.map(concept => concept.id),
		fingerprint: vocabulary.fingerprint,
		prefixes: [...stemPrefixes(groups)],
		phrasings: {
			byFirstStem: encodePhrasings(vocabulary.byFirstStem),
			oppositesByFirstStem: encodePhrasings(vocabulary.oppositesByFirstStem),
			ecosystemsByFirstStem: encodePhrasings(vocabulary.ecosystemsByFirstStem),
		},
	};
}

/**
 * The stemmer only takes endings off (and may turn a final y into i), so a word of five letters or
 * more keeps its first three letters in its stem, or its stem is shorter than three letters and
 * the word starts with it: a word whose start no phrasing's stem has need not be stemmed. These
 * are those starts.
 */
function stemPrefixes(groups: ReadonlyArray<readonly CompiledPhrasing[]>): Set<string> {
	const prefixes = new Set<string>();
	for (const phrasings of groups) {
		for (const {stems} of phrasings) {
			for (const stem of stems) {
				prefixes.add(stem.slice(0, 3));
			}
		}
	}

	return prefixes;
}

/** The concepts with their phrasings and opposites compiled, for the build to store. */
export function compileVocabulary(concepts: readonly Concept[]): Concept[] {
	return concepts.map(concept => ({
		...concept,
		compiled: concept.phrasings.map(phrasing => compilePhrasing(phrasing) ?? null),
		...(concept.opposites ? {compiledOpposites: concept.opposites.map(opposite => compilePhrasing(opposite) ?? null)} : {}),
	}));
}

/** Every place a concept's phrasing stands in the words, in order of where it starts. */
export function findConcepts(vocabulary: Vocabulary, words: readonly PhraseWord[]): ConceptMatch[] {
	return findPhrasings(vocabulary.byFirstStem, words);
}

/** Every place an ecosystem concept's phrasing stands in the words: the languages the text names. */
export function findEcosystems(vocabulary: Vocabulary, words: readonly PhraseWord[]): ConceptMatch[] {
	return findPhrasings(vocabulary.ecosystemsByFirstStem, words);
}

/** Every place a concept's opposite stands in the words: where the text says the concept does not hold. */
export function findOpposites(vocabulary: Vocabulary, words: readonly PhraseWord[]): ConceptMatch[] {
	return findPhrasings(vocabulary.oppositesByFirstStem, words);
}

function findPhrasings(byFirstStem: PhrasingIndex, words: readonly PhraseWord[]): ConceptMatch[] {
	const matches: ConceptMatch[] = [];
	if (byFirstStem.size === 0) {
		return matches;
	}

	for (let start = 0; start < words.length; start++) {
		const phrasings = byFirstStem.get(words[start]!.stem);
		if (!phrasings) {
			continue;
		}

		const longest = new Map<number, number>();
		for (const phrasing of phrasings) {
			const end = matchFrom(phrasing, words, start);
			if (end !== undefined && end > (longest.get(phrasing.concept) ?? 0)) {
				longest.set(phrasing.concept, end);
			}
		}

		for (const [concept, end] of longest) {
			matches.push({concept, start, end});
		}
	}

	return matches;
}

/** One past the last word of the phrasing when it stands at `start`. */
function matchFrom(phrasing: CompiledPhrasing, words: readonly PhraseWord[], start: number): number | undefined {
	let at = start + 1;
	for (let position = 1; position < phrasing.stems.length; position++) {
		const stem = phrasing.stems[position]!;
		const reach = phrasing.gapBefore[position] ? Math.min(words.length, at + phrasingGapWords + 1) : at + 1;
		let found = -1;
		for (let candidate = at; candidate < reach && candidate < words.length; candidate++) {
			if (words[candidate]!.stem === stem) {
				found = candidate;
				break;
			}
		}

		if (found === -1) {
			return undefined;
		}

		at = found + 1;
	}

	return at;
}

/** A problem with a concept's phrasing, or with one of its opposites. */
export type PhrasingProblem = {position: number; field: 'phrasings' | 'opposites'; index: number; message: string};

function phrasingProblem(text: string): string | undefined {
	if (!compilePhrasing(text)) {
		return 'holds no word; write the phrase as people write it';
	}

	return phraseWords(text.replaceAll(phrasingGap, ' ')).some(({word}) => word.length >= 3)
		? undefined
		: 'has no word of three or more letters or digits, so it would match almost anything; write a longer phrase';
}

/** Every phrasing must hold a word; lint reports the rest of what can be wrong across files. */
export function phrasingProblems(concepts: readonly Concept[]): PhrasingProblem[] {
	const problems: PhrasingProblem[] = [];
	for (const [position, concept] of concepts.entries()) {
		for (const field of ['phrasings', 'opposites'] as const) {
			for (const [index, text] of (concept[field] ?? []).entries()) {
				const message = phrasingProblem(text);
				if (message) {
					problems.push({position, field, index, message});
				}
			}
		}
	}

	return problems;
}

/** The term a concept is indexed under: no word of a text can be written like it. */
export function conceptTerm(concept: Concept): string {
	return `~${concept.id}`;
}

function fingerprintOf(concepts: readonly Concept[]): string {
	// FNV-1a over ids and phrasings: enough to tell two vocabularies apart, cheap at start-up.
	let hash = 0x81_1C_9D_C5;
	for (const concept of concepts) {
		for (const text of [concept.id, concept.role, ...concept.phrasings]) {
			for (let at = 0; at < text.length; at++) {
				hash ^= text.charCodeAt(at);
				hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
			}

			hash ^= 0x0A;
			hash = Math.imul(hash, 0x01_00_01_93) >>> 0;
		}
	}

	return `${concepts.length}-${hash.toString(36)}`;
}
