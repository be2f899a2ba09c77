import {compileUserPattern} from '../regex-safety.js';

/** A check's pattern compiled the way lint checks it (case-insensitive), or why it cannot be used. */
export function compileCheckPattern(pattern: string): {regex: RegExp} | {problem: string} {
	const verdict = compileUserPattern(pattern, 'i');
	return verdict.ok ? {regex: verdict.regex} : {problem: `the pattern /${pattern}/ cannot be used: ${verdict.reason}`};
}

/** The first non-empty line of a text, for a detail. */
export function firstLine(text: string): string {
	return text.split('\n').map(line => line.trim()).find(Boolean) ?? '';
}

/** The last non-empty line of a text, usually where the error is. */
export function lastLine(text: string): string {
	return text.split('\n').map(line => line.trim()).findLast(Boolean) ?? '';
}
