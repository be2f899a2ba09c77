import {emptySet, intersection, intersects, merge, type CharacterSet} from './regex-character-set.js';

/**
 * A pattern as the backtracking check sees it (regex-ambiguity.ts builds it from regexpp's tree):
 * characters as sets, sequences, alternatives and repeats, and its Glushkov automaton, one
 * position per character read, with an edge where one position can follow another.
 */
export type RegexNode =
	| {readonly type: 'character'; readonly set: CharacterSet}
	| {readonly type: 'sequence'; readonly items: readonly RegexNode[]}
	| {readonly type: 'alternation'; readonly options: readonly RegexNode[]}
	| {readonly type: 'repeat'; readonly body: RegexNode; readonly min: number; readonly max: number};

export type Repeat = Extract<RegexNode, {type: 'repeat'}>;

export const emptyNode: RegexNode = {type: 'sequence', items: []};

/** A repeat of at most this many rounds is not a loop: its cost is bounded by the count. */
const smallRepeatCount = 10;
/** A repeat is written out only while that makes at most this many positions. */
const writtenOutPositions = 100;

/**
 * A repeat of a few rounds is written out round by round, `x{1,3}` as `x(?:x(?:x)?)?`, so the
 * automaton counts as the engine does (`(?:\d{2})+` reads digits one way) and the loops
 * `(a+){2,5}` puts in a row are seen as such. (Not written out, it is read as a loop would be,
 * which can only find more ways.)
 */
export function repeatNode(body: RegexNode, min: number, max: number): RegexNode {
	if (max <= 1 || max > smallRepeatCount || max * positionCount(body) > writtenOutPositions) {
		return {type: 'repeat', body, min, max};
	}

	let optional = emptyNode;
	for (let round = max; round > min; round--) {
		optional = {type: 'repeat', body: {type: 'sequence', items: [body, optional]}, min: 0, max: 1};
	}

	return {type: 'sequence', items: [...Array.from({length: min}, () => body), optional]};
}

function children(node: RegexNode): readonly RegexNode[] {
	return node.type === 'sequence' ? node.items : node.type === 'alternation' ? node.options : node.type === 'repeat' ? [node.body] : [];
}

/** Positions a node makes: bounded, as only small repeats are written out. */
function positionCount(node: RegexNode): number {
	return node.type === 'character' ? 1 : children(node).reduce((count, child) => count + positionCount(child), 0);
}

function isLoop(node: RegexNode): node is Repeat {
	return node.type === 'repeat' && node.max > smallRepeatCount;
}

export function holdsRepeat(node: RegexNode): boolean {
	return node.type === 'repeat' || children(node).some(child => holdsRepeat(child));
}

/** The loops of a node, outermost first; `all` takes the loops inside loops too. */
export function loopsIn(node: RegexNode, all: boolean, found: Repeat[] = []): Repeat[] {
	if (isLoop(node)) {
		found.push(node);
	}

	if (all || !isLoop(node)) {
		for (const child of children(node)) {
			loopsIn(child, all, found);
		}
	}

	return found;
}

export type Automaton = {
	readonly sets: CharacterSet[];
	readonly follow: Array<Set<number>>;
	readonly first: Set<number>;
	/** For each position, the loops around it, outermost first, numbered as met. */
	readonly loops: number[][];
	/** Whether an edge was made twice (by an inner and an outer repeat): two ways from one position to the next. */
	readonly doubled: boolean;
};

type Positions = {readonly nullable: boolean; readonly first: Set<number>; readonly last: Set<number>};

/** The automaton of a node; building stops past `limit` positions, which the caller refuses. */
export function buildAutomaton(root: RegexNode, limit: number): Automaton {
	const automaton = {sets: [] as CharacterSet[], follow: [] as Array<Set<number>>, loops: [] as number[][], doubled: false};
	const around: number[] = [];
	let loopCount = 0;
	const link = (from: Set<number>, to: Set<number>) => {
		for (const position of from) {
			for (const next of to) {
				automaton.doubled ||= automaton.follow[position]!.has(next);
				automaton.follow[position]!.add(next);
			}
		}
	};

	const visit = (node: RegexNode): Positions => {
		if (automaton.sets.length > limit) {
			return {nullable: true, first: new Set(), last: new Set()};
		}

		if (node.type === 'character') {
			const position = automaton.sets.push(node.set) - 1;
			automaton.follow.push(new Set());
			automaton.loops.push(around.filter(loop => loop >= 0));
			return {nullable: false, first: new Set([position]), last: new Set([position])};
		}

		if (node.type === 'sequence') {
			let result: Positions = {nullable: true, first: new Set(), last: new Set()};
			for (const item of node.items) {
				if (automaton.sets.length > limit) {
					break;
				}

				const next = visit(item);
				link(result.last, next.first);
				result = {
					nullable: result.nullable && next.nullable,
					first: result.nullable ? new Set([...result.first, ...next.first]) : result.first,
					last: next.nullable ? new Set([...result.last, ...next.last]) : next.last,
				};
			}

			return result;
		}

		if (node.type === 'alternation') {
			const options = node.options.map(option => visit(option));
			return {nullable: options.some(option => option.nullable), first: new Set(options.flatMap(option => [...option.first])), last: new Set(options.flatMap(option => [...option.last]))};
		}

		if (node.type === 'repeat' && node.max > 0) {
			around.push(isLoop(node) ? loopCount++ : -1);
			const body = visit(node.body);
			around.pop();
			if (node.max > 1) {
				link(body.last, body.first);
			}

			return {...body, nullable: node.min === 0 || body.nullable};
		}

		return {nullable: true, first: new Set(), last: new Set()};
	};

	const {first} = visit(root);
	return {...automaton, first};
}

/**
 * Whether a loop's automaton reads some text in two ways. Its states are strongly connected, so
 * two ways round on the same text exist exactly when, in the product of the automaton with
 * itself, some pair (p, q) with p ≠ q is reachable from a pair (r, r) and can reach one again:
 * (p, q) steps to (p', q') when p' follows p, q' follows q and both read one same character.
 */
export function hasAmbiguousLoop({sets, follow, doubled}: Automaton): boolean {
	if (doubled) {
		return true;
	}

	const count = sets.length;
	const reads = (left: number, right: number) => intersects(sets[left]!, sets[right]!);
	const precedes: number[][] = sets.map(() => []);
	follow.forEach((next, position) => {
		for (const follower of next) {
			precedes[follower]!.push(position);
		}
	});

	const diagonal = () => Array.from({length: count}, (_, position) => (position * count) + position).filter(pair => reads(pair % count, pair % count));
	const reached = new Uint8Array(count * count);
	let pending = diagonal();
	for (const pair of pending) {
		reached[pair] = 1;
	}

	while (pending.length > 0) {
		const pair = pending.pop()!;
		for (const left of follow[Math.floor(pair / count)]!) {
			for (const right of follow[pair % count]!) {
				if (!reached[(left * count) + right] && reads(left, right)) {
					// A shortcut: parted runs that step into one position together have met again.
					if (left !== right && [...follow[left]!].some(position => follow[right]!.has(position) && reads(position, position))) {
						return true;
					}

					reached[(left * count) + right] = 1;
					pending.push((left * count) + right);
				}
			}
		}
	}

	const meets = new Uint8Array(count * count);
	pending = diagonal();
	for (const pair of pending) {
		meets[pair] = 1;
	}

	while (pending.length > 0) {
		const pair = pending.pop()!;
		for (const left of precedes[Math.floor(pair / count)]!) {
			for (const right of precedes[pair % count]!) {
				if (reached[(left * count) + right] && !meets[(left * count) + right]) {
					if (left !== right) {
						return true;
					}

					meets[(left * count) + right] = 1;
					pending.push((left * count) + right);
				}
			}
		}
	}

	return false;
}

/**
 * Whether the engine's work on a line of one same character can grow faster than the square of
 * its length. That work grows as the length to the power of how many loops the line can pass
 * through one after another, plus one when such a line can start a match at every place: `.+x` is
 * 2 (each start, then the loop); `\s*\s*x`, `.*a?.*x` and `\d+[^:]+\d+` are 3; `port \d+[^:]*` is
 * 2, since only "port " starts a try. A loop counts with every character it reads anywhere
 * (`(?:ab)+(?:ab)+` shares a and b), and loops that come round to each other count as no end.
 */
export function hasLoopsInRow({sets, follow, first, loops}: Automaton): boolean {
	// One node per innermost loop, holding its own positions, and one per position in no loop.
	const nodeOfLoop = new Map<number, number>();
	const nodes: Array<{readonly set: CharacterSet; readonly loop: boolean; readonly next: Set<number>; first: boolean}> = [];
	const nodeOf = loops.map(around => {
		const loop = around.at(-1);
		const known = loop === undefined ? undefined : nodeOfLoop.get(loop);
		if (known !== undefined) {
			return known;
		}

		const node = nodes.push({set: emptySet(), loop: loop !== undefined, next: new Set(), first: false}) - 1;
		if (loop !== undefined) {
			nodeOfLoop.set(loop, node);
		}

		return node;
	});
	for (const [position, next] of follow.entries()) {
		const node = nodes[nodeOf[position]!]!;
		merge(node.set, sets[position]!);
		node.first ||= first.has(position);
		for (const follower of next) {
			if (nodeOf[follower] !== nodeOf[position]) {
				node.next.add(nodeOf[follower]!);
			}
		}
	}

	// passing[k][n]: the characters c for which a run of c from node n on passes through k + 1 loops.
	const passing = [0, 1, 2].map(() => nodes.map(() => emptySet()));
	for (let changed = true; changed;) {
		changed = false;
		for (let at = nodes.length - 1; at >= 0; at--) {
			const node = nodes[at]!;
			for (let level = 0; level < 3; level++) {
				let onward = node.set;
				if (!node.loop || level > 0) {
					const after = emptySet();
					for (const next of node.next) {
						merge(after, passing[node.loop ? level - 1 : level]![next]!);
					}

					onward = intersection(node.set, after);
				}

				if (onward.some((word, index) => word !== passing[level]![at]![index])) {
					passing[level]![at] = onward;
					changed = true;
				}
			}
		}
	}

	return nodes.some((node, at) => passing[2]![at]!.some(Boolean) || (node.first && passing[1]![at]!.some(Boolean)));
}
