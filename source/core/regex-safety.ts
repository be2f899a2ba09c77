import safeRegex from 'safe-regex2';
import {findBacktrackingAmbiguity} from './regex-ambiguity.js';

export type RegexVerdict = {readonly ok: true; readonly regex: RegExp} | {readonly ok: false; readonly reason: string};

const broadProbes = ['', 'error', 'Error: failed', 'warning', 'starting', 'done', 'exit 1', 'ok'];

/**
 * Compiles a playbook pattern and refuses the ones that would hurt: invalid syntax, nested
 * quantifiers or ambiguous repetition that backtrack catastrophically on a long log line, and
 * patterns so broad they match any ordinary log line.
 */
export function compileSignature(pattern: string, flags = 'i'): RegexVerdict {
	let regex: RegExp;
	try {
		regex = new RegExp(pattern, flags);
	} catch (error) {
		return {ok: false, reason: `invalid regular expression: ${(error as Error).message}`};
	}

	const unsafe = backtrackingRisk(regex);
	if (unsafe) {
		return {ok: false, reason: unsafe};
	}

	const broad = broadProbes.find(probe => regex.test(probe));
	if (broad !== undefined) {
		return {ok: false, reason: `too broad: it matches the ordinary text ${JSON.stringify(broad)}`};
	}

	return {ok: true, regex};
}

/** A user-supplied pattern (checks, variable validation): syntax and safety only. */
export function compileUserPattern(pattern: string, flags = ''): RegexVerdict {
	try {
		const regex = new RegExp(pattern, flags);
		const unsafe = backtrackingRisk(regex);
		return unsafe ? {ok: false, reason: unsafe} : {ok: true, regex};
	} catch (error) {
		return {ok: false, reason: `invalid regular expression: ${(error as Error).message}`};
	}
}

/** Why the pattern could backtrack catastrophically on a long line, or undefined when it cannot. */
function backtrackingRisk(regex: RegExp): string | undefined {
	if (!safeRegex(regex, {limit: 25})) {
		return 'unsafe regular expression: nested quantifiers can backtrack catastrophically';
	}

	const ambiguity = findBacktrackingAmbiguity(regex.source, regex.flags);
	return ambiguity.ambiguous ? `unsafe regular expression: ${ambiguity.reason}` : undefined;
}
