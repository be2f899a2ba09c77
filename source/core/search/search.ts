import type {Note} from '../note.js';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {ContainerCondition, Playbook, Signature} from '../playbook-schema.js';
import {signatureRegex} from '../signature-regex.js';
import {compareIds} from './compare-ids.js';
import {buildInvertedIndex, holdsTerm, rarestTerms, scoreTerms, type DocumentTerms, type InvertedIndex, type WeightedTerm} from './inverted-index.js';
import {playbookPrefilter} from './pattern-prefilter.js';
import {noteTerms, playbookTerms} from './search-documents.js';
import type {SearchOptions, SearchResult} from './search-result.js';
import {tokenize} from './tokenize.js';
import {TypoCorrector} from './typo-corrector.js';

/**
 * Ranking in two tiers that never cross: a playbook whose signature matches the text exactly
 * outranks any similarity of words; then BM25 over every text field, where long pasted logs land
 * and cost milliseconds. fuse.js forgives typos but only ever sees short things: one unknown word
 * of a typed query against the index's vocabulary (the words of titles, symptoms, tags and the
 * rest). Measured on the benchmark, running fuse.js over whole queries against titles and
 * symptoms cost 150-500 ms a query here and changed no ranking, so it does not.
 *
 * Built for twenty thousand entries as much as for a hundred: a signature's regex runs only when
 * the literal text it requires is in the query (pattern-prefilter.ts); a pasted log is scored by
 * its rarest words only; scores add up in typed arrays; only the best few results are sorted and
 * explained; fuse.js sees only the known words a typo could be (typo-corrector.ts); and what only
 * some queries need (the prefilter, shared with note linking; the corrector; compiled regexes)
 * is built on first use.
 */

type Entry = {
	readonly kind: 'playbook' | 'note';
	readonly id: string;
	readonly title: string;
	readonly cause?: string;
	readonly playbook?: Playbook;
	readonly note?: Note;
};

type IndexedSignature = {
	readonly signature: Signature;
	readonly entry: number;
};

export type SearchIndex = {
	readonly playbooks: readonly Playbook[];
	readonly entries: readonly Entry[];
	/** Every playbook's signatures, entry by entry, in the order written. */
	readonly signatures: readonly IndexedSignature[];
	readonly terms: InvertedIndex;
	readonly corrections: Map<string, string | undefined>;
	/** Built by the first query that needs them. */
	readonly lazy: {
		corrector?: TypoCorrector;
		scores?: Float64Array;
	};
};

/** A typed query has few words; beyond this the text is pasted, and its words are exact. */
const typoCorrectionMaxWords = 24;
/** A pasted log is scored by this many of its distinct words, the rarest; a typed query has fewer. */
const maximumQueryTerms = 32;
const maximumLineLength = 4096;
const maximumScannedBytes = 256 * 1024;

const signatureBase = 0.75;
/** A catch-all signature still beats plain word overlap on a tie, but never a specific signature. */
const genericSignatureBase = 0.5;
const textCeiling = 0.7;
const minimumScore = 0.05;


export function buildSearchIndex(playbooks: readonly Playbook[], notes: readonly Note[] = []): SearchIndex {
	const entries: Entry[] = [];
	const signatures: IndexedSignature[] = [];
	const documents: DocumentTerms[] = [];

	for (const playbook of playbooks) {
		for (const signature of playbook.signatures) {
			signatures.push({signature, entry: entries.length});
		}

		entries.push({kind: 'playbook', id: playbook.id, title: playbook.title, cause: playbook.cause, playbook});
		documents.push(playbookTerms(playbook));
	}

	for (const note of notes) {
		entries.push({kind: 'note', id: note.id, title: note.title, cause: note.cause, note});
		documents.push(noteTerms(note));
	}

	return {playbooks, entries, signatures, terms: buildInvertedIndex(documents), corrections: new Map(), lazy: {}};
}

type SignatureHit = {readonly score: number; readonly why: string};

export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
	const text = plainQuery(query.length > maximumScannedBytes ? query.slice(-maximumScannedBytes) : query);
	const signatureHits = scoreSignatures(index, text, options);
	const scores = index.lazy.scores ??= new Float64Array(index.entries.length);
	const words = queryTerms(index, text);
	const touched = scoreTerms(index.terms, words.terms, scores);
	try {
		return rank(index, signatureHits, words, touched, scores, options.limit ?? 10);
	} finally {
		for (const entry of touched) {
			scores[entry] = 0;
		}
	}
}

function rank(index: SearchIndex, signatureHits: ReadonlyMap<number, SignatureHit>, words: QueryTerms, touched: readonly number[], scores: Float64Array, limit: number): SearchResult[] {
	// Plain arrays of numbers: a pasted log touches thousands of entries, and few make the cut.
	const candidates: number[] = [];
	const finalScores: number[] = [];
	const similarityOf = (entry: number) => {
		const textScore = scores[entry]!;
		return textScore > 0 ? textCeiling * (textScore / (textScore + 6)) : 0;
	};

	for (const [entry, hit] of signatureHits) {
		const score = Math.min(1, hit.score + (0.1 * similarityOf(entry) / textCeiling));
		if (score >= minimumScore) {
			candidates.push(entry);
			finalScores.push(round(score));
		}
	}

	for (const entry of touched) {
		const score = similarityOf(entry);
		if (score >= minimumScore && !signatureHits.has(entry)) {
			candidates.push(entry);
			finalScores.push(round(score));
		}
	}

	const cutoff = limitthBest(finalScores, limit);
	const kept: number[] = [];
	for (const [position, score] of finalScores.entries()) {
		if (score >= cutoff) {
			kept.push(position);
		}
	}

	// Only what can make the first `limit` is sorted.
	const entryAt = (position: number) => index.entries[candidates[position]!]!;
	kept.sort((left, right) => finalScores[right]! - finalScores[left]!
		|| kindOrder(entryAt(left).kind) - kindOrder(entryAt(right).kind)
		|| compareIds(entryAt(left).id, entryAt(right).id));

	return kept.slice(0, limit).map((position): SearchResult => {
		const entryIndex = candidates[position]!;
		const entry = index.entries[entryIndex]!;
		const signature = signatureHits.get(entryIndex);
		const why: string[] = [];
		if (signature) {
			why.push(signature.why);
		}

		if (scores[entryIndex]! > 0) {
			why.push(wordsWhy(index, words, entryIndex));
		}

		return {
			kind: entry.kind,
			id: entry.id,
			title: entry.title,
			cause: entry.cause,
			score: finalScores[position]!,
			why,
			playbook: entry.playbook,
			note: entry.note,
		};
	});
}

/** The `limit`-th best of the scores (the lowest score that can still make the cut), or 0 when there are fewer. */
function limitthBest(scores: readonly number[], limit: number): number {
	if (limit <= 0) {
		return Number.POSITIVE_INFINITY;
	}

	if (scores.length <= limit) {
		return 0;
	}

	const top: number[] = [];
	for (const score of scores) {
		if (top.length < limit || score > top[top.length - 1]!) {
			let at = top.length < limit ? top.length : top.length - 1;
			while (at > 0 && top[at - 1]! < score) {
				top[at] = top[at - 1]!;
				at--;
			}

			top[at] = score;
		}
	}

	return top[limit - 1]!;
}

function scoreSignatures(index: SearchIndex, text: string, options: SearchOptions): Map<number, SignatureHit> {
	const hits = new Map<number, SignatureHit>();
	if (index.signatures.length === 0) {
		return hits;
	}

	const prefilter = playbookPrefilter(index.playbooks);
	const sourced = options.sourcedText;
	const sources = ['log', 'health', 'engine-error'] as const;
	const sourceOf = (signature: Signature) => sourced && signature.source !== 'any' && signature.source !== 'build' ? signature.source : undefined;

	// Only the signatures whose literal text is where they look can match.
	let candidates = prefilter.candidates(text);
	if (sourced) {
		candidates = candidates.filter(position => sourceOf(index.signatures[position]!.signature) === undefined);
		for (const source of sources) {
			candidates.push(...prefilter.candidates(sourced[source] ?? '').filter(position => sourceOf(index.signatures[position]!.signature) === source));
		}

		candidates.sort((left, right) => left - right);
	}

	// A very long line is matched by its head and its tail: the error is at one end or the other.
	const linesOf = (part: string) => part.split(/\r?\n/).flatMap(line => line.length > maximumLineLength
		? [line.slice(0, maximumLineLength / 2), line.slice(-maximumLineLength / 2)]
		: [line]);
	const lines = new Map<string, readonly string[]>();
	const linesFor = (source: (typeof sources)[number] | undefined) => {
		const key = source ?? 'any';
		let found = lines.get(key);
		if (!found) {
			found = linesOf(source ? sourced?.[source] ?? '' : text);
			lines.set(key, found);
		}

		return found;
	};

	let entry = -1;
	let best = 0;
	let bestWhy = '';
	const settle = () => {
		if (best > 0) {
			hits.set(entry, {score: best, why: bestWhy});
		}
	};

	for (const position of candidates) {
		const {signature, entry: owner} = index.signatures[position]!;
		if (owner !== entry) {
			settle();
			entry = owner;
			best = 0;
			bestWhy = '';
		}

		const excerpt = firstMatch(signatureRegex(signature), linesFor(sourceOf(signature)));
		if (excerpt === undefined) {
			continue;
		}

		const {score, reason} = conditionFit(signature, options);
		if (score > best) {
			best = score;
			bestWhy = `signature /${signature.pattern}/ matched "${excerpt}"${reason}`;
		}
	}

	settle();
	return hits;
}

function firstMatch(regex: RegExp, lines: readonly string[]): string | undefined {
	for (const line of lines) {
		regex.lastIndex = 0;
		const match = regex.exec(line);
		if (match) {
			return excerptAround(line, match.index, match[0].length);
		}
	}

	return undefined;
}

/** A signature tied to the container's condition gains; one tied to another condition loses. */
function conditionFit(signature: Signature, options: SearchOptions): {score: number; reason: string} {
	const base = signature.generic ? genericSignatureBase : signatureBase;
	const when = signature.when;
	if (!when || (!options.conditions && options.exitCode === undefined)) {
		return {score: base, reason: ''};
	}

	const conditions: readonly ContainerCondition[] = options.conditions ?? [];
	const conditionHit = when.conditions?.find(condition => conditions.includes(condition));
	const exitHit = when.exitCodes !== undefined && options.exitCode !== undefined && when.exitCodes.includes(options.exitCode);
	const conditionMiss = when.conditions !== undefined && !conditionHit;
	const exitMiss = when.exitCodes !== undefined && options.exitCode !== undefined && !exitHit;

	let score = base;
	const reasons: string[] = [];
	if (conditionHit) {
		score += 0.12;
		reasons.push(`container is ${conditionHit}`);
	}

	if (exitHit) {
		score += 0.08;
		reasons.push(`exit code ${options.exitCode}`);
	}

	if (conditionMiss || (exitMiss && !conditionHit)) {
		score -= 0.15;
	}

	return {score, reason: reasons.length > 0 ? `, ${reasons.join(', ')}` : ''};
}

type QueryTerms = {
	readonly terms: readonly WeightedTerm[];
	/** Corrected term → how the correction reads in "why". */
	readonly corrections: ReadonlyMap<number, string>;
};

function queryTerms(index: SearchIndex, text: string): QueryTerms {
	const tokens = tokenize(text);
	const weights = new Map<string, number>();
	const corrections = new Map<number, string>();
	const correctTypos = tokens.length <= typoCorrectionMaxWords;
	const {termIds} = index.terms;

	for (let at = 0; at < tokens.length; at++) {
		const token = tokens[at]!;
		if (termIds.has(token.term)) {
			weights.set(token.term, 1);
			continue;
		}

		if (!correctTypos || token.word.length < 4 || weights.has(token.term)) {
			continue;
		}

		const correction = correctTypo(index, token.word);
		const corrected = correction === undefined ? undefined : tokenize(correction)[0];
		const correctedId = corrected && termIds.get(corrected.term);
		if (corrected && correctedId !== undefined && !weights.has(corrected.term)) {
			weights.set(corrected.term, 0.7);
			corrections.set(correctedId, `"${token.word}" ≈ "${correction}"`);
		}
	}

	const terms: WeightedTerm[] = [];
	for (const [term, weight] of weights) {
		const id = termIds.get(term);
		if (id !== undefined) {
			terms.push({term: id, weight});
		}
	}

	// A pasted log is scored by its most informative words: its common ones (the service name,
	// "started", "request") each touch much of the corpus and barely move a score.
	return {terms: rarestTerms(index.terms, terms, maximumQueryTerms), corrections};
}

/** The query's words the entry holds, as they were written (or corrected). */
function wordsWhy(index: SearchIndex, query: QueryTerms, entry: number): string {
	const words: string[] = [];
	for (const {term} of query.terms) {
		if (holdsTerm(index.terms, term, entry)) {
			words.push(query.corrections.get(term) ?? index.terms.written[term]!);
		}
	}

	return `words: ${words.slice(0, 8).join(', ')}${words.length > 8 ? ', …' : ''}`;
}

/** The known word a mistyped one most likely means; remembered, since typing repeats words. */
function correctTypo(index: SearchIndex, word: string): string | undefined {
	if (index.corrections.has(word)) {
		return index.corrections.get(word);
	}

	const corrector = index.lazy.corrector ??= new TypoCorrector(() => index.terms.written);
	const correction = corrector.correct(word);
	if (index.corrections.size < 10_000) {
		index.corrections.set(word, correction);
	}

	return correction;
}

/**
 * Pasted logs carry colour codes and other escapes inside the very words signatures look for.
 * Line by line, so an escape left open on one line cannot swallow the lines after it.
 */
function plainQuery(query: string): string {
	return query.split(/\r*\n/).map(line => neutralizeTerminalText(line, {maximumLineLength: maximumScannedBytes})).join('\n');
}

/** The matched part of a line with a little context; the line is pasted or logged text, so it is neutralised. */
function excerptAround(line: string, start: number, length: number): string {
	const from = Math.max(0, start - 20);
	const to = Math.min(line.length, start + Math.min(length, 200) + 20);
	const excerpt = neutralizeTerminalText(line.slice(from, to)).trim();
	return `${from > 0 ? '…' : ''}${excerpt}${to < line.length ? '…' : ''}`;
}

function kindOrder(kind: Entry['kind']): number {
	return kind === 'playbook' ? 0 : 1;
}

function round(score: number): number {
	return Math.round(score * 1000) / 1000;
}
