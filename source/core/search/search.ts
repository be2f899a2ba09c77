import Fuse from 'fuse.js';
import type {Note} from '../note.js';
import type {ContainerCondition, Playbook, Signature} from '../playbook-schema.js';
import {compileSignature} from '../regex-safety.js';
import {buildInvertedIndex, scoreTerms, type IndexedField, type InvertedIndex} from './inverted-index.js';
import type {SearchOptions, SearchResult} from './search-result.js';
import {tokenize} from './tokenize.js';

/**
 * Ranking, in three tiers that never cross: a playbook whose signature matches the text exactly
 * outranks any fuzzy similarity; then BM25 over every text field (long pasted logs land here);
 * fuse.js only ever sees short things — one mistyped word against the vocabulary, or a short
 * query against titles, symptoms and tags — so it stays fast and still forgives typos.
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

type ShortField = {readonly entry: number; readonly text: string; readonly field: 'title' | 'symptom' | 'tag'};

export type SearchIndex = {
	readonly entries: readonly Entry[];
	readonly terms: InvertedIndex;
	/** The index's words, by first letter: a typo rarely hits the first letter, and a bucket is small. */
	readonly vocabulary: ReadonlyMap<string, Fuse<string>>;
	readonly corrections: Map<string, string | undefined>;
	readonly shortFields: Fuse<ShortField>;
};

/**
 * Up to this many characters a query also goes through fuse.js against titles, symptoms and
 * tags as a phrase. Longer text is matched by signatures and the index; fuse.js over a long
 * pattern costs hundreds of milliseconds and, measured on the benchmark, adds nothing there.
 */
const shortQueryLength = 32;
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
	const shortFields: ShortField[] = [];

	for (const playbook of playbooks) {
		const index = entries.length;
		entries.push({
			kind: 'playbook',
			id: playbook.id,
			title: playbook.title,
			cause: playbook.cause,
			playbook,
			signatures: playbook.signatures.flatMap(signature => {
				const verdict = compileSignature(signature.pattern, signature.flags);
				return verdict.ok ? [{signature, regex: verdict.regex}] : [];
			}),
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
		shortFields.push(
			{entry: index, text: playbook.title, field: 'title'},
			...playbook.symptoms.map(text => ({entry: index, text, field: 'symptom' as const})),
			...playbook.tags.map(text => ({entry: index, text, field: 'tag' as const})),
		);
	}

	for (const note of notes) {
		const index = entries.length;
		entries.push({kind: 'note', id: note.id, title: note.title, cause: note.cause, note, signatures: []});
		documents.push([
			{text: note.title, weight: 3},
			{text: note.errors.join('\n'), weight: 2},
			{text: note.problem, weight: 1},
			{text: note.rootCause ?? '', weight: 1},
			{text: note.resolution ?? '', weight: 0.5},
		]);
		shortFields.push({entry: index, text: note.title, field: 'title'});
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
	const shortFieldSearch = new Fuse(shortFields, {
		keys: ['text'],
		includeScore: true,
		ignoreLocation: true,
		threshold: 0.35,
		minMatchCharLength: 3,
	});

	return {entries, terms, vocabulary, corrections: new Map(), shortFields: shortFieldSearch};
}

type Candidate = {
	signature: number;
	text: number;
	fuzzy: number;
	why: string[];
};

export function search(index: SearchIndex, query: string, options: SearchOptions = {}): SearchResult[] {
	const text = query.length > maximumScannedBytes ? query.slice(-maximumScannedBytes) : query;
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
	if (text.trim().length <= shortQueryLength) {
		scoreShortFields(index, text.trim(), candidate);
	}

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
	const lines = text.split(/\r?\n/).map(line => line.length > maximumLineLength ? line.slice(0, maximumLineLength) : line);
	for (const [entryIndex, entry] of index.entries.entries()) {
		let best = 0;
		let bestWhy = '';
		for (const {signature, regex} of entry.signatures) {
			const excerpt = firstMatch(regex, lines);
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

function scoreShortFields(index: SearchIndex, text: string, candidate: (entry: number) => Candidate): void {
	if (text.length < 3) {
		return;
	}

	const seen = new Set<number>();
	for (const result of index.shortFields.search(text, {limit: 30})) {
		const {entry, field, text: fieldText} = result.item;
		if (seen.has(entry)) {
			continue;
		}

		seen.add(entry);
		const similarity = textCeiling * 0.9 * (1 - (result.score ?? 1));
		const found = candidate(entry);
		if (similarity > found.fuzzy) {
			found.fuzzy = similarity;
			found.why.push(`similar to ${field} "${fieldText}"`);
		}
	}
}

function excerptAround(line: string, start: number, length: number): string {
	const from = Math.max(0, start - 20);
	const to = Math.min(line.length, start + length + 20);
	return `${from > 0 ? '…' : ''}${line.slice(from, to).trim()}${to < line.length ? '…' : ''}`;
}

function kindOrder(result: SearchResult): number {
	return result.kind === 'playbook' ? 0 : 1;
}

function round(score: number): number {
	return Math.round(score * 1000) / 1000;
}
