/**
 * Runs a command in a pseudo-terminal, as the wizard needs one: util-linux `script`, which takes
 * one shell command line. Each word is quoted, and the terminal gets a fixed size first (`script`
 * without a terminal of its own reports 0×0). Baselines go through the same wrapper, so its cost
 * is on both sides.
 */
export type TerminalSize = {readonly columns: number; readonly rows: number};

export const benchmarkTerminal: TerminalSize = {columns: 120, rows: 40};

/** One word for a POSIX shell, single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll('\'', '\'\\\'\'')}'`;
}

export function inPseudoTerminal(argv: readonly string[], size: TerminalSize = benchmarkTerminal): [string, ...string[]] {
	const commandLine = `stty cols ${size.columns} rows ${size.rows} 2>/dev/null; exec ${argv.map(shellQuote).join(' ')}`;
	return ['script', '-qfec', commandLine, '/dev/null'];
}
