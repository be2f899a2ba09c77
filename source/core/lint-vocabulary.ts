import type {Diagnostic} from './diagnostic.js';
import {documentFrequency} from './search/inverted-index.js';
import type {SearchIndex} from './search/search.js';
import {compilePhrasing, conceptTerm, isEcosystem, type CompiledForm} from './search/vocabulary.js';

/**
 * Rules over the vocabulary as a whole, beyond what loading one file can tell: a phrasing means
 * one concept and no concept's opposite is also its phrasing, a concept is held by some entry (or it can never bring a query and a playbook
 * together), and a concept held by most entries says nothing about which one.
 */
const broadShare = 0.5;

export function lintVocabulary(index: SearchIndex): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const {concepts} = index.vocabulary;
	const owner = new Map<string, string>();
	const playbookCount = index.entries.filter(entry => entry.kind === 'playbook').length;

	for (const [number, concept] of concepts.entries()) {
		const file = concept.file ?? 'vocabulary';
		const position = concept.positionInFile ?? number;
		for (const [phrasingIndex, phrasing] of concept.phrasings.entries()) {
			const compiled = compilePhrasing(phrasing);
			if (!compiled) {
				continue;
			}

			// Ecosystems are matched apart from the other concepts: "vite" may name both a language and a concept.
			const key = `${isEcosystem(concept) ? 'ecosystem:' : ''}${phrasingKey(compiled)}`;
			const earlier = owner.get(key);
			if (earlier !== undefined && earlier !== concept.id) {
				diagnostics.push({file, field: `concepts[${position}].phrasings[${phrasingIndex}]`, message: `"${phrasing}" is also a phrasing of ${earlier}; a phrasing means one concept`, severity: 'error'});
			} else {
				owner.set(key, concept.id);
			}
		}

		// An ecosystem names a language; it is no term, so no entry holds it.
		if (isEcosystem(concept)) {
			continue;
		}

		const term = index.terms.termIds.get(conceptTerm(concept));
		const holding = term === undefined ? 0 : documentFrequency(index.terms, term);
		if (holding === 0) {
			diagnostics.push({file, field: `concepts[${position}]`, message: `no playbook or note uses any phrasing of ${concept.id}, so it cannot bring a query and a playbook together; add a symptom that uses one`, severity: 'warning'});
		} else if (playbookCount >= 10 && holding > broadShare * playbookCount) {
			diagnostics.push({file, field: `concepts[${position}]`, message: `${holding} of ${playbookCount} playbooks use a phrasing of ${concept.id}, so it tells them apart no better than a common word; keep phrasings that describe a symptom`, severity: 'warning'});
		}
	}

	for (const [number, concept] of concepts.entries()) {
		for (const [oppositeIndex, opposite] of (concept.opposites ?? []).entries()) {
			const compiled = compilePhrasing(opposite);
			if (compiled && owner.get(phrasingKey(compiled)) === concept.id) {
				diagnostics.push({file: concept.file ?? 'vocabulary', field: `concepts[${concept.positionInFile ?? number}].opposites[${oppositeIndex}]`, message: `"${opposite}" is also a phrasing of ${concept.id}; a phrase cannot both say a concept and deny it`, severity: 'error'});
			}
		}
	}

	return diagnostics;
}

function phrasingKey(compiled: CompiledForm): string {
	return compiled.stems.map((stem, at) => `${compiled.gapBefore[at] ? '… ' : ''}${stem}`).join(' ');
}
