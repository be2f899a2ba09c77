import type {Note} from '../note.js';
import type {Playbook} from '../playbook-schema.js';
import {countTerms, type DocumentTerms, type IndexedField} from './inverted-index.js';
import {forEachTerm} from './tokenize.js';
import {phraseWords} from './phrase-words.js';
import {conceptTerm, findConcepts, type Vocabulary} from './vocabulary.js';

/**
 * What search indexes of each entry: the fields of playbooks and notes, weighted by how much a
 * word in them says, counted into terms, and the concepts their phrases name. (Each signature's
 * required literals are worked out where its playbook is read: signature-literals.ts.)
 *
 * A playbook's `distinguish` text is read sentence by sentence: a sentence that names another
 * cause describes that neighbour ("if the holder is a kubectl port-forward, see
 * port-forward-orphan"), so its words count for the neighbour, not for the playbook that wrote it.
 *
 * Start-up works this out for every playbook before the first search (about 300 words a
 * playbook, tokenized and stemmed). For the shipped playbooks it is the same on every run, so a
 * build step works it out once with `playbookSearchData` and stores it beside them (plain JSON),
 * and the loader hands it back with `rememberPlaybookSearchData`.
 */
export type PlaybookSearchData = {
	readonly terms: DocumentTerms;
	/** What the playbook's text says of other causes, and the concepts in both, as one vocabulary reads them. */
	readonly concepts?: ConceptData;
};

type ConceptData = {
	/** The vocabulary these were worked out with. */
	readonly vocabulary: string;
	readonly terms: DocumentTerms;
	readonly pointers: readonly NeighbourTerms[];
	/** The terms of each line that says one thing (the title, each symptom, each signature example). */
	readonly passages: ReadonlyArray<readonly string[]>;
};

/** Words a playbook's `distinguish` text gives another cause (or playbook id). */
export type NeighbourTerms = {readonly neighbour: string; readonly terms: DocumentTerms};

const distinguishWeight = 0.75;
const slugPattern = /\b[a-z\d]+(?:-[a-z\d]+){1,}\b/g;

const rememberedTerms = new WeakMap<Playbook, DocumentTerms>();
/** A note's terms with the fingerprint of the vocabulary they were counted with. */
const settledNoteTerms = new WeakMap<Note, NoteSearchData>();
const laterNoteTerms = new WeakMap<Note, () => NoteSearchData | undefined>();
const rememberedConcepts = new WeakMap<Playbook, ConceptData>();
const laterTerms = new WeakMap<Playbook, () => Pick<PlaybookSearchData, 'terms' | 'concepts'>>();

export function playbookSearchData(playbook: Playbook, vocabulary: Vocabulary, neighbours: ReadonlySet<string>): PlaybookSearchData {
	return {
		terms: playbookTerms(playbook, neighbours),
		concepts: playbookConcepts(playbook, vocabulary, neighbours),
	};
}

/** Data `playbookSearchData` gave for this very playbook text: ignored when it does not fit the playbook. */
export function rememberPlaybookSearchData(playbook: Playbook, data: PlaybookSearchData): void {
	rememberPlaybookTermsLater(playbook, () => data);
}

/**
 * The terms `playbookSearchData` gave, read only if an index is built from the playbooks (not
 * when the build's prebuilt index serves): most searches never need them.
 */
export function rememberPlaybookTermsLater(playbook: Playbook, later: () => Pick<PlaybookSearchData, 'terms' | 'concepts'>): void {
	laterTerms.set(playbook, later);
}

/** Settles what `rememberPlaybookTermsLater` promised, if it fits the playbook. */
function settleLaterTerms(playbook: Playbook): void {
	const later = laterTerms.get(playbook);
	if (!later) {
		return;
	}

	laterTerms.delete(playbook);
	const data = later();
	const {terms, frequencies, words} = data.terms;
	if (terms.length !== frequencies.length || terms.length !== words.length) {
		return;
	}

	rememberedTerms.set(playbook, data.terms);
	if (data.concepts) {
		rememberedConcepts.set(playbook, data.concepts);
	}
}

function playbookFields(playbook: Playbook, neighbours: ReadonlySet<string>): IndexedField[] {
	return [
		{text: playbook.title, weight: 3, pairs: true},
		{text: playbook.symptoms.join('\n'), weight: 2.5, pairs: true},
		{text: playbook.tags.join(' '), weight: 2},
		{text: playbook.cause.replaceAll('-', ' '), weight: 1.5},
		{text: writtenExamples(playbook).join('\n'), weight: 1.5, pairs: true},
		{text: playbook.summary, weight: 1},
		{text: distinguishSentences(playbook.distinguish, neighbours).own.join('\n'), weight: distinguishWeight},
		{text: playbook.steps.map(step => step.title).join('\n'), weight: 0.5},
	];
}

/**
 * The examples of the signatures on text people see; those of signatures on facts are unblock's
 * own wording for what it observed, which nobody types or pastes.
 */
function writtenExamples(playbook: Playbook): string[] {
	return playbook.signatures.flatMap(signature => signature.source === 'facts' ? [] : signature.examples);
}

/** The playbook's own words; what its `distinguish` text says of neighbours is left out. */
export function playbookTerms(playbook: Playbook, neighbours?: ReadonlySet<string>): DocumentTerms {
	settleLaterTerms(playbook);
	let terms = rememberedTerms.get(playbook);
	if (!terms) {
		terms = countTerms(playbookFields(playbook, neighbours ?? new Set()));
		rememberedTerms.set(playbook, terms);
	}

	return terms;
}

/** The concepts in the playbook's own text, and what it says of its neighbours. */
export function playbookConcepts(playbook: Playbook, vocabulary: Vocabulary, neighbours: ReadonlySet<string>): ConceptData {
	settleLaterTerms(playbook);
	const known = rememberedConcepts.get(playbook);
	if (known?.vocabulary === vocabulary.fingerprint) {
		return known;
	}

	const own = countConcepts(playbookFields(playbook, neighbours), vocabulary);
	// What a sentence about a neighbour shares with this playbook is the context both have in
	// common; only the rest tells the neighbour apart, so only the rest counts for it.
	const shared = new Set([...playbookTerms(playbook, neighbours).terms, ...own.terms]);
	const pointers: NeighbourTerms[] = [];
	for (const {neighbour, text} of distinguishSentences(playbook.distinguish, neighbours).about) {
		const field = {text, weight: distinguishWeight};
		const terms = withoutTerms(mergeTerms([countTerms([field]), countConcepts([field], vocabulary)]), shared);
		if (terms.terms.length > 0) {
			pointers.push({neighbour, terms});
		}
	}

	const passages = [playbook.title, ...playbook.symptoms, ...writtenExamples(playbook)]
		.map(line => passageTerms(line, vocabulary));
	const data = {vocabulary: vocabulary.fingerprint, terms: own, pointers, passages};
	rememberedConcepts.set(playbook, data);
	return data;
}

/** The distinct terms of one line: its words' stems and the concepts it names. */
export function passageTerms(line: string, vocabulary: Vocabulary): string[] {
	const terms = new Set<string>();
	forEachTerm(line, term => terms.add(term));
	for (const match of findConcepts(vocabulary, phraseWords(line, vocabulary.mayStem))) {
		terms.add(conceptTerm(vocabulary.concepts[match.concept]!));
	}

	return [...terms];
}

/** A note's terms and concepts as `noteTerms` counts them; a build step works them out for the shipped notes. */
export type NoteSearchData = {readonly vocabulary: string; readonly terms: DocumentTerms};

export function noteSearchData(note: Note, vocabulary: Vocabulary): NoteSearchData {
	return {vocabulary: vocabulary.fingerprint, terms: noteTerms(note, vocabulary)};
}

/**
 * Data `noteSearchData` gave for a note with this very text, read only if an index is built from
 * the notes (not when the build's prebuilt index serves): used while the vocabulary is the same.
 */
export function rememberNoteSearchDataLater(note: Note, later: () => NoteSearchData | undefined): void {
	laterNoteTerms.set(note, later);
}

function rememberedNoteTerms(note: Note): NoteSearchData | undefined {
	const later = laterNoteTerms.get(note);
	if (later) {
		laterNoteTerms.delete(note);
		let data: NoteSearchData | undefined;
		try {
			data = later();
		} catch {
			// The build's later part cannot be read: the note's terms are counted from its text.
		}

		const {terms, frequencies, words} = data?.terms ?? {};
		if (data && Array.isArray(terms) && terms.length === frequencies?.length && terms.length === words?.length) {
			settledNoteTerms.set(note, data);
		}
	}

	return settledNoteTerms.get(note);
}

export function noteTerms(note: Note, vocabulary: Vocabulary): DocumentTerms {
	const known = rememberedNoteTerms(note);
	if (known?.vocabulary === vocabulary.fingerprint) {
		return known.terms;
	}

	const fields = [
		{text: note.title, weight: 3, pairs: true},
		{text: note.errors.join('\n'), weight: 2, pairs: true},
		{text: note.problem, weight: 1},
		{text: note.rootCause ?? '', weight: 1},
		{text: note.resolution ?? '', weight: 0.5},
	];
	return mergeTerms([countTerms(fields), countConcepts(fields, vocabulary)]);
}

/** Each concept's weighted count over the fields, as terms. */
export function countConcepts(fields: readonly IndexedField[], vocabulary: Vocabulary): DocumentTerms {
	const positions = new Map<number, number>();
	const terms: string[] = [];
	const frequencies: number[] = [];
	let length = 0;
	if (vocabulary.concepts.length === 0) {
		return {terms, frequencies, words: terms, length};
	}

	for (const {text, weight} of fields) {
		for (const match of findConcepts(vocabulary, phraseWords(text, vocabulary.mayStem))) {
			const position = positions.get(match.concept);
			if (position === undefined) {
				positions.set(match.concept, terms.length);
				terms.push(conceptTerm(vocabulary.concepts[match.concept]!));
				frequencies.push(weight);
			} else {
				frequencies[position]! += weight;
			}

			length += weight;
		}
	}

	return {terms, frequencies, words: terms, length};
}

function withoutTerms(document: DocumentTerms, left: ReadonlySet<string>): DocumentTerms {
	const kept = document.terms.flatMap((term, at) => left.has(term) ? [] : [at]);
	return {
		terms: kept.map(at => document.terms[at]!),
		frequencies: kept.map(at => document.frequencies[at]!),
		words: kept.map(at => document.words[at]!),
		length: kept.reduce((sum, at) => sum + document.frequencies[at]!, 0),
	};
}

export function mergeTerms(parts: readonly DocumentTerms[]): DocumentTerms {
	if (parts.length === 1) {
		return parts[0]!;
	}

	const positions = new Map<string, number>();
	const terms: string[] = [];
	const frequencies: number[] = [];
	const words: string[] = [];
	let length = 0;
	for (const part of parts) {
		length += part.length;
		for (let at = 0; at < part.terms.length; at++) {
			const term = part.terms[at]!;
			const position = positions.get(term);
			if (position === undefined) {
				positions.set(term, terms.length);
				terms.push(term);
				frequencies.push(part.frequencies[at]!);
				words.push(part.words[at]!);
			} else {
				frequencies[position]! += part.frequencies[at]!;
			}
		}
	}

	return {terms, frequencies, words, length};
}

/**
 * The `distinguish` text split into what it says of this playbook's cause, and sentences that
 * name a neighbour (another cause or playbook id), with the neighbour's name taken out.
 */
export function distinguishSentences(text: string | undefined, neighbours: ReadonlySet<string>): {own: string[]; about: Array<{neighbour: string; text: string}>} {
	const own: string[] = [];
	const about: Array<{neighbour: string; text: string}> = [];
	for (const sentence of sentencesOf(text ?? '')) {
		const named = [...new Set(sentence.match(slugPattern) ?? [])].filter(slug => neighbours.has(slug));
		if (named.length === 0) {
			own.push(sentence);
			continue;
		}

		let rest = sentence;
		for (const slug of named) {
			rest = rest.replaceAll(slug, ' ');
		}

		for (const neighbour of named) {
			about.push({neighbour, text: rest});
		}
	}

	return {own, about};
}

/** Sentences (and clauses after a semicolon); a full stop inside a quoted error message does not end one. */
function sentencesOf(text: string): string[] {
	const sentences: string[] = [];
	let quoted = false;
	let start = 0;
	for (let at = 0; at < text.length; at++) {
		const character = text[at]!;
		if (character === '"' || character === '“' || character === '”') {
			quoted = character === '“' ? true : character === '”' ? false : !quoted;
		} else if (!quoted && '.;!?'.includes(character) && /\s/.test(text[at + 1] ?? ' ')) {
			sentences.push(text.slice(start, at + 1).trim());
			start = at + 1;
		}
	}

	sentences.push(text.slice(start).trim());
	return sentences.filter(sentence => sentence !== '');
}
