/**
 * "exits with code1", "exit1", "status137": an exit code written onto the word before it. Read
 * as two words, so "code1" is the phrase "code 1" and not an unknown word that typo correction
 * turns into something else.
 */
const gluedExitCode = /^(code|exit|exited|status|signal)(\d{1,3})$/;

/** The word and the number when a number is glued onto one of those words, else undefined. */
export function splitGluedExitCode(word: string): readonly [string, string] | undefined {
	const match = gluedExitCode.exec(word);
	return match ? [match[1]!, match[2]!] : undefined;
}
