import {createInterface} from 'node:readline/promises';
import {causes, findCause} from '../core/causes.js';
import {formatDiagnostic} from '../core/diagnostic.js';
import type {Incident} from '../core/knowledge/incident-entry.js';
import {recordIncident} from '../adapters/incident-recorder.js';
import {loadKnowledge} from '../adapters/knowledge-loader.js';
import {absolutePath, displayPath} from '../adapters/project-paths.js';
import {exitCodes, UserError} from '../core/user-error.js';
import type {CommandContext} from './command-context.js';

export type RecordOptions = {
	readonly title?: string;
	/** A cause slug from causes.ts. */
	readonly cause?: string;
	readonly symptoms: readonly string[];
	readonly resolution?: string;
	/** The blocker log to write to; else `.unblock/config.yaml` record.file, else `.unblock/knowledge/BLOCKERS.md`. */
	readonly file?: string;
	readonly evidence?: readonly string[];
	readonly rootCause?: string;
	readonly tried?: readonly string[];
	readonly worked?: readonly string[];
	readonly tradeoffs?: readonly string[];
	readonly lessons?: readonly string[];
	readonly service?: string;
	readonly status?: Incident['status'];
	/** Defaults to today, YYYY-MM-DD. */
	readonly date?: string;
	/** --knowledge paths, to check the entry is found by search at once. */
	readonly knowledge: readonly string[];
};

/** Asks one question; an empty answer means "skip". The wizard will hand in its own form. */
export type Prompter = {
	ask(question: string): Promise<string>;
	close(): void;
};

export async function runRecord(options: RecordOptions, context: CommandContext, prompter?: Prompter): Promise<number> {
	let completed = options;
	if (context.interactive && needsQuestions(options)) {
		const asker = prompter ?? terminalPrompter();
		try {
			completed = await askForMissing(options, asker);
		} finally {
			asker.close();
		}
	}

	const title = completed.title?.trim();
	if (!title) {
		throw new UserError(
			context.interactive ? 'an incident needs a title' : '--title is missing, and there is no terminal to ask for it',
			{hint: 'unblock record --title "LocalStack will not start" --symptom "exits at once" --resolution "removed the volume"'},
		);
	}

	const cause = completed.cause?.trim() || undefined;
	if (cause && !findCause(cause)) {
		throw new UserError(`"${cause}" is not a known cause`, {hint: `use one of the cause slugs${suggestCauses(cause)}, or leave --cause out`});
	}

	const worked = completed.worked ?? [];
	const incident: Incident = {
		title,
		date: completed.date ?? today(),
		...(completed.service ? {service: completed.service} : {}),
		...(cause ? {cause} : {}),
		symptoms: completed.symptoms,
		evidence: completed.evidence ?? [],
		...(completed.rootCause ? {rootCause: completed.rootCause} : {}),
		tried: completed.tried ?? [],
		worked,
		...(completed.resolution ? {resolution: completed.resolution} : {}),
		tradeoffs: completed.tradeoffs ?? [],
		lessons: completed.lessons ?? [],
		status: completed.status ?? (completed.resolution?.trim() || worked.length > 0 ? 'resolved' : 'open'),
	};

	const recorded = await recordIncident(incident, {cwd: context.cwd, env: context.env, file: completed.file});
	const shown = absolutePath(recorded.file, context.cwd);
	context.stdout.write(`Recorded "${title}" in ${shown}:${recorded.line}\n`);

	const {notes, diagnostics} = await loadKnowledge({cwd: context.cwd, paths: options.knowledge});
	for (const diagnostic of diagnostics) {
		context.stderr.write(`unblock: skipped ${formatDiagnostic(diagnostic)}\n`);
	}

	if (!notes.some(note => note.file === shown && note.line === recorded.line)) {
		const relative = displayPath(recorded.file, context.cwd);
		context.stderr.write(`unblock: search does not read ${shown} yet; add it to .unblock/config.yaml (knowledge: [${relative}]) or pass --knowledge ${relative}\n`);
	}

	return exitCodes.ok;
}

function needsQuestions(options: RecordOptions): boolean {
	return !options.title || options.symptoms.length === 0 || (!options.resolution && (options.worked ?? []).length === 0);
}

async function askForMissing(options: RecordOptions, prompter: Prompter): Promise<RecordOptions> {
	const one = async (question: string) => (await prompter.ask(`${question}: `)).trim();
	const many = async (question: string) => {
		const answers: string[] = [];
		for (let answer = await one(`${question} (one per line, empty line to finish)`); answer !== ''; answer = await one('  and')) {
			answers.push(answer);
		}

		return answers;
	};

	const title = options.title || await one('Title (what broke, in a few words)');
	const symptoms = options.symptoms.length > 0 ? options.symptoms : await many('What did you see');
	const evidence = options.evidence ?? await pasted(prompter);
	const cause = options.cause ?? (await one('Cause slug, if you know it (e.g. volume-device-busy; empty to skip)') || undefined);
	const rootCause = options.rootCause ?? (await one('Root cause, in your words (empty to skip)') || undefined);
	const tried = options.tried ?? await many('What did you try that did not work');
	const resolution = options.resolution ?? (await one('What fixed it (empty if it is still open)') || undefined);
	const tradeoffs = options.tradeoffs ?? (resolution ? await many('Trade-offs of that fix') : []);
	const lessons = options.lessons ?? await many('Lessons learned');
	return {
		...options,
		title,
		symptoms,
		evidence,
		tried,
		tradeoffs,
		lessons,
		...(cause ? {cause} : {}),
		...(rootCause ? {rootCause} : {}),
		...(resolution ? {resolution} : {}),
	};
}

async function pasted(prompter: Prompter): Promise<string[]> {
	const lines: string[] = [];
	for (let line = await prompter.ask('Paste the error text, then a line with only "." (or just "." to skip):\n'); line.trim() !== '.'; line = await prompter.ask('')) {
		lines.push(line);
	}

	const text = lines.join('\n').trim();
	return text ? [text] : [];
}

function terminalPrompter(): Prompter {
	// Questions go to stderr: stdout carries only the result.
	const readline = createInterface({input: process.stdin, output: process.stderr, terminal: true});
	return {
		ask: question => readline.question(question),
		close: () => {
			readline.close();
		},
	};
}

function suggestCauses(slug: string): string {
	const words = new Set(slug.toLowerCase().split(/[^a-z\d]+/).filter(word => word.length > 2));
	const close = causes
		.map(cause => ({slug: cause.slug, shared: cause.slug.split('-').filter(word => words.has(word)).length}))
		.filter(candidate => candidate.shared > 0)
		.sort((left, right) => right.shared - left.shared)
		.slice(0, 3)
		.map(candidate => candidate.slug);
	return close.length > 0 ? ` (closest: ${close.join(', ')})` : ' such as volume-device-busy or host-port-conflict';
}

function today(): string {
	const now = new Date();
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
