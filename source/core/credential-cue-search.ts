/**
 * Which credential shapes a text may hold, found by searching it for the shapes' cues: the fast
 * path of redaction, since most log lines hold none and then nothing else runs.
 */
import {cuePatternSources} from './credential-cue-patterns.js';
import {cueGroups, type Cue} from './credential-cues.js';

function cueSearch(group: readonly Cue[], source: string): {readonly candidates: (found: string) => readonly Cue[]; readonly pattern: RegExp} {
	// What a search finds is a cue, or the beginning cues share ("sk-" of "sk-ant-"): the cues it
	// may stand for are worked out once for each such text.
	const candidates = new Map<string, readonly Cue[]>();
	return {
		pattern: new RegExp(source, 'g'),
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

// What the searches find says which shapes to run.
const cueSearches = cueGroups.map((group, index) => cueSearch(group, cuePatternSources[index]!));

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
