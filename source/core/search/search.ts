import Fuse from 'fuse.js';
import type {Note} from '../note.js';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {ContainerCondition, Playbook, Signature} from '../playbook-schema.js';
import {signatureRegex} from '../signature-regex.js';
import {buildInvertedIndex, scoreTerms, type IndexedField, type InvertedIndex} from './inverted-index.js';
import type {SearchOptions, SearchResult} from './search-result.js';
import {tokenize} from './tokenize.js';

/**
 * Ranking in two tiers that never cross: a playbook whose signature matches the text exactly
 * outranks any similarity of words; then BM25 over every text field, where long pasted logs land
 * and cost milliseconds. fuse.js forgives typos but only ever sees short things: one unknown word
 * of a typed query against the index's vocabulary (the words of titles, symptoms, tags and the
 * rest). Measured on the benchmark, running fuse.js over whole queries against titles and
 * symptoms cost 150-500 ms a query here and changed no ranking, so it does not.
 */

type Entry = {
	readonly kind: 'playbook' | 'note';
	readonly id: string;
	readonly title: string;
	readonly cause?: string;
	readonly playbook?: Playbook;
	readonly note?: Note;
	readonly signatures: ReadonlyArray<{readonly signature: Signature; readonly regex: RegExp}>;
};

export type SearchIndex = {
	readonly entries: readonly Entry[];
	readonly terms: InvertedIndex;
	/** The index's words, by first letter: a typo rarely hits the first letter, and a bucket is small. */
	readonly vocabulary: ReadonlyMap<string, Fuse<string>>;
	readonly corrections: Map<string, string | undefined>;
};

/** A typed query has few words; beyond this the text is pasted, and its words are exact. */
const typoCorrectionMaxWords = 24;
const maximumLineLength = 4096;
const maximumScannedBytes = 256 * 1024;

const signatureBase = 0.75;
/** A catch-all signature still beats plain word overlap on a tie, but never a specific signature. */
const genericSignatureBase = 0.5;
const textCeiling = 0.7;

export function buildSearchIndex(playbooks: readonly Playbook[], notes: readonly Note[] = []): SearchIndex {
	const entries: Entry[] = [];
	const documents: IndexedField[][] = [];

	for (const playbook of playbooks) {
		entries.push({
			kind: 'playbook',
			id: playbook.id,
			title: playbook.title,
			cause: playbook.cause,
			playbook,
			signatures: playbook.signatures.map(signature => ({signature, regex: signatureRegex(signature)})),
		});
		documents.push([
			{text: playbook.title, weight: 3},
			{text: playbook.symptoms.join('\n'), weight: 2.5},
			{text: playbook.tags.join(' '), weight: 2},
			{text: playbook.cause.replaceAll('-', ' '), weight: 1.5},
			{text: playbook.signatures.flatMap(signature => signature.examples).join('\n'), weight: 1.5},
			{text: playbook.summary, weight: 1},
			{text: playbook.steps.map(step => step.title).join('\n'), weight: 0.5},
		]);
	}

	for (const note of notes) {
		entries.push({kind: 'note', id: note.id, title: note.title, cause: note.cause, note, signatures: []});
		documents.push([
			{text: note.title, weight: 3},
			{text: note.errors.join('\n'), weight: 2},
			{text: note.problem, weight: 1},
			{text: note.rootCause ?? '', weight: 1},
			{text: note.resolution ?? '', weight: 0.5},
		]);
	}

	const terms = buildInvertedIndex(documents);
	const buckets = new Map<string, string[]>();
	for (const word of terms.words.values()) {
		if (word.length >= 4) {
			const bucket = buckets.get(word[0]!) ?? [];
			bucket.push(word);
			buckets.set(word[0]!, bucket);
		}
	}

	const vocabulary = new Map([...buckets].map(([letter, words]) => [letter, new Fuse(words, {
		includeScore: true,
		threshold: 0.25,
		ignoreLocation: true,
		minMatchCharLength: 3,
	})]));

	return {entries, terms, vocabulary, corrections: new Map()};
}

type Candidate = {
	signature: number;
	text: number;
	fuzzy: number;
	why: string[];
};

export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
	const text = plainQuery(query.length > maximumScannedBytes ? query.slice(-maximumScannedBytes) : query);
	const candidates = new Map<number, Candidate>();
	const candidate = (entry: number): Candidate => {
		let found = candidates.get(entry);
		if (!found) {
			found = {signature: 0, text: 0, fuzzy: 0, why: []};
			candidates.set(entry, found);
		}

		return found;
	};

	scoreSignatures(index, text, options, candidate);
	scoreWords(index, text, candidate);

	const results: SearchResult[] = [];
	for (const [entryIndex, found] of candidates) {
		const entry = index.entries[entryIndex]!;
		const similarity = Math.max(found.text, found.fuzzy);
		const score = found.signature > 0
			? Math.min(1, found.signature + (0.1 * similarity / textCeiling))
			: similarity;
		if (score < 0.05) {
			continue;
		}

		results.push({
			kind: entry.kind,
			id: entry.id,
			title: entry.title,
			cause: entry.cause,
			score: round(score),
			why: found.why,
			playbook: entry.playbook,
			note: entry.note,
		});
	}

	results.sort((left, right) => right.score - left.score || kindOrder(left) - kindOrder(right) || left.id.localeCompare(right.id));
	return results.slice(0, options.limit ?? 10);
}

function scoreSignatures(index: SearchIndex, text: string, options: SearchOptions, candidate: (entry: number) => Candidate): void {
	// A very long line is matched by its head and its tail: the error is at one end or the other.
	const linesOf = (part: string) => part.split(/\r?\n/).flatMap(line => line.length > maximumLineLength
		? [line.slice(0, maximumLineLength / 2), line.slice(-maximumLineLength / 2)]
		: [line]);
	const lines = linesOf(text);
	const sourced = options.sourcedText;
	const sourcedLines = sourced && {
		log: linesOf(sourced.log ?? ''),
		health: linesOf(sourced.health ?? ''),
		'engine-error': linesOf(sourced['engine-error'] ?? ''),
	};
	for (const [entryIndex, entry] of index.entries.entries()) {
		let best = 0;
		let bestWhy = '';
		for (const {signature, regex} of entry.signatures) {
			const where = sourcedLines && signature.source !== 'any' && signature.source !== 'build' ? sourcedLines[signature.source] : lines;
			const excerpt = firstMatch(regex, where);
			if (excerpt === undefined) {
				continue;
			}

			const {score, reason} = conditionFit(signature, options);
			if (score > best) {
				best = score;
				bestWhy = `signature /${signature.pattern}/ matched "${excerpt}"${reason}`;
			}
		}

		if (best > 0) {
			const found = candidate(entryIndex);
			found.signature = best;
			found.why.unshift(bestWhy);
		}
	}
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

function scoreWords(index: SearchIndex, text: string, candidate: (entry: number) => Candidate): void {
	const tokens = tokenize(text);
	const weights = new Map<string, number>();
	const corrections = new Map<string, string>();
	const correctTypos = tokens.length <= typoCorrectionMaxWords;

	for (const token of tokens) {
		if (index.terms.postings.has(token.term)) {
			weights.set(token.term, 1);
			continue;
		}

		if (!correctTypos || token.word.length < 4 || weights.has(token.term)) {
			continue;
		}

		const correction = correctTypo(index, token.word);
		const [corrected] = correction ? tokenize(correction) : [];
		if (corrected && !weights.has(corrected.term)) {
			weights.set(corrected.term, 0.7);
			corrections.set(corrected.term, `"${token.word}" ≈ "${correction}"`);
		}
	}

	if (weights.size === 0) {
		return;
	}

	for (const hit of scoreTerms(index.terms, weights)) {
		const found = candidate(hit.document);
		found.text = textCeiling * (hit.score / (hit.score + 6));
		const words = hit.terms.map(term => corrections.get(term) ?? index.terms.words.get(term) ?? term);
		found.why.push(`words: ${words.slice(0, 8).join(', ')}${words.length > 8 ? ', …' : ''}`);
	}
}

/** The known word a mistyped one most likely means; remembered, since typing repeats words. */
function correctTypo(index: SearchIndex, word: string): string | undefined {
	if (index.corrections.has(word)) {
		return index.corrections.get(word);
	}

	const [best] = index.vocabulary.get(word[0]!)?.search(word, {limit: 1}) ?? [];
	const correction = best && (best.score ?? 1) <= 0.25 ? best.item : undefined;
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

function kindOrder(result: SearchResult): number {
	return result.kind === 'playbook' ? 0 : 1;
}

function round(score: number): number {
	return Math.round(score * 1000) / 1000;
}
