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
 * The one rule: a pattern may only lose its literals, never gain a wrong one. Anything this
 * reader does not fully understand (a character class, a back-reference, a character beyond
 * ASCII, a construct it has never seen) counts as "some text, unknown", and a pattern it cannot
 * read at all has no literals: its regex then always runs.
 */

export type RequiredLiterals = {
	/** Every text the pattern matches contains, for each group, at least one of its strings; strongest group first. */
	readonly groups: ReadonlyArray<readonly string[]>;
	/** The strings are lowercase and are looked for in the lowercased text. */
	readonly ignoreCase: boolean;
};

/** Shorter literals occur in too much text to be worth looking up. */
export const minimumLiteralLength = 3;

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

export function requiredLiterals(pattern: string, flags: string): RequiredLiterals | undefined {
	const ignoreCase = flags.includes('i');
	let facts: Facts;
	try {
		facts = new LiteralReader(pattern, ignoreCase, flags.includes('u') || flags.includes('v')).read();
	} catch {
		return undefined;
	}

	const groups = strongestGroups(facts.exact ? [facts.exact] : facts.required).filter(group => quality(group) >= minimumLiteralLength);
	return groups.length > 0 ? {groups: groups.map(group => withoutRedundant(group)), ignoreCase} : undefined;
}

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

function asciiTable(characters: string): Uint8Array {
	const table = new Uint8Array(128);
	for (const character of characters) {
		table[character.charCodeAt(0)] = 1;
	}

	return table;
}

/** Characters that stand for themselves anywhere outside a class. */
const plainCharacters = asciiTable('\t !"#%&\',-/0123456789:;<=>@ABCDEFGHIJKLMNOPQRSTUVWXYZ_`abcdefghijklmnopqrstuvwxyz~');
/** Escaped, these stand for themselves: `\.`, `\(`, `\$`... */
const escapedPunctuation = asciiTable(' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

const countPattern = /^\{(\d+)(,(\d*))?\}/;
const twoHexDigits = /^[\da-f]{2}/i;
const fourHexDigits = /^[\da-f]{4}/i;

function isDigit(code: number): boolean {
	return code >= 0x30 && code <= 0x39;
}

function isLetter(code: number): boolean {
	return (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7A;
}

/** Reads a pattern the JavaScript engine has already accepted, keeping only what it is sure of. */
class LiteralReader {
	private at = 0;
	private depth = 0;

	constructor(private readonly source: string, private readonly ignoreCase: boolean, private readonly unicode: boolean) {}

	read(): Facts {
		const facts = this.alternation();
		if (this.at < this.source.length) {
			throw new Error(`unexpected ${this.source[this.at]}`);
		}

		return facts;
	}

	private peek(): string {
		return this.source[this.at] ?? '';
	}

	private alternation(): Facts {
		if (++this.depth > 100) {
			throw new Error('nested too deeply');
		}

		const options = [this.sequence()];
		while (this.peek() === '|') {
			this.at++;
			options.push(this.sequence());
		}

		this.depth--;
		return alternationFacts(options);
	}

	private sequence(): Facts {
		const items: Facts[] = [];
		while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
			const run = this.plainRun();
			items.push(run === '' ? this.quantified(this.atom()) : facts([run], []));
		}

		return sequenceFacts(items);
	}

	/**
	 * Most of a signature is plain text: read it in one go, up to the next special character
	 * (leaving a character a quantifier applies to for the slow path).
	 */
	private plainRun(): string {
		const {source} = this;
		let at = this.at;
		let last = at;
		while (at < source.length) {
			const code = source.charCodeAt(at);
			const escaped = code === 0x5C ? source.charCodeAt(at + 1) : -1;
			const plain = escaped >= 0
				? escaped < 0x80 && escapedPunctuation[escaped] === 1
				// Unicode case folding also matches ſ to s and the Kelvin sign to k, which lowercasing the text does not.
				: code < 0x80 && plainCharacters[code] === 1 && !(this.ignoreCase && this.unicode && ((code | 0x20) === 0x73 || (code | 0x20) === 0x6B));
			if (!plain) {
				break;
			}

			last = at;
			at += escaped >= 0 ? 2 : 1;
		}

		const following = source.charCodeAt(at);
		if (at > this.at && (following === 0x2A || following === 0x2B || following === 0x3F || following === 0x7B)) {
			// The quantifier binds to the last character alone.
			at = last;
		}

		const run = this.unescaped(this.at, at);
		this.at = at;
		return this.ignoreCase ? run.toLowerCase() : run;
	}

	/** The text of plain characters and escaped punctuation between two positions of the pattern. */
	private unescaped(from: number, to: number): string {
		let text = '';
		let segment = from;
		for (let at = from; at < to; at++) {
			if (this.source.charCodeAt(at) === 0x5C) {
				text += this.source.slice(segment, at) + this.source[at + 1]!;
				at++;
				segment = at + 1;
			}
		}

		return text + this.source.slice(segment, to);
	}

	private quantified(atom: Facts): Facts {
		let facts = atom;
		for (;;) {
			const character = this.peek();
			let min: number;
			let max: number;
			if (character === '*') {
				[min, max] = [0, Number.POSITIVE_INFINITY];
				this.at++;
			} else if (character === '+') {
				[min, max] = [1, Number.POSITIVE_INFINITY];
				this.at++;
			} else if (character === '?') {
				[min, max] = [0, 1];
				this.at++;
			} else if (character === '{') {
				const match = countPattern.exec(this.source.slice(this.at, this.at + 24));
				if (!match) {
					// Outside unicode mode a brace that starts no count is a literal brace.
					return facts;
				}

				min = Number(match[1]);
				max = match[2] === undefined ? min : (match[3] ? Number(match[3]) : Number.POSITIVE_INFINITY);
				this.at += match[0].length;
			} else {
				return facts;
			}

			if (this.peek() === '?') {
				this.at++;
			}

			facts = repeatFacts(facts, min, max);
		}
	}

	private atom(): Facts {
		const character = this.source[this.at++]!;
		switch (character) {
			case '(': {
				return this.group();
			}

			case '[': {
				this.skipClass();
				return unknown;
			}

			case '.': {
				return unknown;
			}

			case '^':
			case '$': {
				return emptyWidth;
			}

			case '\\': {
				return this.escape();
			}

			case '*':
			case '+':
			case '?':
			case ')':
			case '|': {
				throw new Error(`unexpected ${character}`);
			}

			default: {
				return this.literal(character);
			}
		}
	}

	/** One character as it must appear: lowercased when case is ignored, unknown beyond ASCII. */
	private literal(character: string): Facts {
		const code = character.charCodeAt(0);
		if (character.length !== 1 || code > 0x7E || (code < 0x20 && code !== 0x09 && code !== 0x0A && code !== 0x0D)) {
			return unknown;
		}

		if (!this.ignoreCase) {
			return facts([character], []);
		}

		const lower = character.toLowerCase();
		// Unicode case folding matches the long s (ſ) to s and the Kelvin sign to k; lowercasing the text does not.
		return this.unicode && (lower === 's' || lower === 'k') ? unknown : facts([lower], []);
	}

	private group(): Facts {
		let lookaround = false;
		if (this.source.startsWith('?:', this.at)) {
			this.at += 2;
		} else if (this.source.startsWith('?=', this.at) || this.source.startsWith('?!', this.at)) {
			lookaround = true;
			this.at += 2;
		} else if (this.source.startsWith('?<=', this.at) || this.source.startsWith('?<!', this.at)) {
			lookaround = true;
			this.at += 3;
		} else if (this.source.startsWith('?<', this.at)) {
			const end = this.source.indexOf('>', this.at);
			if (end < 0) {
				throw new Error('unclosed group name');
			}

			this.at = end + 1;
		} else if (this.peek() === '?') {
			throw new Error('unknown group');
		}

		const body = this.alternation();
		if (this.source[this.at++] !== ')') {
			throw new Error('unclosed group');
		}

		// A lookaround reads no text the match goes on from.
		return lookaround ? emptyWidth : body;
	}

	private skipClass(): void {
		while (this.at < this.source.length && this.peek() !== ']') {
			this.at += this.peek() === '\\' ? 2 : 1;
		}

		if (this.source[this.at++] !== ']') {
			throw new Error('unclosed class');
		}
	}

	private skipBraced(open: string, close: string): void {
		if (this.peek() === open) {
			const end = this.source.indexOf(close, this.at);
			this.at = end < 0 ? this.source.length : end + 1;
		}
	}

	private escape(): Facts {
		const character = this.source[this.at++] ?? '';
		switch (character) {
			case 'b':
			case 'B': {
				return emptyWidth;
			}

			case 'n': {
				return this.literal('\n');
			}

			case 'r': {
				return this.literal('\r');
			}

			case 't': {
				return this.literal('\t');
			}

			case 'x': {
				const hex = twoHexDigits.exec(this.source.slice(this.at, this.at + 2));
				if (!hex) {
					return unknown;
				}

				this.at += 2;
				return this.literal(String.fromCharCode(Number.parseInt(hex[0], 16)));
			}

			case 'u': {
				if (this.unicode && this.peek() === '{') {
					this.skipBraced('{', '}');
					return unknown;
				}

				const hex = fourHexDigits.exec(this.source.slice(this.at, this.at + 4));
				if (!hex) {
					return unknown;
				}

				this.at += 4;
				return this.literal(String.fromCharCode(Number.parseInt(hex[0], 16)));
			}

			case 'k': {
				this.skipBraced('<', '>');
				return unknown;
			}

			case 'p':
			case 'P': {
				this.skipBraced('{', '}');
				return unknown;
			}

			case 'c': {
				if (isLetter(this.source.charCodeAt(this.at))) {
					this.at++;
				}

				return unknown;
			}

			default: {
				if (isDigit(character.charCodeAt(0))) {
					// A back-reference, or an octal escape outside unicode mode: either way not known here.
					while (isDigit(this.source.charCodeAt(this.at))) {
						this.at++;
					}

					return unknown;
				}

				// \d, \w, \s and their opposites, \f, \v and the identity escapes of letters: unknown;
				// an escaped punctuation mark is itself.
				return isLetter(character.charCodeAt(0)) || character === '' ? unknown : this.literal(character);
			}
		}
	}
}
