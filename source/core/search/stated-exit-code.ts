import type {IndexedSignature} from './signature-hits.js';

/**
 * The exit code a text says a container ended with ("exited with code 0", "Exited (137) 2
 * minutes ago", "exit status 1", "exits with code1"), when it says one; a text that names
 * several different codes says nothing of the kind.
 */
const statedCode = /\bexit(?:ed|s)?(?: with)?(?: exit)? (?:code|status)[ =:]*(\d{1,3})\b|\bexited \((\d{1,3})\)/gi;

export function statedExitCode(text: string): number | undefined {
	let found: number | undefined;
	for (const match of text.matchAll(statedCode)) {
		const code = Number(match[1] ?? match[2]);
		if (found !== undefined && found !== code) {
			return undefined;
		}

		found = code;
	}

	return found;
}

/**
 * Each entry's exit codes, as its signatures declare them (`when.exitCodes`); undefined for an
 * entry that declares none, which an exit code neither favours nor rules out.
 */
export function declaredExitCodes(signatures: readonly IndexedSignature[], entries: number): Array<ReadonlySet<number> | undefined> {
	const codes: Array<Set<number> | undefined> = Array.from({length: entries}, () => undefined);
	for (const {signature, entry} of signatures) {
		for (const code of signature.when?.exitCodes ?? []) {
			(codes[entry] ??= new Set()).add(code);
		}
	}

	return codes;
}

/** What a stated exit code does to the word score of a cause that declares it, or only others. */
const exitCodeFit = 1.25;
const exitCodeMisfit = 0.8;

/**
 * A container's exit code is a fact the words only hint at: a cause whose signatures say it ends
 * with that code gains, one whose signatures name only other codes loses ("exited with code 0"
 * is no missing interpreter, which ends with 127).
 */
export function weighByExitCode(codes: ReadonlyArray<ReadonlySet<number> | undefined>, exitCode: number, entries: readonly number[], scores: Float64Array): void {
	for (const entry of entries) {
		const declared = codes[entry];
		if (declared) {
			scores[entry]! *= declared.has(exitCode) ? exitCodeFit : exitCodeMisfit;
		}
	}
}
