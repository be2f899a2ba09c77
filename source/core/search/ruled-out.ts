import type {PhraseWord} from './phrase-words.js';

/**
 * What the user says it is not: "not a permission problem", "no DNS errors", "the port is free",
 * "permissions look fine". Those words name a cause the user has ruled out, so they must not
 * count for it. Only these explicit shapes are read as ruling out: a bare "not" is part of most
 * symptoms ("not found", "does not start", "not running") and says nothing of the kind.
 */

/**
 * Word positions [start, end) of what is ruled out, and [coverStart, coverEnd) of the whole
 * construction that says so ("not a ... problem"), none of whose words count for anything.
 */
export type RuledOutSpan = {readonly start: number; readonly end: number; readonly coverStart: number; readonly coverEnd: number};

const determiners = new Set(['a', 'an', 'the', 'any', 'my', 'our', 'its', 'this', 'that']);
const negators = new Set(['not', 'no', 'never', 'without']);
const problemNouns = new Set(['problem', 'problems', 'issue', 'issues', 'error', 'errors', 'cause', 'related', 'fault', 'culprit']);
const linkingVerbs = new Set(['is', 'are', 'was', 'were', 'seems', 'seem', 'looks', 'look', 'appears', 'appear']);
const allClear = new Set(['fine', 'ok', 'okay', 'correct', 'right', 'free', 'unused', 'good']);
/** Words that end the subject of "X is fine" looking backwards. */
const clauseBreak = new Set(['and', 'but', 'so', 'because', 'since', 'although', 'though', 'that', 'which', 'if', 'when', 'i', 'we', 'it', 'is', 'are', 'was', 'were', 'not']);

const longestSubject = 3;

export function ruledOutSpans(words: readonly PhraseWord[]): RuledOutSpan[] {
	const spans: RuledOutSpan[] = [];
	const word = (at: number) => words[at]?.word;

	for (let at = 0; at < words.length; at++) {
		// "not a permission problem", "no dns errors", "not network related"
		if (negators.has(word(at)!)) {
			let start = at + 1;
			while (determiners.has(word(start) ?? '')) {
				start++;
			}

			for (let end = start + 1; end <= start + longestSubject && end < words.length; end++) {
				if (problemNouns.has(word(end)!)) {
					spans.push({start, end, coverStart: at, coverEnd: end + 1});
					break;
				}
			}
		}

		// "the port is free", "permissions look fine", "memory is not the problem"
		if (linkingVerbs.has(word(at)!) && at > 0) {
			const verdict = at + 1 < words.length && word(at + 1) === 'to' && word(at + 2) === 'be' ? at + 3 : at + 1;
			const notTheProblem = word(verdict) === 'not' && determiners.has(word(verdict + 1) ?? '') && problemNouns.has(word(verdict + 2) ?? '');
			const cleared = allClear.has(word(verdict) ?? '') || notTheProblem;
			if (cleared) {
				let start = at;
				while (start > 0 && at - start < longestSubject && !clauseBreak.has(word(start - 1)!) && !sentenceEndsBefore(words, start)) {
					start--;
				}

				if (start < at) {
					spans.push({start, end: at, coverStart: start, coverEnd: notTheProblem ? verdict + 3 : verdict + 1});
				}
			}
		}
	}

	return spans;
}

/** Whether a full stop, comma or line break stands between word start-1 and word start. */
function sentenceEndsBefore(words: readonly PhraseWord[], start: number): boolean {
	return words[start - 1]!.end < words[start]!.start - 1;
}

/**
 * Whether the phrase at word positions [start, end) is what a span rules out: it starts in what is
 * ruled out and ends within the construction ("not a permission problem" rules out the phrase
 * "permission problem" as much as the word "permission").
 */
export function isRuledOut(spans: readonly RuledOutSpan[], start: number, end: number): boolean {
	return spans.some(span => start >= span.start && start < span.end && end <= span.coverEnd);
}
