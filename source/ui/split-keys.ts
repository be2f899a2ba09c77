import type {Key} from 'ink';
import {escapeSequenceAt, namedKey, pasteStart, type NamedKey} from './terminal-keys.js';

/**
 * Keys that reach the wizard in one read (typed fast, sent by a script: `jj`, `j` then enter) come
 * from Ink as one event, which no binding matches: split here into the keys they are. A bracketed
 * paste is left whole (a text box takes it as text), and so is a long run of text (a paste from a
 * terminal without bracketed paste): a text box applies it at once, and a screen has no key that
 * long.
 */

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

	if (rest.startsWith('\u001B')) {
		return escapeSequenceAt(raw, index).length;
	}

	return String.fromCodePoint(rest.codePointAt(0)!).length;
}

const keysByName: Readonly<Record<NamedKey, Partial<Key>>> = {
	up: {upArrow: true},
	down: {downArrow: true},
	right: {rightArrow: true},
	left: {leftArrow: true},
	'page-up': {pageUp: true},
	'page-down': {pageDown: true},
	home: {home: true},
	end: {end: true},
	delete: {delete: true},
	'back-tab': {tab: true, shift: true},
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
	const name = namedKey(raw);
	if (name) {
		return {input: '', key: {...noKey, ...keysByName[name]}};
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
