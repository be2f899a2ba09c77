/**
 * Container output is untrusted: a log line can carry escape sequences that move the cursor,
 * rewrite the title, hide text or fake a prompt. Everything from a container passes through here
 * before it is stored, matched or printed, so it is plain, printable, bounded text.
 */

export const defaultMaximumLineLength = 2000;

export type NeutralizeOptions = {
	/** Longer lines are cut and end with "…". */
	readonly maximumLineLength?: number;
};

/** Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD instead of failing. */
export function decodeTerminalBytes(bytes: Uint8Array): string {
	return new TextDecoder('utf-8', {fatal: false}).decode(bytes);
}

// ESC-introduced sequences: CSI, OSC / DCS / SOS / PM / APC strings (terminated by BEL or ST, or
// unterminated to the end of their line), then any other two- or three-byte escape. A terminal
// would let an unterminated string swallow every line after it; a diagnosis must not, since the
// real error usually comes next.
const escapeSequences = new RegExp(
	[
		'\\u001B\\[[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]?',
		'\\u001B[\\]PX^_][^\\n]*?(?:\\u0007|\\u001B\\\\|\\u009C|(?=\\n)|$)',
		'\\u001B[\\u0020-\\u002F]*[\\u0030-\\u007E]?',
		// The same in their 8-bit C1 forms.
		'\\u009B[\\u0030-\\u003F]*[\\u0020-\\u002F]*[\\u0040-\\u007E]?',
		'[\\u0090\\u009D\\u0098\\u009E\\u009F][^\\n]*?(?:\\u0007|\\u009C|\\u001B\\\\|(?=\\n)|$)',
	].join('|'),
	'g',
);

/**
 * What plain text must not carry: C0 controls except tab and line feed, DEL, C1 controls, and the
 * Unicode bidirectional overrides that can make text read differently from what it is. Playbook
 * text and variable values are refused when they hold one; container text has them removed.
 */
export const unsafeCharacter = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const unsafeCharacters = new RegExp(unsafeCharacter.source, 'g');

/**
 * Characters that print as nothing: zero-width spaces and joiners, soft hyphens, word joiners,
 * variation selectors, tag characters (Unicode's default-ignorable code points). Container text
 * loses them: one inside an echoed token would keep it from being recognised and redacted, while
 * the terminal still shows the token whole.
 */
const invisibleCharacters = /\p{Default_Ignorable_Code_Point}/gu;
// The same in one class without the u flag, searched for in every line: a class is the fastest
// search there is. Astral characters show as their high surrogate, which only flags the line.
const invisibleCharacterCue = '\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF0-\\uFFF8\\uD82F\\uD834\\uDB40-\\uDB43';
// eslint-disable-next-line no-misleading-character-class -- lone high surrogates on purpose (above)
const unsafeOrInvisibleCharacter = new RegExp(`${unsafeCharacter.source.slice(0, -1)}${invisibleCharacterCue}]`);

/**
 * Plain printable text: escape sequences, control characters and invisible characters removed,
 * CRLF turned into LF, a lone CR shown as "^M" (it is evidence of Windows line endings, and printed
 * raw it would let a line overwrite itself), and every line capped in length.
 */
export function neutralizeTerminalText(text: string, options: NeutralizeOptions = {}): string {
	const maximum = options.maximumLineLength ?? defaultMaximumLineLength;
	// Every escape sequence starts with, and CR is, an unsafe character: text without one is already plain.
	return capLines(unsafeOrInvisibleCharacter.test(text) ? removeControls(text) : text, maximum);
}

function removeControls(text: string): string {
	const plain = text.replace(escapeSequences, '');
	const lineEndings = plain.includes('\r') ? plain.replace(/\r+\n/g, '\n').replace(/\r/g, '^M') : plain;
	return lineEndings.replace(unsafeCharacters, '').replace(invisibleCharacters, '');
}

/**
 * What a terminal leaves of one line of a process's output (without its LF): CRs just before the
 * end are part of a CRLF line end; a CR within it sends the cursor back to the start and what
 * follows is the line's new version (a progress bar redrawn), so the last version is kept. Only
 * for output a command prints: a container's log keeps its CRs, which neutralizeTerminalText
 * shows as "^M", the evidence of a script saved with Windows line endings.
 */
export function lastVersionOfLine(line: string): string {
	const ended = line.replace(/\r+$/, '');
	return ended.slice(ended.lastIndexOf('\r') + 1);
}

/** Every line at most `maximum` characters; a longer one is cut and ends with "…". */
export function capLines(text: string, maximum: number): string {
	if (text.length <= maximum) {
		return text;
	}

	return text.split('\n').map(line => capLine(line, maximum)).join('\n');
}

/**
 * Control characters written out as escapes (ESC as \u001B), for text a user must recognise rather
 * than read, such as a file name: removing them would name a different file.
 */
export function escapeControlCharacters(text: string): string {
	return text.replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g, character => `\\u${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

/** The first line of a message, neutralised: one line to show after "failed: ". */
export function firstPlainLine(text: string, maximumLineLength = defaultMaximumLineLength): string {
	return (neutralizeTerminalText(text, {maximumLineLength}).split('\n', 1)[0] ?? '').trim();
}

function capLine(line: string, maximum: number): string {
	if (line.length <= maximum) {
		return line;
	}

	// Do not cut a surrogate pair in half.
	let end = maximum - 1;
	const code = line.charCodeAt(end - 1);
	if (code >= 0xD8_00 && code <= 0xDB_FF) {
		end--;
	}

	return `${line.slice(0, end)}…`;
}
