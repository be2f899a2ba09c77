import type {PhraseWord} from './phrase-words.js';
import type {QueryTerm} from './query-terms.js';
import {conceptTerm, findConcepts, type Vocabulary} from './vocabulary.js';

/**
 * A title says what the cause is ("A ':latest' image makes Kubernetes pull..."). When the text
 * denies a concept the title names (an image tagged 1.0, "the port is published", "not a
 * permission problem"), the words that still fit are no reason to rank that cause high: its text
 * score (words and best line) is weighed down as a misfitting exit code is. Denials elsewhere in
 * a playbook only count as the negative terms they are.
 */
const deniedTitleFit = 0.8;

/** The concept terms each entry's title (as words) names. */
export function titleConcepts(titles: ReadonlyArray<readonly PhraseWord[]>, vocabulary: Vocabulary): Array<ReadonlySet<string>> {
	return titles.map(words => new Set(findConcepts(vocabulary, words).map(match => conceptTerm(vocabulary.concepts[match.concept]!))));
}

/** The concept terms the query counts against (their weight is below zero). */
export function deniedConceptTerms(terms: ReadonlyMap<string, QueryTerm>, vocabulary: Vocabulary): string[] {
	return vocabulary.concepts.map(concept => conceptTerm(concept)).filter(term => (terms.get(term)?.weight ?? 0) < 0);
}

export function weighByDeniedTitle(titles: ReadonlyArray<ReadonlySet<string>>, denied: readonly string[], touched: readonly number[], scores: Float64Array): void {
	for (const entry of touched) {
		if (denied.some(term => titles[entry]!.has(term))) {
			scores[entry]! *= deniedTitleFit;
		}
	}
}
