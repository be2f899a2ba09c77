import type {AST} from '@eslint-community/regexpp';
import {buildAutomaton, emptyNode, hasAmbiguousLoop, hasLoopsInRow, holdsRepeat, loopsIn, repeatNode, type RegexNode} from './regex-automaton.js';
import {add, complement, emptySet, foldingBit, has, merge, otherBit, range, type CharacterSet} from './regex-character-set.js';
import {describeConstruct, parseRegex, UnsupportedRegexError, type ParsedRegex} from './regex-syntax.js';

/** A repeated group with more positions than this is refused rather than checked: it is not a log signature. */
export const maximumCheckedStates = 80;
const maximumPatternStates = 1000;

const reasons = {
	nested: 'nested quantifiers can backtrack catastrophically',
	overlapping: 'a repeated group can read the same text in two ways (overlapping alternatives such as (.|\\s)* or (\\w|\\d)+), which backtracks catastrophically; make the alternatives exclude each other',
	large: `a repeated group reads more than ${maximumCheckedStates} characters and cannot be checked for backtracking; make it smaller`,
	long: `it reads more than ${maximumPatternStates} characters and cannot be checked for backtracking; make it shorter`,
	inRow: 'two repeats in a row can read the same text (such as \\s*\\s* or .*.*), which backtracks polynomially on a long line; merge them into one',
};

/**
 * Why a pattern could backtrack catastrophically on a long log line, or undefined when it cannot.
 * A signature runs on every line of every container's log, and a pattern that reads one text in
 * many ways runs for hours on a few thousand spaces:
 * - exponentially, a repeated group that reads a text in two ways: overlapping alternatives,
 *   `(a|a)*`, `(.|\s)*`, `(\w|\d)+`, or nested quantifiers, `(a+)+`, `(\w+\s?)*`;
 * - polynomially, repeats in a row that read the same text, `\s*\s*`, `\d+\.?\d+`, `(a+){2,5}`.
 * A construct it does not know is refused: "unsupported" names it.
 */
export function backtrackingRisk(pattern: string, flags: string): string | undefined {
	// Playbooks share patterns (a container name's, a path's): each is checked once.
	const key = `${flags}/${pattern}`;
	if (!verdicts.has(key)) {
		verdicts.set(key, checkedRisk(pattern, flags));
	}

	return verdicts.get(key);
}

const verdicts = new Map<string, string | undefined>();

function checkedRisk(pattern: string, flags: string): string | undefined {
	let roots: RegexNode[];
	try {
		const builder = new CheckedTree(parseRegex(pattern, flags));
		roots = [builder.root, ...builder.lookarounds];
	} catch (error) {
		return `unsupported regular expression: ${(error as Error).message}; it cannot be checked for backtracking, so write it another way`;
	}

	const reason = roots.map(root => rootRisk(root)).find(Boolean);
	return reason && `unsafe regular expression: ${reason}`;
}

function rootRisk(root: RegexNode): string | undefined {
	for (const loop of loopsIn(root, false)) {
		const automaton = buildAutomaton(loop, maximumCheckedStates);
		if (automaton.sets.length > maximumCheckedStates) {
			return reasons.large;
		}

		if (hasAmbiguousLoop(automaton)) {
			return holdsRepeat(loop.body) ? reasons.nested : reasons.overlapping;
		}
	}

	// Two is what any unanchored loop costs (`.+x`): every start, then the loop.
	if (loopsIn(root, true).length < 2) {
		return undefined;
	}

	const automaton = buildAutomaton(root, maximumPatternStates);
	if (automaton.sets.length > maximumPatternStates) {
		return reasons.long;
	}

	return hasLoopsInRow(automaton) ? reasons.inRow : undefined;
}

type Mode = {readonly ignoreCase: boolean; readonly dotAll: boolean};

const anyCharacter = () => range(0, 0x10_FFFF);

const escapeSets = {
	digit: () => range(48, 57),
	word: () => merge(range(48, 57), range(65, 90), range(97, 122), range(95, 95)),
	// Unicode spaces too: no-break space, the line separators, the BOM.
	space: () => add(range(9, 13), 32, otherBit),
};

/**
 * regexpp's tree as the few kinds of node the check reasons about. A lookaround reads nothing the
 * match goes on from; its body is checked as a pattern of its own.
 */
class CheckedTree {
	readonly lookarounds: RegexNode[] = [];
	readonly root: RegexNode;
	private copying = false;

	constructor(private readonly parsed: ParsedRegex) {
		this.root = this.node(parsed.pattern, parsed);
	}

	private node(node: AST.Node, mode: Mode): RegexNode {
		switch (node.type) {
			case 'Pattern':
			case 'CapturingGroup':
			case 'Group': {
				const inner = node.type === 'Group' && node.modifiers ? withModifiers(mode, node.modifiers) : mode;
				return {type: 'alternation', options: node.alternatives.map(alternative => this.node(alternative, inner))};
			}

			case 'Alternative': {
				return {type: 'sequence', items: node.elements.map(element => this.node(element, mode))};
			}

			case 'Quantifier': {
				return repeatNode(this.node(node.element, mode), node.min, node.max);
			}

			case 'Assertion': {
				if (node.kind === 'lookahead' || node.kind === 'lookbehind') {
					this.lookarounds.push({type: 'alternation', options: node.alternatives.map(alternative => this.node(alternative, mode))});
				}

				return emptyNode;
			}

			case 'Backreference': {
				return this.backreference(node);
			}

			case 'Character':
			case 'CharacterSet':
			case 'CharacterClass': {
				return {type: 'character', set: this.set(node, mode)};
			}

			default: {
				throw new UnsupportedRegexError(describeConstruct(node));
			}
		}
	}

	/**
	 * It reads again what its group read, so it is at most as ambiguous as a copy of the group (read
	 * with any case and any line break); inside its group, or before it, it reads nothing.
	 */
	private backreference(node: AST.Backreference): RegexNode {
		if (this.copying) {
			throw new UnsupportedRegexError(`the back-reference ${node.raw} inside a group another back-reference repeats`);
		}

		this.copying = true;
		const groups = (Array.isArray(node.resolved) ? node.resolved : [node.resolved]).filter(group => !isInside(node, group));
		const copies = groups.map(group => this.node(group, {ignoreCase: true, dotAll: true}));
		this.copying = false;
		return {type: 'alternation', options: [emptyNode, ...copies]};
	}

	/** The characters a node reads. A class with a Unicode property in it reads "any character", whatever its negation. */
	private set(node: AST.Node, mode: Mode): CharacterSet {
		switch (node.type) {
			case 'Character': {
				return this.fold(range(node.value, node.value), mode);
			}

			case 'CharacterClassRange': {
				return this.fold(range(node.min.value, node.max.value), mode);
			}

			case 'CharacterSet': {
				if (node.kind === 'property') {
					if (node.strings) {
						throw new UnsupportedRegexError(describeConstruct(node));
					}

					return anyCharacter();
				}

				if (node.kind === 'any') {
					const set = anyCharacter();
					set[0]! &= mode.dotAll ? ~0 : ~((1 << 10) | (1 << 13));
					return set;
				}

				const set = this.fold(escapeSets[node.kind](), mode);
				return node.negate ? complement(set) : set;
			}

			case 'CharacterClass': {
				const set = merge(emptySet(), ...node.elements.map(element => this.set(element, mode)));
				if (holdsProperty(node)) {
					return anyCharacter();
				}

				// Case folding comes before the negation: /[^x]/i matches neither x nor X.
				return node.negate ? complement(this.fold(set, mode)) : this.fold(set, mode);
			}

			default: {
				throw new UnsupportedRegexError(describeConstruct(node));
			}
		}
	}

	private fold(set: CharacterSet, mode: Mode): CharacterSet {
		if (!mode.ignoreCase) {
			return set;
		}

		for (let code = 65; code <= 90; code++) {
			if (has(set, code) || has(set, code + 32)) {
				add(set, code, code + 32);
			}
		}

		// Unicode case folding reads ſ as s and the Kelvin sign as k.
		return this.parsed.unicode && [75, 83, 107, 115, foldingBit].some(code => has(set, code)) ? add(set, 75, 83, 107, 115, foldingBit) : set;
	}
}

function holdsProperty(node: AST.Node): boolean {
	return (node.type === 'CharacterSet' && node.kind === 'property') || (node.type === 'CharacterClass' && node.elements.some(element => holdsProperty(element)));
}

function withModifiers(mode: Mode, modifiers: AST.Modifiers): Mode {
	const switched = (flag: 'ignoreCase' | 'dotAll') => modifiers.add[flag] || (mode[flag] && !modifiers.remove?.[flag]);
	return {ignoreCase: switched('ignoreCase'), dotAll: switched('dotAll')};
}

function isInside(node: AST.Node, ancestor: AST.Node): boolean {
	for (let current = node.parent; current; current = current.parent) {
		if (current === ancestor) {
			return true;
		}
	}

	return false;
}
