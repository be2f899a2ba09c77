import {causes} from '../causes.js';
import type {Note} from '../note.js';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {Playbook} from '../playbook-schema.js';
import {groupByCause} from './group-by-cause.js';
import {buildInvertedIndex, holdsTerm, scoreTerms, type DocumentTerms} from './inverted-index.js';
import {explainAgainst, explainWords, tellingLine} from './explain-match.js';
import {resolveQueryTerms, type ResolvedQuery} from './resolve-query-terms.js';
import {bestPassage, packPassages, passageWeights} from './passage-scores.js';
import {mergeTerms, noteTerms, passageTerms, playbookConcepts, playbookTerms} from './search-documents.js';
import type {SearchOptions, SearchResult} from './search-result.js';
import {declaredExitCodes, statedExitCode, weighByExitCode} from './stated-exit-code.js';
import {entryEcosystems, weighByEcosystem} from './ecosystem-fit.js';
import {deniedConceptTerms, titleConcepts, weighByDeniedTitle} from './denied-title.js';
import {signatureHits, type IndexedSignature, type SignatureHit} from './signature-hits.js';
import type {SearchEntry, SearchIndex} from './search-index.js';
import {emptyVocabulary, type Vocabulary} from './vocabulary.js';
import {phraseWords, type PhraseWord} from './phrase-words.js';

/**
 * Ranking in two tiers that never cross: a playbook whose signature matches the text exactly
 * outranks any similarity of words; then BM25 over every text field and the concepts the text
 * names (vocabulary.ts), where long pasted logs land and cost milliseconds. One cause takes one
 * place: the variants of a cause (a second playbook, a team's note) stand behind its best
 * playbook, so the first three results are three different causes.
 *
 * fuse.js forgives typos but only ever sees short things: one unknown word of a typed query
 * against the index's vocabulary. Measured on the benchmark, running fuse.js over whole queries
 * against titles and symptoms cost 150-500 ms a query here and changed no ranking, so it does not.
 *
 * Built for twenty thousand entries as much as for a hundred: a signature's regex runs only when
 * the literal text it requires is in the query (pattern-prefilter.ts); a pasted log is scored by
 * its telling lines and its rarest words; scores add up in typed arrays; only the best few
 * results are sorted and explained; and what only some queries need (the prefilter, shared with
 * note linking; the corrector; compiled regexes) is built on first use.
 */

export type {SearchEntry, SearchIndex} from './search-index.js';

const maximumScannedBytes = 256 * 1024;

/** Text similarity saturates below the weakest signature hit. */
const textCeiling = 0.7;
const minimumScore = 0.05;
/** How many of the best entries by words have their lines weighed, and how much a line counts. */
const passageCandidates = 60;
const passageWeight = 0.5;
/** How many of the first results say which line of a paste decided. */
const explainedLines = 3;

/** The entries search ranks (each playbook, then each note) and every playbook's signatures. */
export function searchEntries(playbooks: readonly Playbook[], notes: readonly Note[]): {entries: SearchEntry[]; signatures: IndexedSignature[]} {
	const entries: SearchEntry[] = [];
	const signatures: IndexedSignature[] = [];
	for (const playbook of playbooks) {
		for (const signature of playbook.signatures) {
			signatures.push({signature, entry: entries.length});
		}

		entries.push({kind: 'playbook', id: playbook.id, title: playbook.title, cause: playbook.cause, playbook});
	}

	for (const note of notes) {
		entries.push({kind: 'note', id: note.id, title: note.title, cause: note.cause, note});
	}

	return {entries, signatures};
}

export function buildSearchIndex(playbooks: readonly Playbook[], notes: readonly Note[] = [], vocabulary: Vocabulary = emptyVocabulary): SearchIndex {
	const {entries, signatures} = searchEntries(playbooks, notes);
	const documents: DocumentTerms[][] = [];
	const neighbours = new Set([...causes.map(cause => cause.slug), ...playbooks.map(playbook => playbook.id)]);
	/** Playbook ids and cause slugs → their playbooks' entries. */
	const entriesOf = new Map<string, number[]>();
	const entryById = new Map<string, number>();
	const pointers: Array<{neighbour: string; terms: DocumentTerms}> = [];
	const passageTexts: Array<ReadonlyArray<readonly string[]>> = [];

	for (const [entry, playbook] of playbooks.entries()) {
		entryById.set(playbook.id, entry);
		for (const name of new Set([playbook.id, playbook.cause])) {
			const list = entriesOf.get(name) ?? [];
			list.push(entry);
			entriesOf.set(name, list);
		}

		const concepts = playbookConcepts(playbook, vocabulary, neighbours);
		pointers.push(...concepts.pointers);
		passageTexts.push(concepts.passages);
		documents.push([playbookTerms(playbook, neighbours), concepts.terms]);
	}

	// What a playbook's distinguish text says of a neighbour counts for the neighbour's playbook,
	// or, when it names a cause, for that cause's playbooks.
	for (const {neighbour, terms} of pointers) {
		const byId = entryById.get(neighbour);
		for (const entry of byId === undefined ? entriesOf.get(neighbour) ?? [] : [byId]) {
			documents[entry]!.push(terms);
		}
	}

	for (const note of notes) {
		documents.push([noteTerms(note, vocabulary)]);
		passageTexts.push([passageTerms(note.title, vocabulary)]);
	}

	const terms = buildInvertedIndex(documents.map(parts => mergeTerms(parts)));
	return {
		playbooks,
		entries,
		signatures,
		terms,
		passages: packPassages(terms, passageTexts.map(lines => lines.map(line => line.flatMap(term => {
			const id = terms.termIds.get(term);
			return id === undefined ? [] : [id];
		})))),
		vocabulary,
		corrections: new Map(),
		lazy: {},
	};
}

export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
	const text = plainQuery(query.length > maximumScannedBytes ? query.slice(-maximumScannedBytes) : query);
	const hits = signatureHits(index.playbooks, index.signatures, text, options);
	const scores = index.lazy.scores ??= new Float64Array(index.entries.length);
	const resolved = resolveQueryTerms(index, text, {correctTypos: options.machineText !== true});
	const touched = scoreTerms(index.terms, resolved.terms, scores);
	addPassageScores(index, resolved, touched, scores);
	const exitCode = options.exitCode ?? statedExitCode(text);
	if (exitCode !== undefined) {
		const codes = index.lazy.exitCodes ??= declaredExitCodes(index.signatures, index.entries.length);
		// A signature that matched the very line stating the code has counted that line already.
		const counted = (entry: number) => options.exitCode === undefined && statedExitCode(hits.get(entry)?.line ?? '') === exitCode;
		weighByExitCode(codes, exitCode, touched.filter(entry => !counted(entry)), scores);
	}

	const denied = deniedConceptTerms(resolved.analyzed.terms, index.vocabulary);
	if (denied.length > 0) {
		weighByDeniedTitle(index.lazy.titleConcepts ??= titleConcepts(titleWords(index), index.vocabulary), denied, touched, scores);
	}

	if (resolved.analyzed.ecosystems.size > 0) {
		weighByEcosystem(index.lazy.ecosystems ??= entryEcosystems(titleWords(index), index.vocabulary), resolved.analyzed.ecosystems, touched, scores);
	}

	try {
		return rank(index, hits, resolved, touched, scores, options.limit ?? 10);
	} finally {
		for (const entry of touched) {
			scores[entry] = 0;
		}
	}
}

/** Each entry's title as words, read once for what titles name (denied concepts, languages). */
function titleWords(index: SearchIndex): ReadonlyArray<readonly PhraseWord[]> {
	return index.lazy.titleWords ??= index.entries.map(entry => phraseWords(entry.title, index.vocabulary.mayStem));
}

function rank(index: SearchIndex, hits: ReadonlyMap<number, SignatureHit>, query: ResolvedQuery, touched: readonly number[], scores: Float64Array, limit: number): SearchResult[] {
	const candidates: number[] = [];
	const finalScores: number[] = [];
	const similarityOf = (entry: number) => {
		const textScore = scores[entry]!;
		return textScore > 0 ? textCeiling * (textScore / (textScore + 6)) : 0;
	};

	for (const [entry, hit] of hits) {
		// Above 1 only when a fact adds to a full signature hit: it orders them, the score shown stays 1.
		const score = hit.score + (0.1 * similarityOf(entry) / textCeiling);
		if (score >= minimumScore) {
			candidates.push(entry);
			finalScores.push(round(score));
		}
	}

	for (const entry of touched) {
		const score = similarityOf(entry);
		if (score >= minimumScore && !hits.has(entry)) {
			candidates.push(entry);
			finalScores.push(round(score));
		}
	}

	return groupByCause(index.entries, candidates, finalScores, limit).map(({entry, score, also}, place): SearchResult => {
		const found = index.entries[entry]!;
		const hit = hits.get(entry);
		const why: string[] = [];
		if (hit) {
			why.push(hit.why);
		}

		const holds = (term: number) => holdsTerm(index.terms, term, entry);
		const against = explainAgainst(query, holds);
		if (scores[entry]! > 0) {
			why.push(explainWords(query, holds));
			// The line that decided, for the results a reader compares; a signature's reason quotes its own.
			const line = hit || place >= explainedLines ? undefined : tellingLine(query, holds);
			if (line) {
				why.push(`line: ${line}`);
			}
		}

		if (against) {
			why.push(against);
		}

		return {
			kind: found.kind,
			id: found.id,
			title: found.title,
			cause: found.cause,
			score: Math.min(1, score),
			why,
			also: also.map(other => index.entries[other]!),
			playbook: found.playbook,
			note: found.note,
		};
	});
}

/**
 * Adds each of the best-scored entries' best line (passage-scores.ts) to its score: only those
 * can still change places at the top, and a long paste touches thousands of entries.
 */
function addPassageScores(index: SearchIndex, query: ResolvedQuery, touched: readonly number[], scores: Float64Array): void {
	if (touched.length === 0) {
		return;
	}

	const weights = passageWeights(query.terms);
	const best = touched.length <= passageCandidates ? touched : [...touched].sort((left, right) => scores[right]! - scores[left]!).slice(0, passageCandidates);
	for (const entry of best) {
		if (scores[entry]! > 0) {
			scores[entry]! += passageWeight * bestPassage(index.terms, index.passages, entry, weights);
		}
	}
}

/**
 * Pasted logs carry colour codes and other escapes inside the very words signatures look for.
 * Line by line, so an escape left open on one line cannot swallow the lines after it.
 */
function plainQuery(query: string): string {
	return query.split(/\r*\n/).map(line => neutralizeTerminalText(line, {maximumLineLength: maximumScannedBytes})).join('\n');
}

function round(score: number): number {
	return Math.round(score * 1000) / 1000;
}
