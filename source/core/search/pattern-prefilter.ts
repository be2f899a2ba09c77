import type {Playbook} from '../playbook-schema.js';
import {minimumLiteralLength, playbookLiterals, type RequiredLiterals} from './signature-literals.js';

/**
 * Literals this long or longer are filed under pieces of this many characters: short pieces of
 * common words repeat across thousands of literals, longer ones hardly do.
 */
const longPiece = 5;

/**
 * One hash table of literals, each filed under one piece of `width` characters: a chain per
 * slot, through `next`. Each literal goes under the piece whose slot holds the fewest so far, so
 * literals made of the same common words spread out and chains stay short.
 */
class LiteralTable {
	readonly heads: Int32Array;
	readonly next: Int32Array;
	/** Where in its literal the filed piece starts. */
	readonly offsets: Int32Array;
	/** Multiplicative hashing: the top bits of the product are the slot. */
	private readonly shift: number;

	constructor(readonly texts: readonly string[], readonly width: number, stored?: Pick<LiteralTableData, 'heads' | 'next' | 'offsets'>) {
		if (stored) {
			({heads: this.heads, next: this.next, offsets: this.offsets} = stored);
			// heads.length is 2 ** bits.
			this.shift = Math.clz32(stored.heads.length) + 1;
			return;
		}

		// Mostly empty slots: most places in a text then cost one lookup and no comparison.
		let bits = 8;
		while ((1 << bits) < texts.length * 8 && bits < 24) {
			bits++;
		}

		this.shift = 32 - bits;
		this.heads = new Int32Array(1 << bits).fill(-1);
		this.next = new Int32Array(texts.length);
		this.offsets = new Int32Array(texts.length);
		const filed = new Int32Array(1 << bits);
		for (let literal = 0; literal < texts.length; literal++) {
			const text = texts[literal]!;
			let best = 0;
			let bestSlot = this.slotAt(text, 0);
			for (let offset = 1; offset + width <= text.length && filed[bestSlot]! > 0; offset++) {
				const slot = this.slotAt(text, offset);
				if (filed[slot]! < filed[bestSlot]!) {
					best = offset;
					bestSlot = slot;
				}
			}

			filed[bestSlot]!++;
			this.offsets[literal] = best;
			this.next[literal] = this.heads[bestSlot]!;
			this.heads[bestSlot] = literal;
		}
	}

	/** The slot of the piece at `at`: a polynomial hash of its characters, spread by a multiplication. */
	slotAt(text: string, at: number): number {
		let hash = 0;
		for (let next = at; next < at + this.width; next++) {
			hash = (Math.imul(hash, 31) + text.charCodeAt(next)) | 0;
		}

		return this.slotOf(hash);
	}

	slotOf(hash: number): number {
		return Math.imul(hash, 0x9E_37_79_B1) >>> this.shift;
	}

	get size(): number {
		return this.texts.length;
	}

	data(): LiteralTableData {
		return {texts: this.texts, width: this.width, heads: this.heads, next: this.next, offsets: this.offsets};
	}
}

/**
 * The literals of the patterns of one case: those looked for in the lowercased text (the patterns
 * are case-insensitive) or in the text as written. A literal is a number here, the same in both
 * of its tables' numbering: short ones first, then long ones.
 */
class LiteralSet {
	readonly short: LiteralTable;
	readonly long: LiteralTable;
	/** For each literal: the patterns whose strongest group holds it. */
	readonly primary: number[][] = [];
	readonly seen: Uint32Array;
	private readonly numbers = new Map<string, number>();

	constructor(texts: readonly string[], primary: ReadonlyMap<string, number[]>);
	constructor(data: LiteralSetData);
	constructor(from: readonly string[] | LiteralSetData, primary?: ReadonlyMap<string, number[]>) {
		if (!Array.isArray(from)) {
			const data = from as LiteralSetData;
			this.short = new LiteralTable(data.short.texts, data.short.width, data.short);
			this.long = new LiteralTable(data.long.texts, data.long.width, data.long);
			this.primary = data.primary.map(patterns => [...patterns]);
			this.seen = new Uint32Array(this.size);
			return;
		}

		const texts = from as readonly string[];
		const short = texts.filter(text => text.length < longPiece);
		const long = texts.filter(text => text.length >= longPiece);
		this.short = new LiteralTable(short, minimumLiteralLength);
		this.long = new LiteralTable(long, longPiece);
		for (const text of [...short, ...long]) {
			this.numbers.set(text, this.primary.length);
			this.primary.push(primary!.get(text) ?? []);
		}

		this.seen = new Uint32Array(texts.length);
	}

	data(): LiteralSetData {
		return {short: this.short.data(), long: this.long.data(), primary: this.primary};
	}

	/** A literal's number, for a text known to be one. */
	numberOf(text: string): number {
		return this.numbers.get(text)!;
	}

	get size(): number {
		return this.short.size + this.long.size;
	}
}

/**
 * Which of many regular expressions can match a text, found from their required literals in one
 * pass over the text: each distinct literal is filed under a piece of itself, and every position
 * of the text looks up the literals filed under the piece there. A pattern is a candidate once a
 * literal of its strongest group is found and, when it requires a second group, one of that too;
 * a pattern without a usable literal always is. Candidates still have to be run: this only rules
 * out those that cannot match.
 */
export class PatternPrefilter {
	private readonly always: number[];
	private readonly folded: LiteralSet;
	private readonly exact: LiteralSet;
	/** For each pattern that requires a second group: its literals' numbers in the pattern's set. */
	private readonly secondary: Array<readonly number[] | undefined>;
	// Marks stamped with the query's number, so nothing needs clearing between queries.
	private generation = 0;
	private readonly decided: Uint32Array;

	/** One entry per pattern: its required literals, or undefined for one that is always a candidate. */
	constructor(literals: ReadonlyArray<RequiredLiterals | undefined>);
	/** As `data()` gave it: no literal is filed again. */
	constructor(data: PrefilterData);
	constructor(from: ReadonlyArray<RequiredLiterals | undefined> | PrefilterData) {
		if (!Array.isArray(from)) {
			const data = from as PrefilterData;
			this.always = [...data.always];
			this.folded = new LiteralSet(data.folded);
			this.exact = new LiteralSet(data.exact);
			this.secondary = data.secondary.map(numbers => numbers ?? undefined);
			this.decided = new Uint32Array(data.secondary.length);
			return;
		}

		const literals = from as ReadonlyArray<RequiredLiterals | undefined>;
		const collect = (ignoreCase: boolean) => {
			const texts = new Set<string>();
			const primary = new Map<string, number[]>();
			for (let position = 0; position < literals.length; position++) {
				const required = literals[position];
				if (required?.ignoreCase !== ignoreCase) {
					continue;
				}

				for (const [group, strings] of required.groups.entries()) {
					for (const text of strings) {
						texts.add(text);
						if (group === 0) {
							const list = primary.get(text);
							if (list) {
								list.push(position);
							} else {
								primary.set(text, [position]);
							}
						}
					}
				}
			}

			return new LiteralSet([...texts], primary);
		};

		this.always = [];
		this.folded = collect(true);
		this.exact = collect(false);
		this.secondary = [];
		for (let position = 0; position < literals.length; position++) {
			const required = literals[position];
			if (!required) {
				this.always.push(position);
			}

			const set = required?.ignoreCase ? this.folded : this.exact;
			this.secondary.push(required?.groups[1]?.map(text => set.numberOf(text)));
		}

		this.decided = new Uint32Array(literals.length);
	}

	/** What this prefilter is made of, as plain data: the build stores it for the shipped playbooks. */
	data(): PrefilterData {
		return {always: this.always, folded: this.folded.data(), exact: this.exact.data(), secondary: this.secondary.map(numbers => numbers ?? null)};
	}

	/** Positions of the patterns that may match somewhere in `text`, ascending. */
	candidates(text: string): number[] {
		if (++this.generation === 0xFF_FF_FF_FF) {
			for (const marks of [this.folded.seen, this.exact.seen, this.decided]) {
				marks.fill(0);
			}

			this.generation = 1;
		}

		const hits: number[] = [];
		const exactHits: number[] = [];
		if (this.folded.size > 0) {
			const lower = text.toLowerCase();
			this.scan(lower, this.folded.short, 0, this.folded.seen, hits);
			this.scan(lower, this.folded.long, this.folded.short.size, this.folded.seen, hits);
		}

		if (this.exact.size > 0) {
			this.scan(text, this.exact.short, 0, this.exact.seen, exactHits);
			this.scan(text, this.exact.long, this.exact.short.size, this.exact.seen, exactHits);
		}

		const found: number[] = [...this.always];
		this.decide(this.folded, hits, found);
		this.decide(this.exact, exactHits, found);
		return found.length > 1 ? found.sort((left, right) => left - right) : found;
	}

	/** Marks the literals of `table` in the text (as numbered from `first`), once each. */
	private scan(text: string, table: LiteralTable, first: number, seen: Uint32Array, hits: number[]): void {
		if (table.size === 0) {
			return;
		}

		const {heads, next, offsets, texts, width} = table;
		const {generation} = this;
		const last = text.length - width;
		// The piece's hash rolls along the text: drop the character leaving, add the one coming.
		const leaving = 31 ** (width - 1);
		let hash = 0;
		for (let at = 0; at < width - 1 && at < text.length; at++) {
			hash = (Math.imul(hash, 31) + text.charCodeAt(at)) | 0;
		}

		for (let at = 0; at <= last; at++) {
			hash = (Math.imul(hash, 31) + text.charCodeAt(at + width - 1)) | 0;
			const slot = table.slotOf(hash);
			hash = (hash - Math.imul(text.charCodeAt(at), leaving)) | 0;
			for (let literal = heads[slot]!; literal >= 0; literal = next[literal]!) {
				const start = at - offsets[literal]!;
				if (seen[first + literal] !== generation && start >= 0 && text.startsWith(texts[literal]!, start)) {
					seen[first + literal] = generation;
					hits.push(first + literal);
				}
			}
		}
	}

	/** The patterns of the literals found whose other group, if any, was found too. */
	private decide(set: LiteralSet, hits: readonly number[], found: number[]): void {
		const {generation} = this;
		for (const literal of hits) {
			for (const pattern of set.primary[literal]!) {
				if (this.decided[pattern] === generation) {
					continue;
				}

				this.decided[pattern] = generation;
				const other = this.secondary[pattern];
				if (!other || other.some(number => set.seen[number] === generation)) {
					found.push(pattern);
				}
			}
		}
	}
}

export type LiteralTableData = {
	readonly texts: readonly string[];
	readonly width: number;
	readonly heads: Int32Array;
	readonly next: Int32Array;
	readonly offsets: Int32Array;
};

export type LiteralSetData = {
	readonly short: LiteralTableData;
	readonly long: LiteralTableData;
	readonly primary: ReadonlyArray<readonly number[]>;
};

export type PrefilterData = {
	readonly always: readonly number[];
	readonly folded: LiteralSetData;
	readonly exact: LiteralSetData;
	readonly secondary: ReadonlyArray<readonly number[] | null>;
};

const byPlaybooks = new WeakMap<readonly Playbook[], {readonly playbooks: readonly Playbook[]; readonly prefilter: PatternPrefilter}>();

/**
 * The prefilter of all these playbooks' signatures, playbook by playbook in the order written:
 * note linking and search ask for it with the same playbooks at start-up, and share one (as long
 * as the list still holds the same playbooks).
 */
export function playbookPrefilter(playbooks: readonly Playbook[]): PatternPrefilter {
	const known = byPlaybooks.get(playbooks);
	if (known && known.playbooks.length === playbooks.length && known.playbooks.every((playbook, position) => playbook === playbooks[position])) {
		return known.prefilter;
	}

	const prefilter = new PatternPrefilter(playbooks.flatMap(playbook => playbookLiterals(playbook)));
	byPlaybooks.set(playbooks, {playbooks: [...playbooks], prefilter});
	return prefilter;
}

/**
 * The prefilter the build made of these very playbooks (by id, in order), which their signatures'
 * literals would make again: who hands it in has checked that each playbook is, unchanged, one the
 * build read. Ignored when the ids are not the build's.
 */
export function rememberPlaybookPrefilter(playbooks: readonly Playbook[], prebuilt: {readonly playbooks: readonly string[]; readonly prefilter: PrefilterData}): void {
	if (prebuilt.playbooks.length !== playbooks.length || playbooks.some((playbook, position) => playbook.id !== prebuilt.playbooks[position])) {
		return;
	}

	byPlaybooks.set(playbooks, {playbooks: [...playbooks], prefilter: new PatternPrefilter(prebuilt.prefilter)});
}
