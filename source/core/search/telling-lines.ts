/**
 * A long paste is mostly noise: start-up banners, versions, compose's progress, stack frames.
 * The lines that carry an error, and the user's own sentences, are what tell one cause from
 * another; in a long paste they keep their full weight and every other line counts for little,
 * so one telling line in a hundred decides instead of drowning.
 */

export type WeightedLine = {
	readonly text: string;
	readonly weight: number;
};

/** Up to this many lines (and characters) a query is read whole: it was typed, or is one error. */
const shortLines = 6;
const shortCharacters = 600;
const backgroundWeight = 0.25;

const errorWords = new RegExp(String.raw`\b(?:${[
	'\\w*errors?', '\\w*exceptions?', 'err!?', 'fatal', 'failed', 'failure', 'fails?', 'denied', 'refused', 'refuses', 'cannot', 'can\'t', 'couldn\'t',
	'unable', 'not found', 'no such', 'invalid', 'unhealthy', 'killed', 'panic', 'traceback', 'errno', 'e(?:acces|perm|connrefused|connreset|noent|addrinuse|notfound|timedout|rofs|nospc|resolve|busy|nomem)',
	'timed out', 'timeout', 'not allowed', 'forbidden', 'conflict', 'already (?:in use|exists|allocated|assigned)', 'exited', 'exit (?:code|status)',
	'segmentation', 'oom', 'not valid', 'incompatible', 'mismatch', 'unsupported', 'unexpected', 'missing', 'not set', 'warning', 'critical',
	'hint', 'detail', 'caused by', 'no space', 'too low', 'too many', 'not running', 'not known', 'unknown', 'unregistered', 'bad',
].join('|')})`, 'i');

/** A log line starts with a prefix a program wrote: a service name and a bar, a timestamp, a level in brackets. */
const logPrefix = /^\s*(?:[\w.-]+\s+\|\s|#\d+\s|\[?\d{4}-\d{2}-\d{2}|\d{2}:\d{2}:\d{2}|\[[A-Z\d:/\s.,-]+\]|[A-Z]{3,8}\[\d+\]|at\s|[{}[\],]|"[\w.]+":)/;
const sentenceWords = /\b(?:i|we|my|our|it|the|this|when|but|and|after|because|so|tried|trying|have|has|is|are|was|can|does|do|not|to)\b/gi;

/** The query as the lines it is read by: one for a short query, each of its lines for a long paste. */
export function queryLines(text: string): string[] {
	const lines = text.split('\n');
	return lines.length <= shortLines && text.length <= shortCharacters ? [text] : lines;
}

/**
 * Each line's weight. `namesConcept[i]` tells whether line i holds a phrase of the vocabulary
 * ("appears to contain a database"): such a line is telling even without an error word.
 */
export function lineWeights(lines: readonly string[], namesConcept: readonly boolean[]): number[] {
	if (lines.length === 1) {
		return [1];
	}

	const telling = lines.map((line, at) => namesConcept[at] === true || errorWords.test(line) || isProse(line));
	return telling.some(Boolean) ? telling.map(isTelling => isTelling ? 1 : backgroundWeight) : lines.map(() => 1);
}

/** A sentence someone wrote: several words, a good share of them glue, not a program's log line. */
function isProse(line: string): boolean {
	if (logPrefix.test(line)) {
		return false;
	}

	const words = line.trim().split(/\s+/);
	if (words.length < 5) {
		return false;
	}

	const glue = line.match(sentenceWords)?.length ?? 0;
	return glue / words.length >= 0.2;
}
