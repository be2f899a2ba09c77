import type {Diagnostic} from '../core/diagnostic.js';
import {phrasingProblems, type Concept} from '../core/search/vocabulary.js';
import {vocabularyFileSchema} from '../core/search/vocabulary-schema.js';
import {parseYamlData} from './playbook-file-parser.js';

/** One vocabulary file's text to its concepts, or diagnostics that name the line and field. */
export function parseVocabularyText(text: string, shown: string): {concepts: readonly Concept[]; diagnostics: Diagnostic[]} {
	const parsed = parseYamlData(text, vocabularyFileSchema, shown, 'vocabulary');
	if (!parsed.data) {
		return {concepts: [], diagnostics: [...parsed.diagnostics]};
	}

	const problems = phrasingProblems(parsed.data.concepts);
	if (problems.length > 0) {
		return {concepts: [], diagnostics: problems.map(({position, field, index, message}) => parsed.diagnostic(message, ['concepts', position, field, index]))};
	}

	return {concepts: parsed.data.concepts, diagnostics: []};
}
