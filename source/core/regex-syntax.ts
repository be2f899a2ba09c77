import {RegExpParser, visitRegExpAST, type AST} from '@eslint-community/regexpp';

/**
 * The one reader of regular expression syntax in unblock: regexpp's tree of a pattern, for the
 * backtracking check (regex-ambiguity.ts) and the literal extraction (search/required-literals.ts).
 * Each walks the tree its own way and fails closed on what it does not handle.
 */
export type ParsedRegex = {
	readonly pattern: AST.Pattern;
	readonly ignoreCase: boolean;
	readonly dotAll: boolean;
	/** The u or the v flag: case folding then also reaches beyond ASCII (ſ is s, K is k). */
	readonly unicode: boolean;
};

/** A construct a walker of the tree does not handle: the pattern is refused, or read as having no literals. */
export class UnsupportedRegexError extends Error {}

/** Groups nested deeper than this are refused: no log pattern needs them, and each level costs stack. */
export const maximumGroupNesting = 100;

const parser = new RegExpParser();

/** The last few trees: a playbook's patterns are checked, then read for their literals, one after the other. */
const recent = new Map<string, ParsedRegex>();
const recentCount = 32;

export function parseRegex(pattern: string, flags: string): ParsedRegex {
	const key = `${flags}/${pattern}`;
	let parsed = recent.get(key);
	if (!parsed) {
		parsed = parseAnew(pattern, flags);
		recent.set(key, parsed);
		if (recent.size > recentCount) {
			recent.delete(recent.keys().next().value!);
		}
	}

	return parsed;
}

function parseAnew(pattern: string, flags: string): ParsedRegex {
	const unicode = flags.includes('u');
	const unicodeSets = flags.includes('v');
	let tree: AST.Pattern;
	try {
		tree = parser.parsePattern(pattern, 0, pattern.length, {unicode, unicodeSets});
	} catch (error) {
		throw error instanceof RangeError ? tooDeep() : error;
	}

	checkNesting(tree);
	return {pattern: tree, ignoreCase: flags.includes('i'), dotAll: flags.includes('s'), unicode: unicode || unicodeSets};
}

/** The walk stops at the limit, so neither walker of the tree goes deeper. */
function checkNesting(tree: AST.Pattern): void {
	let depth = 0;
	const enter = () => {
		if (++depth > maximumGroupNesting) {
			throw tooDeep();
		}
	};

	const leave = () => {
		depth--;
	};

	visitRegExpAST(tree, {
		onGroupEnter: enter,
		onGroupLeave: leave,
		onCapturingGroupEnter: enter,
		onCapturingGroupLeave: leave,
		onAssertionEnter: enter,
		onAssertionLeave: leave,
		onCharacterClassEnter: enter,
		onCharacterClassLeave: leave,
	});
}

function tooDeep(): UnsupportedRegexError {
	return new UnsupportedRegexError(`groups or classes nested more than ${maximumGroupNesting} deep`);
}

const constructNames: Partial<Record<AST.Node['type'], string>> = {
	ClassStringDisjunction: 'the string alternatives',
	ExpressionCharacterClass: 'the class set operation',
};

/** A construct as a reason names it: what it is and its own text, shortened. */
export function describeConstruct(node: AST.Node): string {
	const name = node.type === 'CharacterSet' && node.kind === 'property' && node.strings ? 'the property of strings' : constructNames[node.type] ?? 'the construct';
	return `${name} ${node.raw.length > 40 ? `${node.raw.slice(0, 37)}...` : node.raw}`;
}
