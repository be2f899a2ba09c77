import type {PhraseWord} from './phrase-words.js';
import {findEcosystems, type Vocabulary} from './vocabulary.js';

/**
 * A cause written for one language (poetry.lock, Python's buffered stdout, npm's ERESOLVE) is
 * unlikely when the text speaks of other languages only: a stale cache of Rust crates is no
 * Python lock file. The languages come from the vocabulary's ecosystem concepts; an entry's from
 * its title, where a playbook for one language names it. What only words suggest loses a little,
 * a signature hit nothing.
 */
const otherEcosystemFit = 0.85;

/** The ecosystem concepts each entry's title (as words) names; undefined for an entry that names none. */
export function entryEcosystems(titles: ReadonlyArray<readonly PhraseWord[]>, vocabulary: Vocabulary): Array<ReadonlySet<number> | undefined> {
	return titles.map(words => {
		const named = findEcosystems(vocabulary, words);
		return named.length === 0 ? undefined : new Set(named.map(match => match.concept));
	});
}

/** Weighs the text scores of entries for languages the query does not name (it names some). */
export function weighByEcosystem(ecosystems: ReadonlyArray<ReadonlySet<number> | undefined>, named: ReadonlySet<number>, touched: readonly number[], scores: Float64Array): void {
	for (const entry of touched) {
		const own = ecosystems[entry];
		if (own && ![...own].some(ecosystem => named.has(ecosystem))) {
			scores[entry]! *= otherEcosystemFit;
		}
	}
}
