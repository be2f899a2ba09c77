import type {ContainerSnapshot, LogLine} from '../snapshot.js';

const errorLike = /\b(?:error|err|fatal|panic|exception|traceback|denied|refused|not found|no such|cannot|can't|could not|couldn't|unable|failed|failure|killed|invalid|illegal|unknown|segmentation|timed? ?out|in use|already|eacces|eperm|enoent|eaddrinuse|econnrefused|errno|bad interpreter|syntax)\b|\^M/i;

/** Exception classes by name (KeyError, ModuleNotFoundError, NullPointerException): the case tells them from words. */
const exceptionName = /[a-z\d](?:Error|Exception)\b/;

/** Whether a log line reads like an error (the words and codes programs use for one). */
export function looksLikeError(text: string): boolean {
	return errorLike.test(text) || exceptionName.test(text);
}

export type ImportantLines = {
	/** Error-looking lines, oldest first, each once. */
	readonly errors: readonly string[];
	/** The last lines the container wrote, each once. */
	readonly last: readonly string[];
};

const maximumErrors = 15;
const lastCount = 3;
export const noLines: readonly LogLine[] = [];

// Every detector asks for the same container's lines several times; they are picked once per log.
const importantLinesByLog = new WeakMap<readonly LogLine[], ImportantLines>();

/** The lines worth matching and showing: errors (newest kept) and the last few lines, not the whole log. */
export function importantLogLines(container: ContainerSnapshot): ImportantLines {
	const lines = container.logs?.lines ?? noLines;
	let important = importantLinesByLog.get(lines);
	if (!important) {
		important = pickImportantLines(lines);
		importantLinesByLog.set(lines, important);
	}

	return important;
}

function pickImportantLines(lines: readonly LogLine[]): ImportantLines {
	const texts = lines.map(line => line.text.trim()).filter(Boolean);
	const errors: string[] = [];
	const seen = new Set<string>();
	for (const text of [...texts].reverse()) {
		if (errors.length >= maximumErrors) {
			break;
		}

		if (looksLikeError(text) && !seen.has(text)) {
			seen.add(text);
			errors.unshift(text);
		}
	}

	const last: string[] = [];
	for (const text of [...texts].reverse()) {
		if (last.length >= lastCount) {
			break;
		}

		if (!last.includes(text)) {
			last.unshift(text);
		}
	}

	return {errors, last};
}
