import {displayPath} from '../adapters/project-paths.js';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {formatDiagnostic} from '../core/diagnostic.js';
import {neutralizeTerminalText} from '../core/neutralize-terminal-text.js';
import {lintKnowledgeBase} from '../core/lint-knowledge-base.js';
import {lintVocabulary} from '../core/lint-vocabulary.js';
import {exitCodes} from '../core/user-error.js';
import type {CommandContext} from './command-context.js';

export type LintOptions = {
	readonly json: boolean;
	readonly playbookDirectories: readonly string[];
	readonly knowledgePaths: readonly string[];
};

/** Checks every playbook and knowledge file; exits 1 on any error, so CI can gate on it. */
export async function runLint(options: LintOptions, context: CommandContext): Promise<number> {
	const base = await loadKnowledgeBase({cwd: context.cwd, playbookDirectories: options.playbookDirectories, knowledgePaths: options.knowledgePaths});
	const diagnostics = [
		...base.diagnostics,
		...lintKnowledgeBase(base.playbooks, base.notes, base.index, playbook => displayPath(playbook.origin.file, context.cwd)),
		...lintVocabulary(base.index),
	];
	const errors = diagnostics.filter(diagnostic => diagnostic.severity === 'error').length;
	const warnings = diagnostics.length - errors;

	if (options.json) {
		context.stdout.write(`${JSON.stringify({playbooks: base.playbooks.length, concepts: base.vocabulary.concepts.length, notes: base.notes.length, errors, warnings, diagnostics}, null, 2)}\n`);
	} else {
		for (const diagnostic of diagnostics) {
			context.stdout.write(`${diagnostic.severity}: ${neutralizeTerminalText(formatDiagnostic(diagnostic))}\n`);
		}

		context.stdout.write(`${base.playbooks.length} playbooks, ${base.vocabulary.concepts.length} concepts and ${base.notes.length} notes checked: ${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.\n`);
	}

	return errors > 0 ? exitCodes.problem : exitCodes.ok;
}
