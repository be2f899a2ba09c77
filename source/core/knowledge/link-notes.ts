import type {Note} from '../note.js';
import type {Playbook, Signature} from '../playbook-schema.js';
import {signatureRegex} from '../signature-regex.js';
import {compareIds} from '../search/compare-ids.js';
import {playbookPrefilter} from '../search/pattern-prefilter.js';
import {tokenize} from '../search/tokenize.js';

/**
 * Ties notes to the playbook for their cause, only where the match is clear:
 * 1. the entry names its cause (`**Cause**: \`volume-device-busy\``, as `unblock record` writes);
 * 2. else playbook signatures match the note's error text, and one cause matches more of its
 *    error blocks than any other (a tie between causes links nothing);
 * 3. else one cause's playbooks point at the entry in `seenIn` (`knowledge/file.md#anchor`)
 *    more precisely than any other cause's do.
 */

type Scored = {readonly playbook: Playbook; readonly score: number};

export function linkNotes(notes: readonly Note[], playbooks: readonly Playbook[]): Note[] {
	const byCause = new Map<string, Playbook[]>();
	for (const playbook of playbooks) {
		const list = byCause.get(playbook.cause);
		if (list) {
			list.push(playbook);
		} else {
			byCause.set(playbook.cause, [playbook]);
		}
	}

	const notesInFile = notesByFile(notes);
	// Note → the playbooks whose `seenIn` names it, in playbook order.
	const referencedBy = new Map<Note, Scored[]>();
	for (const playbook of playbooks) {
		for (const [note, score] of referenceScores(playbook, notesInFile)) {
			const list = referencedBy.get(note);
			if (list) {
				list.push({playbook, score});
			} else {
				referencedBy.set(note, [{playbook, score}]);
			}
		}
	}

	const signatures = new SignatureMatcher(playbooks);
	return notes.map(note => {
		const {cause: _cause, playbook: _playbook, linkedBy: _linkedBy, ...unlinked} = note;
		if (note.linkedBy === 'recorded' && note.cause) {
			const playbook = bestOf((byCause.get(note.cause) ?? []).map(candidate => ({playbook: candidate, score: 1})));
			return {...unlinked, cause: note.cause, linkedBy: 'recorded', ...(playbook ? {playbook: playbook.id} : {})};
		}

		const bySignature = clearWinner(signatures.scores(note.errors));
		if (bySignature) {
			return {...unlinked, cause: bySignature.cause, playbook: bySignature.id, linkedBy: 'signature'};
		}

		const byReference = clearWinner(referencedBy.get(note) ?? []);
		if (byReference) {
			return {...unlinked, cause: byReference.cause, playbook: byReference.id, linkedBy: 'seen-in'};
		}

		return unlinked;
	});
}

/** The best playbook, if its cause alone has the best score. */
function clearWinner(scored: readonly Scored[]): Playbook | undefined {
	const matching = scored.filter(item => item.score > 0);
	if (matching.length === 0) {
		return undefined;
	}

	const top = Math.max(...matching.map(item => item.score));
	const leaders = matching.filter(item => item.score === top);
	const causes = new Set(leaders.map(item => item.playbook.cause));
	return causes.size === 1 ? bestOf(leaders) : undefined;
}

function bestOf(scored: readonly Scored[]): Playbook | undefined {
	return [...scored]
		.sort((left, right) => right.score - left.score || compareIds(left.playbook.id, right.playbook.id))[0]?.playbook;
}

/**
 * How many of a note's error blocks each playbook's signatures recognise. A regex runs only on
 * the blocks that hold its required literal text: a team's hundreds of notes against hundreds of
 * signatures would otherwise be every regex against every block.
 */
class SignatureMatcher {
	private readonly signatures: ReadonlyArray<{readonly signature: Signature; readonly playbook: number}>;

	constructor(private readonly playbooks: readonly Playbook[]) {
		this.signatures = playbooks.flatMap((playbook, position) => playbook.signatures.map(signature => ({signature, playbook: position})));
	}

	/** The playbooks that recognise at least one block, in playbook order, with how many they recognise. */
	scores(errors: readonly string[]): Scored[] {
		if (errors.length === 0 || this.signatures.length === 0) {
			return [];
		}

		const prefilter = playbookPrefilter(this.playbooks);
		const counts = new Map<number, number>();
		for (const error of errors) {
			const recognised = new Set<number>();
			for (const position of prefilter.candidates(error)) {
				const {signature, playbook} = this.signatures[position]!;
				if (!recognised.has(playbook) && matchesText(signatureRegex(signature), error)) {
					recognised.add(playbook);
					counts.set(playbook, (counts.get(playbook) ?? 0) + 1);
				}
			}
		}

		return [...counts.keys()].sort((left, right) => left - right).map(position => ({playbook: this.playbooks[position]!, score: counts.get(position)!}));
	}
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

type NotesInFile = (file: string) => readonly Note[];

function notesByFile(notes: readonly Note[]): NotesInFile {
	const byFile = new Map<string, Note[]>();
	for (const note of notes) {
		const file = baseName(note.file);
		const list = byFile.get(file);
		if (list) {
			list.push(note);
		} else {
			byFile.set(file, [note]);
		}
	}

	return file => byFile.get(file) ?? [];
}

/** 2: a `seenIn` entry names the note alone; 1: it names a heading several notes share, and the note fits the playbook best. */
function referenceScores(playbook: Playbook, notesInFile: NotesInFile): Map<Note, number> {
	const scores = new Map<Note, number>();
	for (const reference of playbook.seenIn) {
		const named = notesAt(reference, notesInFile);
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
	return notesAt(reference, file => notes.filter(note => baseName(note.file) === file));
}

function notesAt(reference: string, notesInFile: NotesInFile): Note[] {
	const hash = reference.indexOf('#');
	const file = baseName(hash < 0 ? reference : reference.slice(0, hash));
	const fragment = hash < 0 ? '' : reference.slice(hash + 1).toLowerCase();
	const inFile = notesInFile(file);
	if (fragment === '') {
		return [...inFile];
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
	const references = referenceScores(playbook, notesByFile(notes));
	return notes.filter(note => note.cause === playbook.cause
		|| references.get(note) === 2
		|| (note.cause === undefined && references.has(note)));
}
