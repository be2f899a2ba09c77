/**
 * The cues of the credential shapes (credential-shapes.ts), in the two groups credential
 * search looks for them in, and the regular expression that finds each group's cues. The
 * expressions are worked out by the build (scripts/write-credential-cue-patterns.ts writes
 * credential-cue-patterns.ts), not at every start: in code not yet optimised, building them was
 * ~1 ms of a cold search.
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

export type Cue = {readonly text: string; readonly lowerCase: string; readonly anyCase: boolean; readonly atWordBoundary: boolean; readonly shape: number};

const cues: readonly Cue[] = credentialShapes.flatMap((shape, index) => shape.cues.map(text => ({
	text,
	lowerCase: text.toLowerCase(),
	anyCase: shape.anyCaseCues ?? false,
	atWordBoundary: shape.cuesAtWordBoundary ?? false,
	shape: index,
})));

// Most log lines hold no cue of any shape: for them the search for cues is the whole cost of
// redaction. Exact cues that begin with a capital or a sign are searched for apart: those are
// rare in logs, so that search is quick, and the other one has fewer branches to try.
const beginsRarely = (cue: Cue) => !cue.anyCase && !/^[a-z]/.test(cue.text);
export const cueGroups: readonly [readonly Cue[], readonly Cue[]] = [cues.filter(cue => beginsRarely(cue)), cues.filter(cue => !beginsRarely(cue))];

/** The source of the regular expression that finds the group's cues, or of one that finds nothing. */
export function cuePatternSource(group: readonly Cue[]): string {
	const alternation = (selected: readonly Cue[], anyCase: boolean) => literalAlternation([...new Set(selected.map(cue => (anyCase ? cue.lowerCase : cue.text)))], anyCase);
	const exactAtBoundary = group.filter(cue => !cue.anyCase && cue.atWordBoundary);
	const exactAnywhere = group.filter(cue => !cue.anyCase && !cue.atWordBoundary);
	const anyCase = group.filter(cue => cue.anyCase);
	const source = [
		...(exactAtBoundary.length > 0 ? [`\\b(?:${alternation(exactAtBoundary, false)})`] : []),
		...(exactAnywhere.length > 0 ? [alternation(exactAnywhere, false)] : []),
		...(anyCase.length > 0 ? [alternation(anyCase, true)] : []),
	].join('|');
	return source || '(?!)';
}
