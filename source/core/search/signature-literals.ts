import type {Playbook} from '../playbook-schema.js';

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

type Literals = ReadonlyArray<RequiredLiterals | null>;

const remembered = new WeakMap<Playbook, Literals | (() => Literals)>();

/**
 * The literals of a playbook's signatures, in order (null where a pattern has none), as the one
 * who read the playbook worked them out: the build for a shipped playbook (its cache holds them,
 * read when a prefilter is first built from the playbook, as few starts need), the playbook file
 * parser for any other.
 */
export function rememberPlaybookLiterals(playbook: Playbook, literals: Literals | (() => Literals)): void {
	remembered.set(playbook, literals);
}

/**
 * Each signature's literals, if they were worked out when its playbook was read; one without any
 * is always tried, and so is every signature of a playbook whose literals do not fit it. Search
 * itself never parses a pattern, so it never loads the regular expression parser.
 */
export function playbookLiterals(playbook: Playbook): Array<RequiredLiterals | undefined> {
	let literals = remembered.get(playbook);
	if (typeof literals === 'function') {
		literals = literals();
		remembered.set(playbook, literals);
	}

	const fits = literals?.length === playbook.signatures.length;
	return playbook.signatures.map((_signature, position) => (fits ? literals![position] : undefined) ?? undefined);
}
