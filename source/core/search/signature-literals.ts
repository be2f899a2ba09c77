import type {Playbook, Signature} from '../playbook-schema.js';

/**
 * The literal text a signature cannot match without (required-literals.ts works it out), which
 * search and note linking look up in the text before they run any regular expression
 * (pattern-prefilter.ts).
 */
export type RequiredLiterals = {
	/** Every text the pattern matches contains, for each group, at least one of its strings; strongest group first. */
	readonly groups: ReadonlyArray<readonly string[]>;
	/** The strings are lowercase and are looked for in the lowercased text. */
	readonly ignoreCase: boolean;
};

/** Shorter literals occur in too much text to be worth looking up. */
export const minimumLiteralLength = 3;

const remembered = new WeakMap<Signature, RequiredLiterals | null>();

/**
 * The literals of a playbook's signatures, in order (null where a pattern has none), as the one
 * who read the playbook worked them out: the build for a shipped playbook (its cache holds them),
 * the playbook file parser for any other. Ignored when they do not fit the playbook.
 */
export function rememberPlaybookLiterals(playbook: Playbook, literals: ReadonlyArray<RequiredLiterals | null>): void {
	if (literals.length !== playbook.signatures.length) {
		return;
	}

	for (const [position, signature] of playbook.signatures.entries()) {
		remembered.set(signature, literals[position] ?? null);
	}
}

/**
 * A signature's literals, if they were worked out when its playbook was read; one without any is
 * always tried. Search itself never parses a pattern, so it never loads the regular expression
 * parser.
 */
export function signatureLiterals(signature: Signature): RequiredLiterals | undefined {
	return remembered.get(signature) ?? undefined;
}
