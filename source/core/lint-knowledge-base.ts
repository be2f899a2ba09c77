import {causes} from './causes.js';
import type {Diagnostic} from './diagnostic.js';
import type {Playbook} from './playbook-schema.js';
import {compileSignature} from './regex-safety.js';
import {search, type SearchIndex} from './search/search.js';

/**
 * Rules over the whole knowledge base, beyond what loading one file can tell: every cause has a
 * playbook, and each signature recognises its own cause's text rather than a neighbour's.
 * (Per-file rules — syntax, schema, unsafe or too broad patterns, examples that do not match
 * their own signature — are reported by the loader.)
 */
export function lintKnowledgeBase(playbooks: readonly Playbook[], index: SearchIndex, fileOf: (playbook: Playbook) => string): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	const covered = new Set(playbooks.map(playbook => playbook.cause));

	for (const cause of causes) {
		if (!covered.has(cause.slug)) {
			diagnostics.push({file: 'playbooks/', field: 'cause', message: `cause "${cause.slug}" has no playbook`, severity: 'error'});
		}
	}

	for (const playbook of playbooks) {
		for (const [signatureIndex, signature] of playbook.signatures.entries()) {
			const verdict = compileSignature(signature.pattern, signature.flags);
			if (!verdict.ok) {
				continue;
			}

			for (const other of playbooks) {
				if (other.cause === playbook.cause) {
					continue;
				}

				const stolen = other.signatures.flatMap(otherSignature => otherSignature.examples).find(example => {
					verdict.regex.lastIndex = 0;
					return verdict.regex.test(example);
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

			for (const example of signature.examples) {
				const [best] = search(index, example, {limit: 1, conditions: signature.when?.conditions, exitCode: signature.when?.exitCodes?.[0]});
				if (best && best.kind === 'playbook' && best.cause !== playbook.cause) {
					diagnostics.push({
						file: fileOf(playbook),
						field: `signatures[${signatureIndex}].examples`,
						message: `its own example "${truncate(example)}" ranks ${best.id} (cause ${best.cause}) first; a neighbour's signature matches it better`,
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
