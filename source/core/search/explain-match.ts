import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {ResolvedQuery} from './resolve-query-terms.js';

/**
 * Why an entry matched, in the user's words: the words and phrases of the query it holds, as the
 * user wrote them ("permission", not the stem "permiss"; "can't connect", the phrase that named
 * a concept), and for a paste, the line that carried most of them.
 */

const shownWords = 8;
const shownLineLength = 160;

export function explainWords(query: ResolvedQuery, holds: (term: number) => boolean): string {
	const phrases: string[] = [];
	const words: string[] = [];
	for (const {term, weight} of query.terms) {
		const written = query.written.get(term) ?? '';
		// A pair of words is counted, not shown: its two words already are.
		if (weight <= 0 || !holds(term) || query.pairs.has(term)) {
			continue;
		}

		(written.includes(' ') && !written.startsWith('"') ? phrases : words).push(written);
	}

	const shown = [...new Set([
		...phrases.map(phrase => `"${phrase}"`),
		...words.filter(word => !phrases.some(phrase => phrase.split(/[^\p{L}\p{N}]+/u).includes(word))),
	])];
	return `words: ${shown.slice(0, shownWords).join(', ')}${shown.length > shownWords ? ', …' : ''}`;
}

/** What the user said against the entry ("not a permission problem", "despite the port mapping"), if anything. */
export function explainAgainst(query: ResolvedQuery, holds: (term: number) => boolean): string | undefined {
	const against = new Set<string>();
	for (const {term, weight} of query.terms) {
		if (weight < 0 && holds(term) && !query.pairs.has(term)) {
			against.add(query.written.get(term) ?? '');
		}
	}

	against.delete('');
	return against.size === 0 ? undefined : `against: ${[...against].slice(0, shownWords).map(text => `"${text}"`).join(', ')}`;
}

/** The line of a multi-line query that holds most of what the entry matched, if there is one. */
export function tellingLine(query: ResolvedQuery, holds: (term: number) => boolean): string | undefined {
	const {lines} = query.analyzed;
	if (lines.length < 2) {
		return undefined;
	}

	let best: string | undefined;
	let bestCount = 0;
	for (const line of lines) {
		let count = 0;
		for (const term of line.terms) {
			const id = query.ids.get(term);
			if (id !== undefined && holds(id)) {
				count += line.weight * Math.max(0, query.analyzed.terms.get(term)?.weight ?? 0);
			}
		}

		if (count > bestCount) {
			best = line.text;
			bestCount = count;
		}
	}

	if (best === undefined) {
		return undefined;
	}

	const shown = neutralizeTerminalText(best).trim();
	return shown.length > shownLineLength ? `${shown.slice(0, shownLineLength - 1)}…` : shown;
}
