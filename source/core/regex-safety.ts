import {backtrackingRisk} from './regex-ambiguity.js';

export type RegexVerdict = {readonly ok: true; readonly regex: RegExp} | {readonly ok: false; readonly reason: string};

const broadProbes = ['', 'error', 'Error: failed', 'warning', 'starting', 'done', 'exit 1', 'ok'];

/**
 * Compiles a playbook pattern and refuses the ones that would hurt: invalid syntax, nested
 * quantifiers or ambiguous repetition that backtrack catastrophically on a long log line, and
 * patterns so broad they match any ordinary log line.
 */
export function compileSignature(pattern: string, flags = 'i'): RegexVerdict {
	const verdict = compileUserPattern(pattern, flags);
	if (!verdict.ok) {
		return verdict;
	}

	const broad = broadProbes.find(probe => verdict.regex.test(probe));
	return broad === undefined ? verdict : {ok: false, reason: `too broad: it matches the ordinary text ${JSON.stringify(broad)}`};
}

/** A user-supplied pattern (checks, variable validation): syntax and safety only. */
export function compileUserPattern(pattern: string, flags = ''): RegexVerdict {
	let regex: RegExp;
	try {
		regex = new RegExp(pattern, flags);
	} catch (error) {
		return {ok: false, reason: `invalid regular expression: ${(error as Error).message}`};
	}

	const risk = backtrackingRisk(pattern, flags);
	return risk ? {ok: false, reason: risk} : {ok: true, regex};
}
