import {causes} from './causes.js';
import type {Diagnostic} from './diagnostic.js';
import {lintFixProof} from './lint-fix-proof.js';
import {notesAtReference} from './knowledge/link-notes.js';
import type {Note} from './note.js';
import type {Playbook} from './playbook-schema.js';
import {signatureRegex} from './signature-regex.js';
import {search, type SearchIndex} from './search/search.js';
import {mentionsHold} from './search/signature-hits.js';

/**
 * Rules over the whole knowledge base, beyond what loading one file can tell: every cause has a
 * playbook, and each signature recognises its own cause's text rather than a neighbour's.
 * (Per-file rules — syntax, schema, unsafe or too broad patterns, examples that do not match
 * their own signature — are reported by the loader.)
 */
export function lintKnowledgeBase(playbooks: readonly Playbook[], notes: readonly Note[], index: SearchIndex, fileOf: (playbook: Playbook) => string): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];

	for (const playbook of playbooks) {
		for (const [referenceIndex, reference] of playbook.seenIn.entries()) {
			if (notesAtReference(reference, notes).length === 0) {
				diagnostics.push({
					file: fileOf(playbook),
					field: `seenIn[${referenceIndex}]`,
					message: `"${reference}" names no blocker entry in the knowledge files; point it at the heading of the entry`,
					severity: 'warning',
				});
			}
		}
	}
	for (const playbook of playbooks) {
		for (const issue of lintFixProof(playbook)) {
			diagnostics.push({file: fileOf(playbook), field: issue.field, message: issue.message, severity: 'warning'});
		}
	}

	const covered = new Set(playbooks.map(playbook => playbook.cause));

	for (const cause of causes) {
		if (!covered.has(cause.slug)) {
			diagnostics.push({file: 'playbooks/', field: 'cause', message: `cause "${cause.slug}" has no playbook`, severity: 'error'});
		}
	}

	for (const playbook of playbooks) {
		for (const [signatureIndex, signature] of playbook.signatures.entries()) {
			const regex = signatureRegex(signature);
			for (const other of playbooks) {
				if (other.cause === playbook.cause) {
					continue;
				}

				// A signature qualified by mentions shares its error with a broader one on purpose; a
				// signature on facts only ever meets facts, and one on text only text.
				const facts = signature.source === 'facts';
				const stolen = other.signatures.filter(otherSignature => !otherSignature.mentions && (otherSignature.source === 'facts') === facts).flatMap(otherSignature => otherSignature.examples).find(example => {
					regex.lastIndex = 0;
					return regex.test(example) && mentionsHold(signature, example);
				});
				if (stolen !== undefined) {
					diagnostics.push({
						file: fileOf(playbook),
						field: `signatures[${signatureIndex}].pattern`,
						message: `also matches an example of ${other.id} (cause ${other.cause}): "${truncate(stolen)}"; make it more precise`,
						severity: 'warning',
					});
				}
			}

			// A catch-all gives way to specific signatures by design: it only has to keep its cause in sight.
			const places = signature.generic ? 3 : 1;
			for (const example of signature.examples) {
				// A fact is matched where diagnose states it, as a finding's facts.
				const sourced = signature.source === 'facts' ? {sourcedText: {facts: example}} : {};
				const ranked = search(index, example, {limit: places, conditions: signature.when?.conditions, exitCode: signature.when?.exitCodes?.[0], ...sourced});
				const [best] = ranked;
				if (best && best.kind === 'playbook' && !ranked.some(result => result.cause === playbook.cause)) {
					diagnostics.push({
						file: fileOf(playbook),
						field: `signatures[${signatureIndex}].examples`,
						message: places === 1
							? `its own example "${truncate(example)}" ranks ${best.id} (cause ${best.cause}) first; a neighbour's signature matches it better`
							: `its own example "${truncate(example)}" does not rank its cause in the first ${places}; ${best.id} (cause ${best.cause}) leads`,
						severity: 'error',
					});
				}
			}
		}
	}

	return diagnostics;
}

function truncate(text: string): string {
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
