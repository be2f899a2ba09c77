import type {Key} from 'ink';

/**
 * Keys that reach the wizard in one read (typed fast, sent by a script: `jj`, `j` then enter) come
 * from Ink as one event, which no binding matches: split here into the keys they are. A bracketed
 * paste is left whole (a text box takes it as text), and so is a long run of text (a paste from a
 * terminal without bracketed paste): a text box applies it at once, and a screen has no key that
 * long.
 */

const pasteStart = '\u001B[200~';
const maximumKeys = 8;

/** The keys of a read, when it holds more than one; undefined when it is one key, a paste, or long text. */
export function splitKeys(raw: string): string[] | undefined {
	if (raw.includes(pasteStart)) {
		return undefined;
	}

	const keys: string[] = [];
	let index = 0;
	while (index < raw.length) {
		const length = keyLength(raw, index);
		keys.push(raw.slice(index, index + length));
		index += length;
		if (keys.length > maximumKeys) {
			return undefined;
		}
	}

	return keys.length > 1 ? keys : undefined;
}

/** The length of the key that starts at `index`: an escape sequence, CRLF, or one character. */
function keyLength(raw: string, index: number): number {
	const rest = raw.slice(index);
	if (rest.startsWith('\r\n')) {
		return 2;
	}

	if (rest.startsWith('\u001B[')) {
		// CSI: parameters, then one final byte from @ to ~.
		const final = /^\u001B\[[\d;?]*[@-~]/.exec(rest);
		return final ? final[0].length : rest.length;
	}

	if (rest.startsWith('\u001BO') && rest.length >= 3) {
		return 3;
	}

	if (rest.startsWith('\u001B') && rest.length >= 2) {
		// Alt+key: ESC then the key.
		return 1 + String.fromCodePoint(rest.codePointAt(1)!).length;
	}

	return String.fromCodePoint(rest.codePointAt(0)!).length;
}

const sequences: Readonly<Record<string, Partial<Key>>> = {
	'\u001B[A': {upArrow: true},
	'\u001B[B': {downArrow: true},
	'\u001B[C': {rightArrow: true},
	'\u001B[D': {leftArrow: true},
	'\u001BOA': {upArrow: true},
	'\u001BOB': {downArrow: true},
	'\u001BOC': {rightArrow: true},
	'\u001BOD': {leftArrow: true},
	'\u001B[5~': {pageUp: true},
	'\u001B[6~': {pageDown: true},
	'\u001B[H': {home: true},
	'\u001B[1~': {home: true},
	'\u001B[7~': {home: true},
	'\u001BOH': {home: true},
	'\u001B[F': {end: true},
	'\u001B[4~': {end: true},
	'\u001B[8~': {end: true},
	'\u001BOF': {end: true},
	'\u001B[3~': {delete: true},
	'\u001B[Z': {tab: true, shift: true},
};

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/** One key of a split read, as Ink's useInput would have handed it: the input and its Key. */
export function parseKey(raw: string): {input: string; key: Key} {
	const known = sequences[raw];
	if (known) {
		return {input: '', key: {...noKey, ...known}};
	}

	if (raw === '\r' || raw === '\n' || raw === '\r\n') {
		return {input: '', key: {...noKey, return: true}};
	}

	if (raw === '\t') {
		return {input: '', key: {...noKey, tab: true}};
	}

	// Ink names DEL (what Backspace sends) "delete" and BS "backspace".
	if (raw === '\u007F' || raw === '\u001B\u007F') {
		return {input: '', key: {...noKey, delete: true, meta: raw.length > 1}};
	}

	if (raw === '\b') {
		return {input: '', key: {...noKey, backspace: true}};
	}

	if (raw === '\u001B') {
		return {input: '', key: {...noKey, escape: true}};
	}

	if (raw.startsWith('\u001B')) {
		return {input: raw.slice(1), key: {...noKey, meta: true, escape: false}};
	}

	const code = raw.codePointAt(0)!;
	if (code >= 1 && code <= 26) {
		return {input: String.fromCodePoint(code + 96), key: {...noKey, ctrl: true}};
	}

	return {input: raw, key: {...noKey, shift: raw !== raw.toLowerCase() && raw === raw.toUpperCase()}};
}
