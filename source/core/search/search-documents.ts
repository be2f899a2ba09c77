import type {Note} from '../note.js';
import type {Playbook, Signature} from '../playbook-schema.js';
import {countTerms, type DocumentTerms} from './inverted-index.js';
import {requiredLiterals, type RequiredLiterals} from './required-literals.js';

/**
 * What search indexes of each entry: the fields of playbooks and notes, weighted by how much a
 * word in them says, counted into terms; and each signature's required literals.
 *
 * Start-up works this out for every playbook before the first search (about 200 words a
 * playbook, tokenized and stemmed). For the shipped playbooks it is the same on every run, so a
 * build step can work it out once with `playbookSearchData` and store it beside them (it is
 * plain JSON), and the loader hands it back with `rememberPlaybookSearchData`.
 */
export type PlaybookSearchData = {
	readonly terms: DocumentTerms;
	/** One per signature, in order; null where the pattern has no literal worth looking up. */
	readonly literals: ReadonlyArray<RequiredLiterals | null>;
};

const rememberedTerms = new WeakMap<Playbook | Note, DocumentTerms>();
const rememberedLiterals = new WeakMap<object, RequiredLiterals | null>();

export function playbookSearchData(playbook: Playbook): PlaybookSearchData {
	return {terms: playbookTerms(playbook), literals: playbook.signatures.map(signature => signatureLiterals(signature) ?? null)};
}

/** Data `playbookSearchData` gave for this very playbook text: ignored when it does not fit the playbook. */
export function rememberPlaybookSearchData(playbook: Playbook, data: PlaybookSearchData): void {
	const {terms, frequencies, words} = data.terms;
	if (data.literals.length !== playbook.signatures.length || terms.length !== frequencies.length || terms.length !== words.length) {
		return;
	}

	rememberedTerms.set(playbook, data.terms);
	for (const [position, signature] of playbook.signatures.entries()) {
		rememberedLiterals.set(signature, data.literals[position] ?? null);
	}
}

export function playbookTerms(playbook: Playbook): DocumentTerms {
	let terms = rememberedTerms.get(playbook);
	if (!terms) {
		terms = countTerms([
			{text: playbook.title, weight: 3},
			{text: playbook.symptoms.join('\n'), weight: 2.5},
			{text: playbook.tags.join(' '), weight: 2},
			{text: playbook.cause.replaceAll('-', ' '), weight: 1.5},
			{text: playbook.signatures.flatMap(signature => signature.examples).join('\n'), weight: 1.5},
			{text: playbook.summary, weight: 1},
			{text: playbook.steps.map(step => step.title).join('\n'), weight: 0.5},
		]);
		rememberedTerms.set(playbook, terms);
	}

	return terms;
}

/** Terms `noteTerms` gave for a note with this very text (a build step works them out for the shipped notes). */
export function rememberNoteTerms(note: Note, terms: DocumentTerms): void {
	if (terms.terms.length === terms.frequencies.length && terms.terms.length === terms.words.length) {
		rememberedTerms.set(note, terms);
	}
}

export function noteTerms(note: Note): DocumentTerms {
	return rememberedTerms.get(note) ?? countTerms([
		{text: note.title, weight: 3},
		{text: note.errors.join('\n'), weight: 2},
		{text: note.problem, weight: 1},
		{text: note.rootCause ?? '', weight: 1},
		{text: note.resolution ?? '', weight: 0.5},
	]);
}

/** A signature's required literals, worked out once: note linking and search both ask at start-up. */
export function signatureLiterals(signature: Pick<Signature, 'pattern' | 'flags'>): RequiredLiterals | undefined {
	let literals = rememberedLiterals.get(signature);
	if (literals === undefined) {
		literals = requiredLiterals(signature.pattern, signature.flags) ?? null;
		rememberedLiterals.set(signature, literals);
	}

	return literals ?? undefined;
}
