import type {AST} from '@eslint-community/regexpp';
import {describeConstruct, parseRegex, UnsupportedRegexError} from '../regex-syntax.js';
import {minimumLiteralLength, type RequiredLiterals} from './signature-literals.js';

/**
 * The literal text a signature cannot match without: `exec: "(curl|wget)": executable file not
 * found` never matches a line that holds neither `exec: "curl": executable file not found` nor
 * `exec: "wget": executable file not found`. Search and note linking look these strings up in the
 * text first and run only the regular expressions whose text is there, so thousands of signatures
 * cost one pass over the text instead of thousands of regex runs.
 *
 * A pattern can require more than one such piece: `COPY failed: (file not found|stat ...: no such
 * file or directory)` needs `COPY failed: ` and one of the others. The strongest two are kept, and
 * a regex is only run where both are in the text.
 *
 * The one rule: a pattern may only lose its literals, never gain a wrong one. What this does not
 * fully understand (a class, a back-reference, a character beyond ASCII) counts as "some text,
 * unknown", and a pattern with a construct it does not know has no literals: its regex then
 * always runs.
 */
export function requiredLiterals(pattern: string, flags: string): RequiredLiterals | undefined {
	let found: Facts;
	try {
		const parsed = parseRegex(pattern, flags);
		found = new LiteralReader(parsed.ignoreCase, parsed.unicode).facts(parsed.pattern, parsed.ignoreCase);
	} catch {
		// Unknown syntax, or nested too deeply: no literals.
		return undefined;
	}

	const groups = strongestGroups(found.exact ? [found.exact] : found.required).filter(group => quality(group) >= minimumLiteralLength);
	return groups.length > 0 ? {groups: groups.map(group => withoutRedundant(group)), ignoreCase: flags.includes('i')} : undefined;
}

/** Beyond this many alternatives a set of strings is not worth carrying. */
const maximumAlternatives = 16;

/** A repeat up to this count is spelled out (`(ab){2}`, `colou?r`); a longer one is not. */
const maximumSpelledRepeat = 3;

/**
 * What a piece of the pattern tells: `exact`, the strings it can match when that is a small known
 * set; `required`, sets of strings of which whatever it matches holds one each.
 */
type Facts = {
	readonly exact: readonly string[] | undefined;
	readonly required: ReadonlyArray<readonly string[]>;
};

function facts(exact: readonly string[] | undefined, required: ReadonlyArray<readonly string[]>): Facts {
	return {exact, required};
}

const unknown = facts(undefined, []);
const emptyWidth = facts([''], []);

/** The shortest string of a set: how much any text must hold for the set to be there. */
function quality(strings: readonly string[]): number {
	let shortest = Number.POSITIVE_INFINITY;
	for (const string of strings) {
		shortest = Math.min(shortest, string.length);
	}

	return strings.length === 0 ? 0 : shortest;
}

/** The stronger set first: a longer shortest string, then fewer strings. */
function compareStrength(left: readonly string[], right: readonly string[]): number {
	return quality(right) - quality(left) || left.length - right.length;
}

/** The two strongest distinct groups (or fewer), none that any text holds (an empty string). */
function strongestGroups(groups: ReadonlyArray<readonly string[]>): Array<readonly string[]> {
	let first: readonly string[] | undefined;
	let second: readonly string[] | undefined;
	for (const group of groups) {
		if (quality(group) === 0 || (first && sameStrings(first, group)) || (second && sameStrings(second, group))) {
			continue;
		}

		if (!first || compareStrength(group, first) < 0) {
			second = first;
			first = group;
		} else if (!second || compareStrength(group, second) < 0) {
			second = group;
		}
	}

	return first ? (second ? [first, second] : [first]) : [];
}

function sameStrings(left: readonly string[], right: readonly string[]): boolean {
	return left.length === right.length && left.every(string => right.includes(string));
}

/** The single strongest set a piece requires, if any. */
function strongest(facts: Facts): readonly string[] | undefined {
	return strongestGroups(facts.exact ? [facts.exact, ...facts.required] : facts.required)[0];
}

/** Every way of writing one string of `left` followed by one of `right`; undefined when too many. */
function concatenate(left: readonly string[], right: readonly string[]): string[] | undefined {
	if (left.length === 1 && right.length === 1) {
		return [left[0]! + right[0]!];
	}

	if (left.length * right.length > maximumAlternatives) {
		return undefined;
	}

	const strings = new Set<string>();
	for (const head of left) {
		for (const tail of right) {
			strings.add(head + tail);
		}
	}

	return [...strings];
}

/** A string that contains another of the set adds nothing: the shorter one is there whenever it is. */
function withoutRedundant(strings: readonly string[]): readonly string[] {
	if (strings.length === 1) {
		return strings;
	}

	const sorted = [...new Set(strings)].sort((left, right) => left.length - right.length);
	return sorted.filter((string, position) => !sorted.slice(0, position).some(shorter => string.includes(shorter)));
}

function sequenceFacts(items: readonly Facts[]): Facts {
	let run: readonly string[] = [''];
	let complete = true;
	const required: Array<readonly string[]> = [];
	for (const item of items) {
		const joined = item.exact && concatenate(run, item.exact);
		if (joined) {
			run = joined;
			continue;
		}

		complete = false;
		required.push(run, ...(item.exact ? [item.exact] : item.required));
		run = item.exact ?? [''];
	}

	return complete ? facts(run, []) : facts(undefined, strongestGroups([...required, run]));
}

function alternationFacts(options: readonly Facts[]): Facts {
	if (options.length === 1) {
		return options[0]!;
	}

	// One of the options matched: what holds for every one of them is one of their strongest sets.
	const exact = new Set<string>();
	const required = new Set<string>();
	let exactKnown = true;
	let requiredKnown = true;
	for (const option of options) {
		if (option.exact) {
			for (const string of option.exact) {
				exact.add(string);
			}
		} else {
			exactKnown = false;
		}

		const best = strongest(option);
		if (best) {
			for (const string of best) {
				required.add(string);
			}
		} else {
			requiredKnown = false;
		}
	}

	return facts(exactKnown && exact.size <= maximumAlternatives ? [...exact] : undefined, requiredKnown ? [[...required]] : []);
}

function repeatFacts(body: Facts, min: number, max: number): Facts {
	if (body.exact && max <= maximumSpelledRepeat) {
		let strings: readonly string[] | undefined = min === 0 ? [''] : [];
		let power: readonly string[] | undefined = [''];
		for (let count = 1; count <= max && strings && power; count++) {
			power = concatenate(power, body.exact);
			strings = power && count >= min ? [...new Set([...strings, ...power])] : strings;
		}

		if (strings && power && strings.length <= maximumAlternatives) {
			return facts(strings, []);
		}
	}

	return min === 0 ? unknown : facts(undefined, strongestGroups(body.exact ? [body.exact, ...body.required] : body.required));
}

/** Reads regexpp's tree of a pattern, keeping only what it is sure of. */
class LiteralReader {
	constructor(private readonly ignoreCase: boolean, private readonly unicode: boolean) {}

	/** What a node tells; `ignoreCase` is whether case is ignored where it stands (a group's modifiers can change it). */
	facts(node: AST.Node, ignoreCase: boolean): Facts {
		switch (node.type) {
			case 'Pattern':
			case 'CapturingGroup':
			case 'Group': {
				const inner = node.type === 'Group' && node.modifiers ? (node.modifiers.add.ignoreCase || (ignoreCase && !node.modifiers.remove?.ignoreCase)) : ignoreCase;
				// Case ignored inside a pattern whose literals keep their case: not known as written.
				return inner && !this.ignoreCase ? unknown : alternationFacts(node.alternatives.map(alternative => this.facts(alternative, inner)));
			}

			case 'Alternative': {
				// Most of a signature is plain text: each run of it is one string.
				const items: Facts[] = [];
				let run = '';
				for (const element of node.elements) {
					const character = element.type === 'Character' ? this.character(element.value) : undefined;
					if (character === undefined) {
						items.push(...(run ? [facts([run], [])] : []), this.facts(element, ignoreCase));
						run = '';
					} else {
						run += character;
					}
				}

				return sequenceFacts(run ? [...items, facts([run], [])] : items);
			}

			case 'Quantifier': {
				return repeatFacts(this.facts(node.element, ignoreCase), node.min, node.max);
			}

			case 'Assertion': {
				// `^`, `$`, `\b` and lookarounds read no text the match goes on from.
				return emptyWidth;
			}

			case 'Character': {
				const character = this.character(node.value);
				return character === undefined ? unknown : facts([character], []);
			}

			case 'CharacterSet':
			case 'CharacterClass':
			case 'ExpressionCharacterClass':
			case 'Backreference': {
				return unknown;
			}

			default: {
				throw new UnsupportedRegexError(describeConstruct(node));
			}
		}
	}

	/** One character as it must appear: lowercased when case is ignored; undefined (unknown) beyond printable ASCII. */
	private character(code: number): string | undefined {
		if (code > 0x7E || (code < 0x20 && code !== 0x09 && code !== 0x0A && code !== 0x0D)) {
			return undefined;
		}

		const character = String.fromCharCode(code);
		if (!this.ignoreCase) {
			return character;
		}

		const lower = character.toLowerCase();
		// Unicode case folding matches the long s (ſ) to s and the Kelvin sign to k; lowercasing the text does not.
		return this.unicode && (lower === 's' || lower === 'k') ? undefined : lower;
	}
}
