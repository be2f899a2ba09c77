import type {Note} from '../note.js';
import type {Playbook} from '../playbook-schema.js';
import {signatureRegex} from '../signature-regex.js';
import {tokenize} from '../search/tokenize.js';

/**
 * Ties notes to the playbook for their cause, only where the match is clear:
 * 1. the entry names its cause (`**Cause**: \`volume-device-busy\``, as `unblock record` writes);
 * 2. else playbook signatures match the note's error text, and one cause matches more of its
 *    error blocks than any other (a tie between causes links nothing);
 * 3. else one cause's playbooks point at the entry in `seenIn` (`knowledge/file.md#anchor`)
 *    more precisely than any other cause's do.
 */

type CompiledPlaybook = {
	readonly playbook: Playbook;
	readonly patterns: readonly RegExp[];
	/** How precisely its `seenIn` names each note it names. */
	readonly references: ReadonlyMap<Note, number>;
};

export function linkNotes(notes: readonly Note[], playbooks: readonly Playbook[]): Note[] {
	const compiled = playbooks.map(playbook => ({
		playbook,
		patterns: playbook.signatures.map(signature => signatureRegex(signature)),
		references: referenceScores(playbook, notes),
	}));

	return notes.map(note => linkNote(note, compiled));
}

function linkNote(note: Note, compiled: readonly CompiledPlaybook[]): Note {
	const {cause: _cause, playbook: _playbook, linkedBy: _linkedBy, ...unlinked} = note;
	if (note.linkedBy === 'recorded' && note.cause) {
		const playbook = bestOf(compiled.filter(entry => entry.playbook.cause === note.cause).map(entry => ({entry, score: 1})));
		return {...unlinked, cause: note.cause, linkedBy: 'recorded', ...(playbook ? {playbook: playbook.playbook.id} : {})};
	}

	const bySignature = clearWinner(compiled.map(entry => ({entry, score: signatureScore(entry, note.errors)})));
	if (bySignature) {
		return {...unlinked, cause: bySignature.playbook.cause, playbook: bySignature.playbook.id, linkedBy: 'signature'};
	}

	const byReference = clearWinner(compiled.map(entry => ({entry, score: entry.references.get(note) ?? 0})));
	if (byReference) {
		return {...unlinked, cause: byReference.playbook.cause, playbook: byReference.playbook.id, linkedBy: 'seen-in'};
	}

	return unlinked;
}

type Scored = {readonly entry: CompiledPlaybook; readonly score: number};

/** The best playbook, if its cause alone has the best score. */
function clearWinner(scored: readonly Scored[]): CompiledPlaybook | undefined {
	const matching = scored.filter(item => item.score > 0);
	if (matching.length === 0) {
		return undefined;
	}

	const top = Math.max(...matching.map(item => item.score));
	const leaders = matching.filter(item => item.score === top);
	const causes = new Set(leaders.map(item => item.entry.playbook.cause));
	return causes.size === 1 ? bestOf(leaders) : undefined;
}

function bestOf(scored: readonly Scored[]): CompiledPlaybook | undefined {
	return [...scored]
		.sort((left, right) => right.score - left.score || left.entry.playbook.id.localeCompare(right.entry.playbook.id))[0]?.entry;
}

/** How many of the note's error blocks one of the playbook's signatures recognises. */
function signatureScore(entry: CompiledPlaybook, errors: readonly string[]): number {
	return errors.filter(error => entry.patterns.some(pattern => matchesText(pattern, error))).length;
}

function matchesText(pattern: RegExp, text: string): boolean {
	// Signatures are written for one log line; an error block is tried whole and line by line.
	for (const candidate of [text, ...text.split('\n')]) {
		pattern.lastIndex = 0;
		if (pattern.test(candidate)) {
			return true;
		}
	}

	return false;
}

/** 2: a `seenIn` entry names the note alone; 1: it names a heading several notes share, and the note fits the playbook best. */
function referenceScores(playbook: Playbook, notes: readonly Note[]): Map<Note, number> {
	const scores = new Map<Note, number>();
	for (const reference of playbook.seenIn) {
		const named = notesAtReference(reference, notes);
		const [only] = named;
		if (named.length === 1 && only) {
			scores.set(only, 2);
			continue;
		}

		const closest = named.length > 1 ? closestNote(playbook, named) : undefined;
		if (closest && !scores.has(closest)) {
			scores.set(closest, 1);
		}
	}

	return scores;
}

/**
 * The notes a `knowledge/file.md#anchor` reference points at: the one whose id or own heading it
 * names, else every note under that heading (a numbered list of fixes shares one).
 */
export function notesAtReference(reference: string, notes: readonly Note[]): Note[] {
	const hash = reference.indexOf('#');
	const file = baseName(hash < 0 ? reference : reference.slice(0, hash));
	const fragment = hash < 0 ? '' : reference.slice(hash + 1).toLowerCase();
	const inFile = notes.filter(note => baseName(note.file) === file);
	if (fragment === '') {
		return inFile;
	}

	const exact = inFile.filter(note => note.id.slice(note.id.indexOf('#') + 1) === fragment || note.anchors?.[0] === fragment);
	return exact.length > 0 ? exact : inFile.filter(note => note.anchors?.includes(fragment));
}

/** Among notes under one heading, the one that shares clearly more words with the playbook. */
function closestNote(playbook: Playbook, candidates: readonly Note[]): Note | undefined {
	const playbookTerms = termsOf([playbook.title, playbook.cause.replace(/-/g, ' '), ...playbook.symptoms, ...playbook.tags].join('\n'));
	const ranked = candidates
		.map(note => ({note, shared: [...noteTerms(note)].filter(term => playbookTerms.has(term)).length}))
		.sort((left, right) => right.shared - left.shared);
	const [best, second] = ranked;
	return best && best.shared >= 2 && best.shared > (second?.shared ?? 0) ? best.note : undefined;
}

const termsByNote = new WeakMap<Note, Set<string>>();

function noteTerms(note: Note): Set<string> {
	let terms = termsByNote.get(note);
	if (!terms) {
		terms = termsOf(`${note.title}\n${note.problem}\n${note.resolution ?? ''}`);
		termsByNote.set(note, terms);
	}

	return terms;
}

function termsOf(text: string): Set<string> {
	return new Set(tokenize(text).map(token => token.term));
}

function baseName(file: string): string {
	return (file.split(/[\\/]/).pop() ?? file).toLowerCase();
}

/**
 * The notes a playbook's page lists as "seen before": those linked to its cause, those its
 * `seenIn` names outright, and unlinked ones it points at under a shared heading.
 */
export function notesForPlaybook(playbook: Playbook, notes: readonly Note[]): Note[] {
	const references = referenceScores(playbook, notes);
	return notes.filter(note => note.cause === playbook.cause
		|| references.get(note) === 2
		|| (note.cause === undefined && references.has(note)));
}
