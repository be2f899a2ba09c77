import {escapeSequenceAt, namedKey, pasteEnd, pasteStart} from './terminal-keys.js';
/**
 * One text box, as a pure model: a value, a cursor, and whether a bracketed paste is under way.
 * Input comes as the terminal sends it, a chunk at a time: typed keys, Enter and pasted text can
 * share one chunk when the machine is busy, and they are applied in the order they came. What the
 * terminal sends to mean a key (backspace, arrows, Ctrl-U, escape sequences) is interpreted, never
 * stored; the value holds printable text and, from a paste, line feeds only.
 */
export type TextFieldState = {
	readonly value: string;
	/** Where the next character goes: an index into `value`, never inside a surrogate pair. */
	readonly cursor: number;
	/** Between the terminal's paste start (ESC[200~) and end (ESC[201~) marks. */
	readonly pasting: boolean;
};

/** Enter outside a paste: the value as it was at that moment. */
export type TextFieldSubmit = {readonly value: string};

export type TextFieldResult = {
	readonly state: TextFieldState;
	/** The Enters of the chunk, in order. */
	readonly submits: readonly TextFieldSubmit[];
};

export function textField(value = ''): TextFieldState {
	const clean = pastedText(value);
	return {value: clean, cursor: clean.length, pasting: false};
}

/** Applies one chunk of terminal input, character by character, in order. */
export function applyInput(initial: TextFieldState, chunk: string): TextFieldResult {
	let state = initial;
	const submits: TextFieldSubmit[] = [];
	let index = 0;
	while (index < chunk.length) {
		const character = chunk[index]!;
		if (character === '\u001B') {
			const sequence = escapeSequenceAt(chunk, index);
			index += sequence.length;
			state = applySequence(state, sequence);
			continue;
		}

		if (state.pasting) {
			// A paste is text: its line breaks (CRLF, CR or LF) are line feeds, never Enter.
			const end = chunk.indexOf('\u001B', index);
			const text = chunk.slice(index, end === -1 ? chunk.length : end);
			state = insert(state, pastedText(text, {keepTrailingBreaks: true}));
			index += text.length;
			continue;
		}

		const codePoint = chunk.codePointAt(index)!;
		const width = codePoint > 0xFF_FF ? 2 : 1;
		index += width;
		if (character === '\r' || character === '\n') {
			// A CRLF from a terminal that sends both is one Enter.
			if (character === '\r' && chunk[index] === '\n') {
				index++;
			}

			submits.push({value: state.value});
		} else if (character === '\u007F' || character === '\b') {
			state = deleteBefore(state);
		} else if (character === '\u0015') {
			state = {...state, value: '', cursor: 0};
		} else if (character === '\u0017') {
			state = deleteWordBefore(state);
		} else if (character === '\u0001') {
			state = {...state, cursor: 0};
		} else if (character === '\u0005') {
			state = {...state, cursor: state.value.length};
		} else if (isPrintable(codePoint)) {
			state = insert(state, chunk.slice(index - width, index));
		}
	}

	return {state, submits};
}

function applySequence(state: TextFieldState, sequence: string): TextFieldState {
	if (sequence === pasteStart) {
		return {...state, pasting: true};
	}

	if (sequence === pasteEnd) {
		// A line copied with the line break after it: the paste's trailing line feeds are dropped.
		const before = state.value.slice(0, state.cursor).replace(/\n+$/u, '');
		return {value: before + state.value.slice(state.cursor), cursor: before.length, pasting: false};
	}

	switch (namedKey(sequence)) {
		case 'left': {
			return {...state, cursor: previousBoundary(state.value, state.cursor)};
		}

		case 'right': {
			return {...state, cursor: nextBoundary(state.value, state.cursor)};
		}

		case 'home': {
			return {...state, cursor: 0};
		}

		case 'end': {
			return {...state, cursor: state.value.length};
		}

		case 'delete': {
			const next = nextBoundary(state.value, state.cursor);
			return {...state, value: state.value.slice(0, state.cursor) + state.value.slice(next)};
		}

		default: {
			// Escape, Alt-keys, up and down and every other key: not the text box's.
			return state;
		}
	}
}

/** Pasted text as the box keeps it: line breaks as line feeds, tabs as spaces, no other control character. */
function pastedText(text: string, options: {keepTrailingBreaks?: boolean} = {}): string {
	const plain = [...text.replaceAll(/\r\n?/gu, '\n').replaceAll('\t', ' ')]
		.filter(character => character === '\n' || isPrintable(character.codePointAt(0)!))
		.join('');
	return options.keepTrailingBreaks ? plain : plain.replace(/\n+$/u, '');
}

function isPrintable(codePoint: number): boolean {
	// C0 controls, DEL and C1 controls; and bidirectional overrides, which reorder what is shown.
	return !(codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0) || (codePoint >= 0x20_2A && codePoint <= 0x20_2E) || (codePoint >= 0x20_66 && codePoint <= 0x20_69));
}

function insert(state: TextFieldState, text: string): TextFieldState {
	if (text === '') {
		return state;
	}

	return {
		...state,
		value: state.value.slice(0, state.cursor) + text + state.value.slice(state.cursor),
		cursor: state.cursor + text.length,
	};
}

function deleteBefore(state: TextFieldState): TextFieldState {
	const start = previousBoundary(state.value, state.cursor);
	return {...state, value: state.value.slice(0, start) + state.value.slice(state.cursor), cursor: start};
}

/** Ctrl-W: the word before the cursor and the spaces after it. */
function deleteWordBefore(state: TextFieldState): TextFieldState {
	const before = state.value.slice(0, state.cursor).replace(/\S*\s*$/u, '');
	return {...state, value: before + state.value.slice(state.cursor), cursor: before.length};
}

function previousBoundary(value: string, cursor: number): number {
	if (cursor <= 0) {
		return 0;
	}

	const low = value.charCodeAt(cursor - 1);
	return cursor >= 2 && low >= 0xDC_00 && low <= 0xDF_FF ? cursor - 2 : cursor - 1;
}

function nextBoundary(value: string, cursor: number): number {
	if (cursor >= value.length) {
		return value.length;
	}

	return (value.codePointAt(cursor) ?? 0) > 0xFF_FF ? cursor + 2 : cursor + 1;
}
