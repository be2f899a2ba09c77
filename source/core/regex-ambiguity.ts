/**
 * Finds patterns whose backtracking explodes because a repeated part can read the same text in
 * two different ways: `(a|a)*`, `(.|\s)*`, `(\w|\d)+`, `(x+x+)+`, or because two repeats in a
 * row can: `\s*\s*`, `.*.*`. On a log line of a few dozen (or a few thousand) spaces such a
 * pattern runs for hours, and a signature runs on every line of every container's log.
 * safe-regex2 refuses nested quantifiers; this refuses the ambiguity it lets through.
 *
 * How: every repeated group becomes its Glushkov automaton (one state per character the pattern
 * reads). The repetition is exponential exactly when, in the product of that automaton with
 * itself, a pair of different states lies on a way from a pair of equal states back to one:
 * two runs that part and meet again on the same text, round a loop.
 */

/** 128 ASCII bits, then one bit for "some character beyond ASCII". */
type CharacterSet = Uint32Array;

const setWords = 5;
const otherBit = 128;

/** A repeated group with more states than this is refused rather than checked: it is not a log signature. */
export const maximumCheckedStates = 80;

type RegexNode =
	| {readonly type: 'character'; readonly set: CharacterSet}
	| {readonly type: 'empty'}
	| {readonly type: 'sequence'; readonly items: readonly RegexNode[]}
	| {readonly type: 'alternation'; readonly options: readonly RegexNode[]}
	| {readonly type: 'repeat'; readonly body: RegexNode; readonly min: number; readonly max: number};

export type AmbiguityVerdict = {readonly ambiguous: false} | {readonly ambiguous: true; readonly reason: string};

/** Repeats with at most this many rounds are not looped: their cost is bounded by the count. */
const smallRepeatCount = 10;

/** Checks a pattern that `new RegExp` already accepted. */
export function findBacktrackingAmbiguity(pattern: string, flags: string): AmbiguityVerdict {
	let tree: RegexNode;
	try {
		tree = new PatternParser(pattern, flags).parse();
	} catch {
		// A construct this parser does not know: leave the verdict to the other checks.
		return {ambiguous: false};
	}

	for (const repeat of outermostLoops(tree)) {
		const automaton = buildAutomaton(repeat);
		if (automaton.sets.length > maximumCheckedStates) {
			return {ambiguous: true, reason: `a repeated group reads more than ${maximumCheckedStates} characters and cannot be checked for backtracking; make it smaller`};
		}

		if (hasAmbiguousLoop(automaton)) {
			return {ambiguous: true, reason: 'a repeated group can read the same text in two ways (overlapping alternatives such as (.|\\s)* or (\\w|\\d)+), which backtracks catastrophically; make the alternatives exclude each other'};
		}
	}

	if (hasAdjacentOverlappingLoops(tree)) {
		return {ambiguous: true, reason: 'two repeats in a row can read the same text (such as \\s*\\s* or .*.*), which backtracks polynomially on a long line; merge them into one'};
	}

	return {ambiguous: false};
}

/**
 * `\s*\s*`, `.*\s*.*`, `\d+\.?\d+`: unbounded repeats with only optional things between them
 * that can read the same characters. Each extra one multiplies the work on a long line by its
 * length; two already make a 4096-character line of spaces take minutes.
 */
function hasAdjacentOverlappingLoops(node: RegexNode): boolean {
	switch (node.type) {
		case 'sequence': {
			const items = flattenSequence(node);
			for (const [index, item] of items.entries()) {
				if (!isLoop(item)) {
					continue;
				}

				const reads = readableSet(item);
				for (let before = index - 1; before >= 0; before--) {
					const earlier = items[before]!;
					if (isLoop(earlier) && startsEverywhere(items.slice(0, before), intersection(readableSet(earlier), reads))) {
						return true;
					}

					if (!isNullable(earlier)) {
						break;
					}
				}
			}

			return items.some(item => item.type !== 'sequence' && hasAdjacentOverlappingLoops(item));
		}

		case 'alternation': {
			return node.options.some(option => hasAdjacentOverlappingLoops(option));
		}

		case 'repeat': {
			return hasAdjacentOverlappingLoops(node.body);
		}

		default: {
			return false;
		}
	}
}

/**
 * Whether a line made of one character both repeats read can start a match at every position:
 * what comes before them reads that character too (or may be left out). `port \\d+[^:]*` is fine,
 * since only "port " starts a try; `\\s*\\s*x` and `1\\d*\\d*x` are not.
 */
function startsEverywhere(prefix: readonly RegexNode[], shared: CharacterSet): boolean {
	let common = shared;
	for (const item of prefix) {
		if (!isNullable(item)) {
			common = intersection(common, readableSet(item));
		}
	}

	return common.some(word => word !== 0);
}

function flattenSequence(node: RegexNode): RegexNode[] {
	return node.type === 'sequence' ? node.items.flatMap(item => flattenSequence(item)) : [node];
}

function isLoop(node: RegexNode): boolean {
	return node.type === 'repeat' && node.max > smallRepeatCount;
}

function isNullable(node: RegexNode): boolean {
	switch (node.type) {
		case 'character': {
			return false;
		}

		case 'empty': {
			return true;
		}

		case 'sequence': {
			return node.items.every(item => isNullable(item));
		}

		case 'alternation': {
			return node.options.some(option => isNullable(option));
		}

		case 'repeat': {
			return node.min === 0 || isNullable(node.body);
		}
	}
}

/** Every character the node can read anywhere. */
function readableSet(node: RegexNode): CharacterSet {
	const set = emptySet();
	const visit = (current: RegexNode) => {
		switch (current.type) {
			case 'character': {
				merge(set, current.set);
				break;
			}

			case 'sequence': {
				current.items.forEach(item => {
					visit(item);
				});
				break;
			}

			case 'alternation': {
				current.options.forEach(option => {
					visit(option);
				});
				break;
			}

			case 'repeat': {
				visit(current.body);
				break;
			}

			case 'empty': {
				break;
			}
		}
	};

	visit(node);
	return set;
}

function outermostLoops(node: RegexNode): RegexNode[] {
	switch (node.type) {
		case 'repeat': {
			return node.max > smallRepeatCount ? [node] : outermostLoops(node.body);
		}

		case 'sequence': {
			return node.items.flatMap(item => outermostLoops(item));
		}

		case 'alternation': {
			return node.options.flatMap(option => outermostLoops(option));
		}

		default: {
			return [];
		}
	}
}

type Automaton = {
	readonly sets: CharacterSet[];
	readonly follow: Array<Set<number>>;
	readonly first: Set<number>;
};

type Positions = {readonly nullable: boolean; readonly first: Set<number>; readonly last: Set<number>};

function buildAutomaton(root: RegexNode): Automaton {
	const sets: CharacterSet[] = [];
	const follow: Array<Set<number>> = [];

	const visit = (node: RegexNode): Positions => {
		switch (node.type) {
			case 'character': {
				const position = sets.length;
				sets.push(node.set);
				follow.push(new Set());
				return {nullable: false, first: new Set([position]), last: new Set([position])};
			}

			case 'empty': {
				return {nullable: true, first: new Set(), last: new Set()};
			}

			case 'sequence': {
				let result: Positions = {nullable: true, first: new Set(), last: new Set()};
				for (const item of node.items) {
					const next = visit(item);
					for (const position of result.last) {
						addAll(follow[position]!, next.first);
					}

					result = {
						nullable: result.nullable && next.nullable,
						first: result.nullable ? union(result.first, next.first) : result.first,
						last: next.nullable ? union(result.last, next.last) : next.last,
					};
				}

				return result;
			}

			case 'alternation': {
				const options = node.options.map(option => visit(option));
				return {
					nullable: options.some(option => option.nullable),
					first: union(...options.map(option => option.first)),
					last: union(...options.map(option => option.last)),
				};
			}

			case 'repeat': {
				if (node.max === 0) {
					return {nullable: true, first: new Set(), last: new Set()};
				}

				const body = visit(node.body);
				if (node.max > 1) {
					for (const position of body.last) {
						addAll(follow[position]!, body.first);
					}
				}

				return {nullable: node.min === 0 || body.nullable, first: body.first, last: body.last};
			}
		}
	};

	const {first} = visit(root);
	return {sets, follow, first};
}

/**
 * The product automaton's states are pairs of positions; (p, q) steps to (p', q') when p' follows
 * p, q' follows q and both can read one same character. The loop's automaton is strongly
 * connected (every position lies on a way round it), so two different paths from r back to r on
 * the same text exist exactly when some pair (p, q) with p ≠ q is reachable from a pair (r, r)
 * and can reach one again.
 */
function hasAmbiguousLoop(automaton: Automaton): boolean {
	const count = automaton.sets.length;
	const overlaps = automaton.sets.map(left => automaton.sets.map(right => intersects(left, right)));
	const precedes: Array<Set<number>> = automaton.sets.map(() => new Set());
	for (const [position, next] of automaton.follow.entries()) {
		for (const follower of next) {
			precedes[follower]!.add(position);
		}
	}

	const diagonal = (node: number) => Math.floor(node / count) === node % count;
	const sharesFollower = (left: number, right: number) => [...automaton.follow[left]!].some(position => automaton.follow[right]!.has(position) && overlaps[position]![position]);

	// Forward from every (r, r): the pairs two runs over the same text can be in.
	const reached = new Uint8Array(count * count);
	const queue: number[] = [];
	for (let position = 0; position < count; position++) {
		reached[(position * count) + position] = 1;
		queue.push((position * count) + position);
	}

	while (queue.length > 0) {
		const node = queue.pop()!;
		const left = Math.floor(node / count);
		const right = node % count;
		for (const leftNext of automaton.follow[left]!) {
			for (const rightNext of automaton.follow[right]!) {
				const next = (leftNext * count) + rightNext;
				if (reached[next] || !overlaps[leftNext]![rightNext]) {
					continue;
				}

				// Parted runs that can step into one position together have met again.
				if (leftNext !== rightNext && sharesFollower(leftNext, rightNext)) {
					return true;
				}

				reached[next] = 1;
				queue.push(next);
			}
		}
	}

	// Backward from every (r, r), through reached pairs only: does a parted pair ever meet again?
	const meets = new Uint8Array(count * count);
	for (let position = 0; position < count; position++) {
		meets[(position * count) + position] = 1;
		queue.push((position * count) + position);
	}

	while (queue.length > 0) {
		const node = queue.pop()!;
		const left = Math.floor(node / count);
		const right = node % count;
		if (!overlaps[left]![right]) {
			continue;
		}

		for (const leftBefore of precedes[left]!) {
			for (const rightBefore of precedes[right]!) {
				const before = (leftBefore * count) + rightBefore;
				if (meets[before] || !reached[before]) {
					continue;
				}

				if (!diagonal(before)) {
					return true;
				}

				meets[before] = 1;
				queue.push(before);
			}
		}
	}

	return false;
}

function union(...sets: ReadonlyArray<Set<number>>): Set<number> {
	const result = new Set<number>();
	for (const set of sets) {
		addAll(result, set);
	}

	return result;
}

function addAll(target: Set<number>, source: Set<number>): void {
	for (const item of source) {
		target.add(item);
	}
}

// Character sets.

function emptySet(): CharacterSet {
	return new Uint32Array(setWords);
}

function addCode(set: CharacterSet, code: number): void {
	const bit = code < 128 ? code : otherBit;
	set[bit >>> 5]! |= 1 << (bit & 31);
}

function addRange(set: CharacterSet, from: number, to: number): void {
	for (let code = from; code <= Math.min(to, 127); code++) {
		addCode(set, code);
	}

	if (to >= 128) {
		addCode(set, otherBit);
	}
}

function hasCode(set: CharacterSet, code: number): boolean {
	return (set[code >>> 5]! & (1 << (code & 31))) !== 0;
}

function intersects(left: CharacterSet, right: CharacterSet): boolean {
	return left.some((word, at) => (word & right[at]!) !== 0);
}

function intersection(left: CharacterSet, right: CharacterSet): CharacterSet {
	return left.map((word, at) => word & right[at]!);
}

function merge(target: CharacterSet, source: CharacterSet): void {
	for (let at = 0; at < setWords; at++) {
		target[at]! |= source[at]!;
	}
}

/** Every ASCII character not in the set, and always "beyond ASCII" (an over-estimate is safe here). */
function complement(set: CharacterSet): CharacterSet {
	const result = emptySet();
	for (let code = 0; code < 128; code++) {
		if (!hasCode(set, code)) {
			addCode(result, code);
		}
	}

	addCode(result, otherBit);
	return result;
}

function foldCase(set: CharacterSet): CharacterSet {
	const result = emptySet();
	merge(result, set);
	for (let code = 65; code <= 90; code++) {
		if (hasCode(set, code) || hasCode(set, code + 32)) {
			addCode(result, code);
			addCode(result, code + 32);
		}
	}

	return result;
}

const classSets = {
	digit: () => {
		const set = emptySet();
		addRange(set, 48, 57);
		return set;
	},
	word: () => {
		const set = emptySet();
		addRange(set, 48, 57);
		addRange(set, 65, 90);
		addRange(set, 97, 122);
		addCode(set, 95);
		return set;
	},
	space: () => {
		const set = emptySet();
		for (const code of [9, 10, 11, 12, 13, 32]) {
			addCode(set, code);
		}

		// No-break space, line separators, BOM and other Unicode spaces.
		addCode(set, otherBit);
		return set;
	},
	any: () => {
		const set = emptySet();
		addRange(set, 0, 128);
		return set;
	},
};

/** A small recursive-descent parser for the JavaScript pattern syntax; it only sees patterns `new RegExp` accepted. */
class PatternParser {
	private at = 0;
	private readonly ignoreCase: boolean;
	private readonly dotAll: boolean;
	private readonly unicode: boolean;
	private depth = 0;

	constructor(private readonly source: string, flags: string) {
		this.ignoreCase = flags.includes('i');
		this.dotAll = flags.includes('s');
		this.unicode = flags.includes('u') || flags.includes('v');
	}

	parse(): RegexNode {
		const node = this.alternation();
		if (this.at < this.source.length) {
			throw new Error(`unexpected ${this.source[this.at]}`);
		}

		return node;
	}

	private alternation(): RegexNode {
		if (++this.depth > 200) {
			throw new Error('nested too deeply');
		}

		const options = [this.sequence()];
		while (this.peek() === '|') {
			this.at++;
			options.push(this.sequence());
		}

		this.depth--;
		return options.length === 1 ? options[0]! : {type: 'alternation', options};
	}

	private sequence(): RegexNode {
		const items: RegexNode[] = [];
		while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
			items.push(this.quantified(this.atom()));
		}

		return {type: 'sequence', items};
	}

	private quantified(atom: RegexNode): RegexNode {
		let node = atom;
		for (;;) {
			const character = this.peek();
			let min: number;
			let max: number;
			if (character === '*') {
				[min, max] = [0, Infinity];
				this.at++;
			} else if (character === '+') {
				[min, max] = [1, Infinity];
				this.at++;
			} else if (character === '?') {
				[min, max] = [0, 1];
				this.at++;
			} else if (character === '{') {
				const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.at));
				if (!match) {
					return node;
				}

				min = Number(match[1]);
				max = match[2] === undefined ? min : (match[3] ? Number(match[3]) : Infinity);
				this.at += match[0].length;
			} else {
				return node;
			}

			if (this.peek() === '?') {
				// Lazy: it tries the same paths in another order.
				this.at++;
			}

			node = {type: 'repeat', body: node, min, max};
		}
	}

	private atom(): RegexNode {
		const character = this.source[this.at++]!;
		switch (character) {
			case '(': {
				return this.group();
			}

			case '[': {
				return this.character(this.characterClass());
			}

			case '.': {
				const set = classSets.any();
				if (!this.dotAll) {
					set[0]! &= ~((1 << 10) | (1 << 13));
				}

				return {type: 'character', set};
			}

			case '^':
			case '$': {
				return {type: 'empty'};
			}

			case '\\': {
				return this.escape();
			}

			default: {
				return this.literal(character.codePointAt(0)!);
			}
		}
	}

	private group(): RegexNode {
		let lookaround = false;
		if (this.source.startsWith('?:', this.at)) {
			this.at += 2;
		} else if (/^\?<?[=!]/.test(this.source.slice(this.at, this.at + 3))) {
			lookaround = true;
			this.at += this.source[this.at + 1] === '<' ? 3 : 2;
		} else if (this.source.startsWith('?<', this.at)) {
			const end = this.source.indexOf('>', this.at);
			this.at = end + 1;
		} else if (this.peek() === '?') {
			// Modifiers such as (?i:...): the rest reads like a non-capturing group.
			const colon = this.source.indexOf(':', this.at);
			this.at = colon + 1;
		}

		const body = this.alternation();
		if (this.source[this.at++] !== ')') {
			throw new Error('unclosed group');
		}

		// A lookaround reads nothing the match goes on from.
		return lookaround ? {type: 'empty'} : body;
	}

	private escape(): RegexNode {
		const character = this.source[this.at++] ?? '';
		switch (character) {
			case 'd': {
				return this.character(classSets.digit());
			}

			case 'D': {
				return this.character(complement(classSets.digit()));
			}

			case 'w': {
				return this.character(classSets.word());
			}

			case 'W': {
				return this.character(complement(classSets.word()));
			}

			case 's': {
				return this.character(classSets.space());
			}

			case 'S': {
				return this.character(complement(classSets.space()));
			}

			case 'b':
			case 'B': {
				return {type: 'empty'};
			}

			case 'k': {
				if (this.peek() === '<') {
					this.at = this.source.indexOf('>', this.at) + 1;
				}

				return {type: 'empty'};
			}

			case 'p':
			case 'P': {
				if (this.unicode && this.peek() === '{') {
					this.at = this.source.indexOf('}', this.at) + 1;
					return this.character(classSets.any());
				}

				return this.literal(character.codePointAt(0)!);
			}

			default: {
				if (/[1-9]/.test(character)) {
					// A back-reference: what it reads depends on the match; leave it out.
					while (/\d/.test(this.peek())) {
						this.at++;
					}

					return {type: 'empty'};
				}

				return this.literal(this.escapedCode(character));
			}
		}
	}

	/** The code of an escape that stands for one character: \n, \x41, \u0041, \u{41}, \cA, \0, \. */
	private escapedCode(character: string): number {
		const simple: Record<string, number> = {n: 10, r: 13, t: 9, v: 11, f: 12, 0: 0};
		if (simple[character] !== undefined) {
			return simple[character];
		}

		if (character === 'x' && /^[\da-f]{2}/i.test(this.source.slice(this.at))) {
			this.at += 2;
			return Number.parseInt(this.source.slice(this.at - 2, this.at), 16);
		}

		if (character === 'u') {
			const braced = /^\{([\da-f]+)\}/i.exec(this.source.slice(this.at));
			if (braced && this.unicode) {
				this.at += braced[0].length;
				return Number.parseInt(braced[1]!, 16);
			}

			if (/^[\da-f]{4}/i.test(this.source.slice(this.at))) {
				this.at += 4;
				return Number.parseInt(this.source.slice(this.at - 4, this.at), 16);
			}
		}

		if (character === 'c' && /^[a-z]/i.test(this.peek())) {
			return this.source.charCodeAt(this.at++) % 32;
		}

		return character.codePointAt(0) ?? 0;
	}

	private characterClass(): CharacterSet {
		const negated = this.peek() === '^';
		if (negated) {
			this.at++;
		}

		const set = emptySet();
		let previous: number | undefined;
		while (this.at < this.source.length && this.peek() !== ']') {
			const character = this.source[this.at++]!;
			if (character === '-' && previous !== undefined && this.peek() !== ']') {
				const upper = this.classMember();
				if (typeof upper === 'number') {
					addRange(set, previous, upper);
				} else {
					merge(set, upper);
				}

				previous = undefined;
				continue;
			}

			this.at--;
			const member = this.classMember();
			if (typeof member === 'number') {
				addCode(set, member);
				previous = member;
			} else {
				merge(set, member);
				previous = undefined;
			}
		}

		if (this.source[this.at++] !== ']') {
			throw new Error('unclosed class');
		}

		// Case folding comes before the negation: /[^x]/i matches neither x nor X.
		const folded = this.ignoreCase ? foldCase(set) : set;
		return negated ? complement(folded) : folded;
	}

	/** One member of a class: a character's code, or a set for \d, \w, \s and their negations. */
	private classMember(): number | CharacterSet {
		const character = this.source[this.at++]!;
		if (character === '[' && this.unicode) {
			// A nested class (v flag): read it whole.
			return this.characterClass();
		}

		if (character !== '\\') {
			return character.codePointAt(0)!;
		}

		const escaped = this.source[this.at++] ?? '';
		switch (escaped) {
			case 'd': {
				return classSets.digit();
			}

			case 'D': {
				return complement(classSets.digit());
			}

			case 'w': {
				return classSets.word();
			}

			case 'W': {
				return complement(classSets.word());
			}

			case 's': {
				return classSets.space();
			}

			case 'S': {
				return complement(classSets.space());
			}

			case 'b': {
				return 8;
			}

			case 'p':
			case 'P': {
				if (this.unicode && this.peek() === '{') {
					this.at = this.source.indexOf('}', this.at) + 1;
					return classSets.any();
				}

				return escaped.codePointAt(0)!;
			}

			default: {
				return this.escapedCode(escaped);
			}
		}
	}

	private literal(code: number): RegexNode {
		const set = emptySet();
		addCode(set, code);
		return this.character(set);
	}

	private character(set: CharacterSet): RegexNode {
		return {type: 'character', set: this.ignoreCase ? foldCase(set) : set};
	}

	private peek(): string {
		return this.source[this.at] ?? '';
	}
}
