import {causeSlugs} from '../source/core/causes.js';
import type {Note} from '../source/core/note.js';
import type {ContainerCondition, Playbook, Signature, Step} from '../source/core/playbook-schema.js';

/**
 * Knowledge bases of any size, shaped like the shipped one, for measuring search at 2,000 and
 * 20,000 entries, and the queries to measure it with. Everything comes from one seeded generator:
 * the same options give the same entries and queries on every machine.
 *
 * The words start from a real knowledge base's own (its most frequent words are the generated
 * corpus's most frequent), and made-up words join as the corpus grows, about as fast as a real
 * corpus's vocabulary does (Heaps' law), drawn with a Zipf distribution: a few words everywhere,
 * most words rare.
 */

export type KnowledgeSample = {
	readonly playbooks: readonly Playbook[];
	readonly notes: readonly Note[];
};

export type SyntheticOptions = {
	/** Entries in all, the real ones given in `from` included. */
	readonly entries: number;
	readonly seed?: number;
	/** A real knowledge base: its entries are kept and its words seed the vocabulary. */
	readonly from?: KnowledgeSample;
	/** The share of generated entries that are playbooks; the rest are notes. */
	readonly playbookShare?: number;
};

export type GeneratedQuery = {
	readonly text: string;
	/** The id of the entry the query was written from; none for a query that should find nothing. */
	readonly target?: string;
};

export type QuerySet = {
	/** Two to five typed words, some mistyped. */
	readonly short: readonly GeneratedQuery[];
	/** Five to forty lines of log with the error line somewhere in them (or nowhere). */
	readonly pasted: readonly GeneratedQuery[];
};

export type QueryOptions = {
	/** Queries of each kind. */
	readonly count: number;
	readonly seed?: number;
	/** The share of queries written to find nothing. */
	readonly missShare?: number;
};

/** sfc32: small, fast and good enough to draw words with. */
export function seededRandom(seed: number): () => number {
	let a = 0x9E_37_79_B9;
	let b = 0x24_3F_6A_88;
	let c = 0xB7_E1_51_62;
	let d = seed >>> 0;
	const next = () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4_294_967_296;
	};

	for (let round = 0; round < 15; round++) {
		next();
	}

	return next;
}

type Random = {
	readonly next: () => number;
	readonly integer: (min: number, max: number) => number;
	readonly pick: <Item>(items: readonly Item[]) => Item;
	readonly chance: (probability: number) => boolean;
};

function random(seed: number): Random {
	const next = seededRandom(seed);
	return {
		next,
		integer: (min, max) => min + Math.floor(next() * (max - min + 1)),
		pick: items => items[Math.floor(next() * items.length)]!,
		chance: probability => next() < probability,
	};
}

const glue = ['the', 'a', 'to', 'is', 'in', 'on', 'of', 'and', 'with', 'after', 'when', 'but', 'for', 'from', 'not', 'it'];
const consonants = ['b', 'c', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'tr', 'st', 'pl', 'gr', 'ch', 'sh'];
const vowels = ['a', 'e', 'i', 'o', 'u', 'ia', 'ou', 'ei'];
/** Letters no generated or real word is made of much: queries built from them find nothing. */
const missLetters = ['zq', 'xv', 'qz', 'vx', 'jq', 'wz', 'qx'];

/** Vocabulary size for a corpus of `tokens` words: Heaps' law, V = K·n^β. */
function generatedVocabularySize(tokens: number): number {
	return Math.round(8 * (tokens ** 0.6));
}

const wordsPerEntry = 150;
const wordShape = /^[a-z][a-z\d]{2,}$/;

/** The sample's words, most frequent first (ties alphabetically, so the order is stable). */
function sampleWords(from: KnowledgeSample | undefined): string[] {
	const counts = new Map<string, number>();
	const count = (text: string) => {
		for (const word of text.toLowerCase().split(/[^a-z\d]+/)) {
			if (wordShape.test(word) && !glue.includes(word)) {
				counts.set(word, (counts.get(word) ?? 0) + 1);
			}
		}
	};

	for (const playbook of from?.playbooks ?? []) {
		count([playbook.title, ...playbook.symptoms, playbook.summary, ...playbook.tags, ...playbook.steps.map(step => step.title)].join(' '));
	}

	for (const note of from?.notes ?? []) {
		count([note.title, note.problem, note.rootCause ?? '', note.resolution ?? ''].join(' '));
	}

	return [...counts].sort(([left, leftCount], [right, rightCount]) => rightCount - leftCount || (left < right ? -1 : 1)).map(([word]) => word);
}

class Vocabulary {
	readonly words: string[];
	private readonly cumulative: Float64Array;

	constructor(real: readonly string[], generated: number, rng: Random) {
		const words = [...real];
		const known = new Set(words);
		while (words.length < real.length + generated) {
			let word = '';
			const syllables = rng.integer(2, 4);
			for (let syllable = 0; syllable < syllables; syllable++) {
				word += rng.pick(consonants) + rng.pick(vowels);
			}

			if (rng.chance(0.4)) {
				word += rng.pick(['n', 'r', 's', 't', 'x', 'l']);
			}

			if (!known.has(word)) {
				known.add(word);
				words.push(word);
			}
		}

		if (words.length === 0) {
			words.push('container');
		}

		this.words = words;
		// Zipf with exponent 1: the word of rank r is drawn in proportion to 1/r.
		this.cumulative = new Float64Array(words.length);
		let total = 0;
		for (let rank = 0; rank < words.length; rank++) {
			total += 1 / (rank + 1);
			this.cumulative[rank] = total;
		}
	}

	draw(rng: Random): string {
		const target = rng.next() * this.cumulative[this.cumulative.length - 1]!;
		let low = 0;
		let high = this.cumulative.length - 1;
		while (low < high) {
			const middle = (low + high) >>> 1;
			if (this.cumulative[middle]! < target) {
				low = middle + 1;
			} else {
				high = middle;
			}
		}

		return this.words[low]!;
	}
}

class Writer {
	constructor(private readonly rng: Random, private readonly vocabulary: Vocabulary) {}

	word(): string {
		return this.vocabulary.draw(this.rng);
	}

	words(count: number): string[] {
		return Array.from({length: count}, () => this.word());
	}

	/** Prose: vocabulary words with English glue between them. */
	sentence(min: number, max: number): string {
		const parts: string[] = [];
		const length = this.rng.integer(min, max);
		for (let at = 0; at < length; at++) {
			parts.push(at > 0 && this.rng.chance(0.3) ? this.rng.pick(glue) : this.word());
		}

		const text = parts.join(' ');
		return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
	}

	phrase(min: number, max: number): string {
		return this.words(this.rng.integer(min, max)).join(' ');
	}

	identifier(): string {
		const word = this.word();
		return `${word.charAt(0).toUpperCase()}${word.slice(1)}`;
	}
}

type SignatureShape = {readonly pattern: string; readonly examples: readonly string[]};

/** Regex shapes the shipped playbooks use: literals, alternations, numbers, optional and bracketed parts. */
const signatureShapes: ReadonlyArray<(writer: Writer, rng: Random) => SignatureShape> = [
	writer => {
		const [a, b, c] = writer.words(3);
		const kind = writer.identifier();
		return {pattern: `${kind}Error: ${a} ${b} ${c}`, examples: [`${kind}Error: ${a} ${b} ${c} while starting`]};
	},
	writer => {
		const [a, b, c] = writer.words(3);
		return {pattern: `(${a}|${b}): ${c} (command )?not found`, examples: [`sh: ${a}: ${c} not found`, `${b}: ${c} command not found`]};
	},
	(writer, rng) => {
		const [a, b] = writer.words(2);
		return {pattern: `${a} ${b} exited with code \\d+`, examples: [`${a} ${b} exited with code ${rng.integer(1, 255)}`]};
	},
	writer => {
		const [a, b, c, d] = writer.words(4);
		return {pattern: `${a} ${b}( ${c})? is not ${d}`, examples: [`${a} ${b} ${c} is not ${d}`, `${a} ${b} is not ${d}`]};
	},
	writer => {
		const [a, b, c] = writer.words(3);
		return {pattern: `${a} '[^'\\n]{1,100}' ${b} ${c}`, examples: [`${a} '/srv/${writer.word()}/data' ${b} ${c}`]};
	},
	(writer, rng) => {
		const [a, b] = writer.words(2);
		const code = rng.integer(1, 120);
		return {pattern: `\\[Errno ${code}\\] ${a} ${b}`, examples: [`OSError: [Errno ${code}] ${a} ${b}: '/tmp/${writer.word()}'`]};
	},
	(writer, rng) => {
		const [a, b] = writer.words(2);
		return {pattern: `${a} to ${b}:\\d+ (refused|timed out|reset)`, examples: [`${a} to ${b}:${rng.integer(1000, 9999)} refused`]};
	},
	writer => {
		const [a, b] = writer.words(2);
		return {pattern: `(${a}|${b})\\.(go|py|js):\\d+: \\S+ panic`, examples: [`${a}.go:42: runtime panic`]};
	},
];

/** Only short literals: the prefilter cannot use them, so this regex runs on every query. */
const literalFreeShape = (writer: Writer): SignatureShape => {
	const word = writer.word();
	return {pattern: `\\b[A-Z]{2}\\d{3}: ${word.slice(0, 2)}\\w*`, examples: [`QX123: ${word}`]};
};

const conditions: readonly ContainerCondition[] = ['restarting', 'unhealthy', 'exited', 'created', 'oom-killed', 'running'];

function generateSignature(writer: Writer, rng: Random): Signature {
	// One in fifty without a literal worth looking up (none of the shipped ones is).
	const shape = (rng.chance(0.02) ? literalFreeShape : rng.pick(signatureShapes))(writer, rng);
	const caseSensitive = rng.chance(0.1);
	const tied = rng.chance(0.3);
	return {
		pattern: shape.pattern,
		flags: caseSensitive ? '' : 'i',
		source: rng.chance(0.8) ? 'any' : rng.pick(['log', 'health', 'engine-error'] as const),
		...(tied ? {when: {conditions: [rng.pick(conditions)], ...(rng.chance(0.3) ? {exitCodes: [rng.pick([1, 126, 127, 137])]} : {})}} : {}),
		generic: rng.chance(0.05),
		examples: [...shape.examples],
	};
}

function kebab(words: readonly string[]): string {
	return words.join('-').replaceAll(/[^a-z\d-]/g, '');
}

function generatePlaybook(number: number, writer: Writer, rng: Random): Playbook {
	const title = writer.sentence(5, 9);
	const id = `synthetic-${number}-${kebab(writer.words(2))}`;
	const steps: Step[] = Array.from({length: rng.integer(2, 5)}, (_, position) => ({
		id: `step-${position + 1}`,
		title: writer.sentence(3, 6),
		explanation: writer.sentence(10, 20),
		manual: writer.sentence(5, 10),
		risk: 'read-only',
		successExitCodes: [0],
		checks: [],
		timeoutSeconds: 120,
	}));
	return {
		id,
		title,
		cause: rng.pick(causeSlugs),
		summary: writer.sentence(25, 45),
		symptoms: Array.from({length: rng.integer(3, 6)}, () => writer.phrase(4, 8)),
		signatures: Array.from({length: rng.integer(1, 3)}, () => generateSignature(writer, rng)),
		tags: [...new Set(writer.words(rng.integer(3, 5)))].map(word => kebab([word])).filter(tag => tag !== ''),
		variables: {},
		steps,
		tradeoffs: [],
		references: [],
		seenIn: [],
		origin: {file: `synthetic/${id}.yaml`, source: 'team'},
	};
}

function generateNote(number: number, writer: Writer, rng: Random, playbooks: readonly Playbook[]): Note {
	const title = writer.sentence(5, 9);
	const file = `knowledge/synthetic-${Math.floor(number / 50)}.md`;
	// A third of the notes record an error some playbook's signature knows: note linking has work to do.
	const known = playbooks.length > 0 && rng.chance(0.33) ? rng.pick(rng.pick(playbooks).signatures)?.examples[0] : undefined;
	const errors = [
		known ?? `${writer.identifier()}Error: ${writer.phrase(3, 6)}`,
		...(rng.chance(0.4) ? [`${writer.phrase(2, 4)}: ${writer.phrase(3, 6)}\n    at ${writer.word()} (/app/${writer.word()}.js:${rng.integer(1, 400)}:${rng.integer(1, 80)})`] : []),
	];
	const problem = writer.sentence(20, 40);
	const rootCause = writer.sentence(15, 30);
	const resolution = writer.sentence(15, 30);
	return {
		id: `synthetic-${Math.floor(number / 50)}#${kebab(writer.words(3))}-${number}`,
		title,
		file,
		line: 1 + ((number % 50) * 20),
		problem,
		errors,
		rootCause,
		resolution,
		attempted: [],
		tradeoffs: [],
		lessons: [],
		status: 'resolved',
		body: [`### ${title}`, `**Problem**: ${problem}`, '```', ...errors, '```', `**Root Cause**: ${rootCause}`, `**Resolution**: ${resolution}`].join('\n'),
	};
}

export function generateKnowledgeBase(options: SyntheticOptions): KnowledgeSample {
	const rng = random(options.seed ?? 1);
	const realPlaybooks = options.from?.playbooks ?? [];
	const realNotes = options.from?.notes ?? [];
	const generated = Math.max(0, options.entries - realPlaybooks.length - realNotes.length);
	const vocabulary = new Vocabulary(sampleWords(options.from), generatedVocabularySize(options.entries * wordsPerEntry), rng);
	const writer = new Writer(rng, vocabulary);

	const playbookCount = Math.round(generated * (options.playbookShare ?? 0.5));
	const playbooks: Playbook[] = [];
	for (let number = 0; number < playbookCount; number++) {
		playbooks.push(generatePlaybook(number, writer, rng));
	}

	const notes: Note[] = [];
	for (let number = 0; number < generated - playbookCount; number++) {
		notes.push(generateNote(number, writer, rng, playbooks));
	}

	return {playbooks: [...realPlaybooks, ...playbooks], notes: [...realNotes, ...notes]};
}

const logLevels = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const logWords = [
	'started', 'listening', 'request', 'completed', 'GET', 'POST', 'handler', 'worker', 'connected', 'retrying', 'pool',
	'scheduler', 'tick', 'heartbeat', 'cache', 'miss', 'session', 'token', 'refreshed', 'loaded', 'config', 'migration',
	'applied', 'queue', 'task', 'received', 'succeeded', 'ms', 'bytes', 'status', 'user', 'agent', 'upstream', 'route',
];

/** A line of ordinary log chatter: a timestamp, a service, a level, and a few words. */
function noiseLine(writer: Writer, rng: Random, service: string, line: number): string {
	const time = `2025-06-${String(rng.integer(1, 28)).padStart(2, '0')}T10:${String(line % 60).padStart(2, '0')}:${String(rng.integer(0, 59)).padStart(2, '0')}.${rng.integer(100, 999)}Z`;
	const words = Array.from({length: rng.integer(4, 12)}, () => rng.chance(0.5) ? rng.pick(logWords) : writer.word());
	const extra = rng.pick([
		'',
		` id=${rng.integer(0x10_00_00_00, 0xFF_FF_FF_FF).toString(16)}${rng.integer(0x10_00_00_00, 0xFF_FF_FF_FF).toString(16)}`,
		` path=/api/v1/${writer.word()}/${rng.integer(1, 9999)}`,
		` duration=${rng.integer(1, 900)}ms`,
		` pid=${rng.integer(2, 65_000)}`,
	]);
	return `${service}-1  | ${time} ${rng.pick(logLevels)} [${writer.word()}] ${words.join(' ')}${extra}`;
}

function withTypo(word: string, rng: Random): string {
	const at = rng.integer(1, word.length - 2);
	switch (rng.integer(0, 3)) {
		case 0: {
			return word.slice(0, at) + word[at + 1]! + word[at]! + word.slice(at + 2);
		}

		case 1: {
			return word.slice(0, at) + word.slice(at + 1);
		}

		case 2: {
			return word.slice(0, at) + word[at]! + word.slice(at);
		}

		default: {
			return word.slice(0, at) + rng.pick(['e', 'a', 'r', 't', 'n']) + word.slice(at + 1);
		}
	}
}

function missWord(rng: Random): string {
	let word = '';
	for (let part = rng.integer(2, 3); part > 0; part--) {
		word += rng.pick(missLetters) + rng.pick(['o', 'y', 'u']);
	}

	return word;
}

/** What a developer would type about an entry: a few of its words, one or two mistyped. */
function typedQuery(words: readonly string[], rng: Random): string {
	const picked = Array.from({length: Math.min(words.length, rng.integer(2, 5))}, () => rng.pick(words));
	let typos = rng.integer(0, 2);
	return picked.map(word => {
		if (typos > 0 && word.length >= 5) {
			typos--;
			return withTypo(word, rng);
		}

		return word;
	}).join(' ');
}

function entryWords(text: string): string[] {
	return text.toLowerCase().split(/[^a-z\d]+/).filter(word => word.length >= 3 && !glue.includes(word));
}

/** Queries against a knowledge base: typed ones with typos, pasted logs with the error line in them. */
export function generateQueries(base: KnowledgeSample, options: QueryOptions): QuerySet {
	const rng = random(options.seed ?? 2);
	const missShare = options.missShare ?? 0.2;
	// Log chatter mentions the corpus's words too; the first few hundred entries have the common ones.
	const vocabulary = new Vocabulary(sampleWords({playbooks: base.playbooks.slice(0, 300), notes: base.notes.slice(0, 300)}), 0, rng);
	const writer = new Writer(rng, vocabulary);
	type Source = {readonly id: string; readonly words: readonly string[]; readonly errorLine?: string};
	const sources: Source[] = [
		...base.playbooks.map(playbook => ({
			id: playbook.id,
			words: entryWords([playbook.title, ...playbook.symptoms, ...playbook.tags].join(' ')),
			errorLine: playbook.signatures.flatMap(signature => signature.examples)[0],
		})),
		...base.notes.map(note => ({
			id: note.id,
			words: entryWords(`${note.title} ${note.problem}`),
			errorLine: note.errors[0]?.split('\n').find(line => line.trim() !== ''),
		})),
	].filter(source => source.words.length > 0);
	const withErrors = sources.filter(source => source.errorLine !== undefined);

	const short: GeneratedQuery[] = [];
	const pasted: GeneratedQuery[] = [];
	for (let number = 0; number < options.count; number++) {
		const miss = sources.length === 0 || rng.chance(missShare);
		const source = miss ? undefined : rng.pick(sources);
		short.push(source
			? {text: typedQuery(source.words, rng), target: source.id}
			: {text: Array.from({length: rng.integer(2, 5)}, () => missWord(rng)).join(' ')});

		const service = writer.word();
		const lines: string[] = [];
		const lineCount = rng.integer(5, 40);
		for (let line = 0; line < lineCount; line++) {
			lines.push(noiseLine(writer, rng, service, line));
		}

		const pastedSource = miss || withErrors.length === 0 ? undefined : rng.pick(withErrors);
		if (pastedSource?.errorLine) {
			lines.splice(rng.integer(0, lines.length), 0, `${service}-1  | ${pastedSource.errorLine}`);
			pasted.push({text: lines.join('\n'), target: pastedSource.id});
		} else {
			pasted.push({text: lines.join('\n')});
		}
	}

	return {short, pasted};
}
