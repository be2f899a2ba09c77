import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {ContainerCondition, Playbook, Signature} from '../playbook-schema.js';
import {signatureRegex} from '../signature-regex.js';
import {playbookPrefilter} from './pattern-prefilter.js';
import {phraseWords, type PhraseWord} from './phrase-words.js';
import {compilePhrasing} from './vocabulary.js';
import type {SearchOptions} from './search-result.js';

/**
 * The first tier of ranking: a playbook whose signature matches the text exactly. Only the
 * signatures whose literal text is where they look are run (pattern-prefilter.ts); a signature
 * that names a source (the log, the health probe's output, the engine's error) sees only that part.
 * A signature on facts (what diagnose saw on the engine, in unblock's own words) runs only when
 * a finding brings facts, and adds to the playbook's other hit: a fact is the surer evidence.
 */

export type IndexedSignature = {
	readonly signature: Signature;
	/** The entry of the playbook it belongs to. */
	readonly entry: number;
};

export type SignatureHit = {
	readonly score: number;
	readonly why: string;
	/** The line the signature matched. */
	readonly line: string;
};

const maximumLineLength = 4096;
const signatureBase = 0.75;
/** A signature whose mentions the text holds is more specific than the same error without them. */
const mentionBonus = 0.05;
/** A catch-all signature still beats plain word overlap on a tie, but never a specific signature. */
const genericSignatureBase = 0.5;
/**
 * What a matched fact adds to a playbook's best hit: enough that a specific fact tied to the
 * container's condition outranks any text signature with its word similarity.
 */
const factBonus = 0.15;

const sources = ['log', 'health', 'engine-error', 'facts'] as const;
type Source = (typeof sources)[number];

export function signatureHits(playbooks: readonly Playbook[], signatures: readonly IndexedSignature[], text: string, options: SearchOptions): Map<number, SignatureHit> {
	const hits = new Map<number, SignatureHit>();
	if (signatures.length === 0) {
		return hits;
	}

	const prefilter = playbookPrefilter(playbooks);
	const sourced = options.sourcedText;
	// Facts are only ever looked for where a finding states them, never in typed or pasted text.
	const sourceOf = (signature: Signature): Source | undefined => signature.source === 'facts'
		? 'facts'
		: sourced && signature.source !== 'any' && signature.source !== 'build' ? signature.source : undefined;

	// Only the signatures whose literal text is where they look can match.
	let candidates = prefilter.candidates(text).filter(position => sourceOf(signatures[position]!.signature) === undefined);
	if (sourced) {
		for (const source of sources) {
			candidates.push(...prefilter.candidates(sourced[source] ?? '').filter(position => sourceOf(signatures[position]!.signature) === source));
		}

		candidates = [...new Set(candidates)].sort((left, right) => left - right);
	}

	const lines = new Map<string, readonly string[]>();
	const linesFor = (source: Source | undefined) => {
		const key = source ?? 'any';
		let found = lines.get(key);
		if (!found) {
			found = linesOf(source ? sourced?.[source] ?? '' : text);
			lines.set(key, found);
		}

		return found;
	};

	let allWords: PhraseWord[] | undefined;
	const wordsOfText = () => allWords ??= phraseWords([text, ...Object.values(sourced ?? {})].join('\n'));

	const factHits = new Map<number, SignatureHit>();
	for (const position of candidates) {
		const {signature, entry} = signatures[position]!;
		const line = firstMatchingLine(signatureRegex(signature), linesFor(sourceOf(signature)));
		if (line === undefined) {
			continue;
		}

		const mentioned = signature.mentions ? mentionIn(signature, wordsOfText()) : undefined;
		if (mentioned === null) {
			continue;
		}

		const fit = conditionFit(signature, options);
		const score = fit.score + (mentioned ? mentionBonus : 0);
		const reason = `${fit.reason}${mentioned ? `, mentions ${mentioned}` : ''}`;
		const found = signature.source === 'facts' ? factHits : hits;
		if (score > (found.get(entry)?.score ?? 0)) {
			found.set(entry, {score, why: `signature /${signature.pattern}/ matched ${signature.source === 'facts' ? 'what the engine showed: ' : ''}"${line.excerpt}"${reason}`, line: line.text});
		}
	}

	for (const [entry, fact] of factHits) {
		const text = hits.get(entry);
		hits.set(entry, text
			? {score: Math.max(text.score, fact.score) + factBonus, why: `${text.why}; ${fact.why}`, line: text.line}
			: {...fact, score: fact.score + factBonus});
	}

	return hits;
}

const compiledMentions = new WeakMap<Signature, ReadonlyArray<{readonly mention: string; readonly stems: readonly string[]}>>();

/** Whether the signature counts for this text: it has no mentions, or the text holds one. */
export function mentionsHold(signature: Signature, text: string): boolean {
	return !signature.mentions || mentionIn(signature, phraseWords(text)) !== null;
}

/** The first of the signature's mentions the text holds (as whole words, stemmed), or null. */
function mentionIn(signature: Signature, words: readonly PhraseWord[]): string | null {
	let mentions = compiledMentions.get(signature);
	if (!mentions) {
		mentions = (signature.mentions ?? []).flatMap(mention => {
			const compiled = compilePhrasing(mention);
			return compiled ? [{mention, stems: compiled.stems}] : [];
		});
		compiledMentions.set(signature, mentions);
	}

	for (const {mention, stems} of mentions) {
		for (let start = 0; start + stems.length <= words.length; start++) {
			if (stems.every((stem, offset) => words[start + offset]!.stem === stem)) {
				return mention;
			}
		}
	}

	return null;
}

/** A very long line is matched by its head and its tail: the error is at one end or the other. */
function linesOf(part: string): string[] {
	return part.split(/\r?\n/).flatMap(line => line.length > maximumLineLength
		? [line.slice(0, maximumLineLength / 2), line.slice(-maximumLineLength / 2)]
		: [line]);
}

function firstMatchingLine(regex: RegExp, lines: readonly string[]): {text: string; excerpt: string} | undefined {
	for (const line of lines) {
		regex.lastIndex = 0;
		const match = regex.exec(line);
		if (match) {
			return {text: line, excerpt: excerptAround(line, match.index, match[0].length)};
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

/** The matched part of a line with a little context; the line is pasted or logged text, so it is neutralised. */
function excerptAround(line: string, start: number, length: number): string {
	const from = Math.max(0, start - 20);
	const to = Math.min(line.length, start + Math.min(length, 200) + 20);
	const excerpt = neutralizeTerminalText(line.slice(from, to)).trim();
	return `${from > 0 ? '…' : ''}${excerpt}${to < line.length ? '…' : ''}`;
}
