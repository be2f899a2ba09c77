/**
 * What a terminal sends for keys, read one way for the whole wizard: the key input that splits a
 * read into keys (split-keys.ts) and the text field that applies a read (text-field-state.ts).
 */

export const pasteStart = '\u001B[200~';
export const pasteEnd = '\u001B[201~';

// CSI (ESC [ parameters intermediates final), SS3 (ESC O final), ESC and one character (Alt-key), or ESC alone.
const escapeSequence = /^\u001B(?:\[[\x30-\x3F]*[\x20-\x2F]*[\x40-\x7E]|O[\x40-\x7E]|[^[O]|$)/u;

/** The escape sequence at `index` of `text` (which starts with ESC there); ESC alone when what follows is cut off. */
export function escapeSequenceAt(text: string, index: number): string {
	return escapeSequence.exec(text.slice(index))?.[0] ?? '\u001B';
}

export type NamedKey = 'up' | 'down' | 'left' | 'right' | 'page-up' | 'page-down' | 'home' | 'end' | 'delete' | 'back-tab';

const namedKeys: Readonly<Record<string, NamedKey>> = {
	'\u001B[A': 'up',
	'\u001BOA': 'up',
	'\u001B[B': 'down',
	'\u001BOB': 'down',
	'\u001B[C': 'right',
	'\u001BOC': 'right',
	'\u001B[D': 'left',
	'\u001BOD': 'left',
	'\u001B[5~': 'page-up',
	'\u001B[6~': 'page-down',
	'\u001B[H': 'home',
	'\u001BOH': 'home',
	'\u001B[1~': 'home',
	'\u001B[7~': 'home',
	'\u001B[F': 'end',
	'\u001BOF': 'end',
	'\u001B[4~': 'end',
	'\u001B[8~': 'end',
	'\u001B[3~': 'delete',
	'\u001B[Z': 'back-tab',
};

/** The key an escape sequence stands for, when it is one the wizard knows. */
export function namedKey(sequence: string): NamedKey | undefined {
	return namedKeys[sequence];
}
