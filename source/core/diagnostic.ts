import {escapeControlCharacters, neutralizeTerminalText} from './neutralize-terminal-text.js';

/** A problem with one input file: reported with where it is, and the file is skipped. */
export type Diagnostic = {
	readonly file: string;
	readonly line?: number;
	readonly field?: string;
	readonly message: string;
	readonly severity: 'error' | 'warning';
};

/** One printable line: file names and messages can quote a file's own bytes, so they are neutralised. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
	const where = diagnostic.line === undefined ? diagnostic.file : `${diagnostic.file}:${diagnostic.line}`;
	const field = diagnostic.field ? ` ${diagnostic.field}:` : '';
	return neutralizeTerminalText(`${where}:${field} ${diagnostic.message}`).replaceAll('\n', ' ');
}

export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
	let text = '';
	for (const part of path) {
		text += typeof part === 'number' ? `[${part}]` : text ? `.${String(part)}` : String(part);
	}

	return text;
}

/** Messages and field names quote a file's own keys, values and name: control characters are shown as escapes. */
export function diagnosticText(text: string): string {
	const visible = escapeControlCharacters(text);
	return visible.length > 300 ? `${visible.slice(0, 299)}…` : visible;
}
