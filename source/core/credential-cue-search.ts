/**
 * Which credential shapes a text may hold, found by searching it for the shapes' cues: the fast
 * path of redaction, since most log lines hold none and then nothing else runs.
 */
import {credentialShapes} from './credential-shapes.js';

function escapeLiteral(text: string): string {
	return text.replaceAll(/[\\^$.*+?()[\]{}|/-]/g, String.raw`\$&`);
}

/**
 * One alternation of the literals as a tree of shared beginnings ("gh(?:p_|o_)" rather than
 * "ghp_|gho_"): the regex engine then tries a few branches at each position instead of every
 * literal. A literal that begins another stands for both, which is all a search for cues needs.
 * With anyCase, letters match in either case: as classes, which search faster than the i flag.
 */
function literalAlternation(literals: readonly string[], anyCase: boolean): string {
	const byFirst = new Map<string, string[]>();
	for (const literal of literals) {
		const first = anyCase ? literal[0]!.toLowerCase() : literal[0]!;
		byFirst.set(first, [...byFirst.get(first) ?? [], literal.slice(1)]);
	}

	return [...byFirst].map(([first, rests]) => {
		const head = anyCase && first.toUpperCase() !== first ? `[${first}${first.toUpperCase()}]` : escapeLiteral(first);
		if (rests.includes('')) {
			return head;
		}

		const rest = literalAlternation(rests, anyCase);
		return rest.includes('|') ? `${head}(?:${rest})` : `${head}${rest}`;
	}).join('|');
}

type Cue = {readonly text: string; readonly lowerCase: string; readonly anyCase: boolean; readonly atWordBoundary: boolean; readonly shape: number};

const cues: readonly Cue[] = credentialShapes.flatMap((shape, index) => shape.cues.map(text => ({
	text,
	lowerCase: text.toLowerCase(),
	anyCase: shape.anyCaseCues ?? false,
	atWordBoundary: shape.cuesAtWordBoundary ?? false,
	shape: index,
})));

function cueSearch(group: readonly Cue[]): {readonly candidates: (found: string) => readonly Cue[]; readonly pattern: RegExp} {
	const alternation = (selected: readonly Cue[], anyCase: boolean) => literalAlternation([...new Set(selected.map(cue => (anyCase ? cue.lowerCase : cue.text)))], anyCase);
	const exactAtBoundary = group.filter(cue => !cue.anyCase && cue.atWordBoundary);
	const exactAnywhere = group.filter(cue => !cue.anyCase && !cue.atWordBoundary);
	const anyCase = group.filter(cue => cue.anyCase);
	const source = [
		...(exactAtBoundary.length > 0 ? [`\\b(?:${alternation(exactAtBoundary, false)})`] : []),
		...(exactAnywhere.length > 0 ? [alternation(exactAnywhere, false)] : []),
		...(anyCase.length > 0 ? [alternation(anyCase, true)] : []),
	].join('|');
	// What a search finds is a cue, or the beginning cues share ("sk-" of "sk-ant-"): the cues it
	// may stand for are worked out once for each such text.
	const candidates = new Map<string, readonly Cue[]>();
	return {
		pattern: new RegExp(source || '(?!)', 'g'),
		candidates(found) {
			const key = found.toLowerCase();
			let known = candidates.get(key);
			if (!known) {
				known = group.filter(cue => cue.lowerCase.startsWith(key));
				candidates.set(key, known);
			}

			return known;
		},
	};
}

// Most log lines hold no cue of any shape: for them the search for cues is the whole cost of
// redaction. Exact cues that begin with a capital or a sign are searched for apart: those are
// rare in logs, so that search is quick, and the other one has fewer branches to try. What the
// searches find says which shapes to run.
const beginsRarely = (cue: Cue) => !cue.anyCase && !/^[a-z]/.test(cue.text);
const cueSearches = [cueSearch(cues.filter(cue => beginsRarely(cue))), cueSearch(cues.filter(cue => !beginsRarely(cue)))];

/** Whether each shape's cue is in the text, by index into credentialShapes; undefined when none is. */
export function cuedShapes(text: string): boolean[] | undefined {
	let cued: boolean[] | undefined;
	for (const {candidates, pattern} of cueSearches) {
		pattern.lastIndex = 0;
		for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
			const at = match.index;
			const found = match[0];
			for (const cue of candidates(found)) {
				if (holdsCue(text, at, found, cue)) {
					(cued ??= [])[cue.shape] = true;
				}
			}

			// On from the next character, not the end of the match: a cue may begin inside another.
			pattern.lastIndex = at + 1;
		}
	}

	return cued;
}

/** Whether the cue is at `at`, where the search found `found`, the cue itself or the beginning they share. */
function holdsCue(text: string, at: number, found: string, cue: Cue): boolean {
	if (cue.anyCase) {
		const lower = found.toLowerCase();
		return cue.lowerCase.startsWith(lower) && (cue.lowerCase.length === lower.length || text.slice(at, at + cue.text.length).toLowerCase() === cue.lowerCase);
	}

	return cue.text.startsWith(found) && (cue.text.length === found.length || text.startsWith(cue.text, at));
}
