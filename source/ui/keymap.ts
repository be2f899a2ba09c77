import type {Key} from 'ink';

/**
 * One keymap, as data: it drives both input handling and the footer, so the hints can never
 * disagree with what the keys do.
 */
export type KeyAction =
	| 'move'
	| 'move-arrows'
	| 'scroll'
	| 'page'
	| 'ends'
	| 'open'
	| 'open-playbook'
	| 'back'
	| 'search'
	| 'help'
	| 'quit'
	| 'stop-fix'
	| 'rescan'
	| 'fix'
	| 'other-cause'
	| 'run'
	| 'skip'
	| 'did-it-myself'
	| 'next'
	| 'submit'
	| 'retry'
	| 'recheck'
	| 'hint'
	| 'move-on'
	| 'record'
	| 'edit'
	| 'save'
	| 'cancel';

export type Binding = {
	readonly action: KeyAction;
	/** As shown in the footer. */
	readonly keys: string;
	readonly label: string;
	readonly matches: (input: string, key: Key) => boolean;
};

const upOrDown = (input: string, key: Key) => key.upArrow || key.downArrow || input === 'j' || input === 'k';

const bindings: Record<KeyAction, Binding> = {
	move: {action: 'move', keys: '↑↓/jk', label: 'move', matches: upOrDown},
	// Where a text box takes the letters, only the arrows move.
	'move-arrows': {action: 'move-arrows', keys: '↑↓', label: 'move', matches: (_input, key) => key.upArrow || key.downArrow},
	scroll: {action: 'scroll', keys: '↑↓/jk', label: 'scroll', matches: upOrDown},
	page: {action: 'page', keys: 'pgup/pgdn', label: 'page', matches: (_input, key) => key.pageUp || key.pageDown},
	ends: {action: 'ends', keys: 'g/G', label: 'top/end', matches: input => input === 'g' || input === 'G'},
	open: {action: 'open', keys: 'enter', label: 'open', matches: (_input, key) => key.return},
	'open-playbook': {action: 'open-playbook', keys: 'enter', label: 'open its playbook', matches: (_input, key) => key.return},
	back: {action: 'back', keys: 'esc', label: 'back', matches: (_input, key) => key.escape},
	search: {action: 'search', keys: '/', label: 'search', matches: input => input === '/'},
	help: {action: 'help', keys: '?', label: 'help', matches: input => input === '?'},
	quit: {action: 'quit', keys: 'q', label: 'quit', matches: input => input === 'q'},
	// In a fix, q first ends the fix and shows its summary (where it can be recorded); q there quits.
	'stop-fix': {action: 'stop-fix', keys: 'q', label: 'stop fix', matches: input => input === 'q'},
	rescan: {action: 'rescan', keys: 'r', label: 'rescan', matches: input => input === 'r'},
	fix: {action: 'fix', keys: 'f', label: 'guided fix', matches: input => input === 'f'},
	'other-cause': {action: 'other-cause', keys: '1-3', label: 'likely cause', matches: input => /^[1-9]$/.test(input)},
	run: {action: 'run', keys: 'enter', label: 'run', matches: (_input, key) => key.return},
	skip: {action: 'skip', keys: 's', label: 'skip', matches: input => input === 's'},
	'did-it-myself': {action: 'did-it-myself', keys: 'd', label: 'I did it myself', matches: input => input === 'd'},
	next: {action: 'next', keys: 'enter', label: 'next step', matches: (_input, key) => key.return},
	submit: {action: 'submit', keys: 'enter', label: 'confirm', matches: (_input, key) => key.return},
	retry: {action: 'retry', keys: 'r', label: 'retry', matches: input => input === 'r'},
	recheck: {action: 'recheck', keys: 'c', label: 'check again', matches: input => input === 'c'},
	hint: {action: 'hint', keys: 'h', label: 'hint', matches: input => input === 'h'},
	'move-on': {action: 'move-on', keys: 'n', label: 'move on', matches: input => input === 'n'},
	record: {action: 'record', keys: 'w', label: 'record incident', matches: input => input === 'w'},
	edit: {action: 'edit', keys: 'enter', label: 'edit', matches: (_input, key) => key.return},
	save: {action: 'save', keys: 's', label: 'save', matches: input => input === 's'},
	cancel: {action: 'cancel', keys: 'ctrl+c', label: 'stop', matches: (input, key) => key.ctrl && input === 'c'},
};

/** The actions each screen (or screen phase) listens to, in footer order. */
export const screenKeys = {
	scan: ['move', 'scroll', 'page', 'ends', 'open', 'search', 'rescan', 'help', 'quit'],
	search: ['move-arrows', 'open', 'back'],
	playbook: ['fix', 'other-cause', 'move', 'scroll', 'page', 'ends', 'open', 'back', 'search', 'help', 'quit'],
	note: ['open-playbook', 'scroll', 'page', 'ends', 'back', 'search', 'help', 'quit'],
	'fix-step': ['run', 'did-it-myself', 'skip', 'scroll', 'page', 'ends', 'back', 'help', 'stop-fix'],
	'fix-dry-run': ['next', 'scroll', 'page', 'ends', 'back', 'help', 'stop-fix'],
	'fix-input': ['submit', 'move-arrows', 'back'],
	'fix-confirm': ['submit', 'back'],
	'fix-running': ['scroll', 'page', 'ends', 'cancel'],
	'fix-checking': ['scroll', 'page', 'ends', 'cancel'],
	'fix-passed': ['next', 'scroll', 'page', 'ends', 'back', 'help', 'stop-fix'],
	'fix-failed': ['retry', 'recheck', 'hint', 'move-on', 'scroll', 'page', 'ends', 'back', 'help', 'stop-fix'],
	'fix-done': ['record', 'scroll', 'page', 'ends', 'back', 'quit'],
	record: ['move', 'page', 'ends', 'edit', 'save', 'back', 'quit'],
	'record-edit': ['submit', 'back'],
	help: ['scroll', 'page', 'ends', 'back', 'quit'],
} as const satisfies Record<string, readonly KeyAction[]>;

export type KeyContext = keyof typeof screenKeys;

/**
 * The bindings of a context; `only`, when given, keeps just the actions that do something right
 * now (a fix step without a command cannot be run), so the footer never offers a dead key.
 */
export function bindingsFor(context: KeyContext, only?: readonly KeyAction[]): readonly Binding[] {
	return screenKeys[context]
		.filter(action => only === undefined || only.includes(action))
		.map(action => bindings[action]);
}

/**
 * Every key of a context, one entry per key, for help: where the same keys do one thing or another
 * depending on what the screen holds (↑↓/jk move a selection, or scroll when there is none), they
 * are listed once, "↑↓/jk move or scroll".
 */
export function keyList(context: KeyContext): string[] {
	const labels = new Map<string, string[]>();
	for (const binding of bindingsFor(context)) {
		labels.set(binding.keys, [...labels.get(binding.keys) ?? [], binding.label]);
	}

	return [...labels].map(([keys, each]) => `${keys} ${each.join(' or ')}`);
}

/** The keys of an action as the footer shows them ("r"), for text that tells which key to press. */
export function keysOf(action: KeyAction): string {
	return bindings[action].keys;
}

/** The action a key press means in this context, if any. */
export function actionFor(context: KeyContext, input: string, key: Key, only?: readonly KeyAction[]): KeyAction | undefined {
	return bindingsFor(context, only).find(binding => binding.matches(input, key))?.action;
}

/** ↑/k is -1, ↓/j is +1. */
export function direction(input: string, key: Key): -1 | 1 {
	return key.upArrow || input === 'k' ? -1 : 1;
}

/** PgUp is -1, PgDn is +1. */
export function pageDirection(key: Key): -1 | 1 {
	return key.pageUp ? -1 : 1;
}

/** g goes to the start, G to the end. */
export function edgeOf(input: string): 'start' | 'end' {
	return input === 'G' ? 'end' : 'start';
}

/** An index moved one step the key's way, kept within 0 and `last`. */
export function stepWithin(current: number, last: number, input: string, key: Key): number {
	return Math.max(0, Math.min(last, current + direction(input, key)));
}
