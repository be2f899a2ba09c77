import type {Key} from 'ink';
import {actionFor, type KeyAction, type KeyContext} from './keymap.js';
import {useKeys} from './use-keys.js';

export type ScreenKeys<Forwarded extends KeyAction> = {
	readonly context: KeyContext;
	/** The actions that do something right now: the same list the footer shows. */
	readonly keys: readonly KeyAction[];
	/** Actions the app carries out (leaving, searching, help), handed up as they are. */
	readonly forward: readonly Forwarded[];
	readonly onForward: (action: Forwarded) => void;
	/** The screen's own actions. */
	readonly onKey: (action: Exclude<KeyAction, Forwarded>, input: string, key: Key) => void;
	readonly isActive: boolean;
};

/** A screen's key handling: each press mapped through the keymap, then handed up or handled here. */
export function useScreenKeys<Forwarded extends KeyAction>({context, keys, forward, onForward, onKey, isActive}: ScreenKeys<Forwarded>): void {
	useKeys((input, key) => {
		const action = actionFor(context, input, key, keys);
		if (action === undefined) {
			return;
		}

		if (isForwarded(action, forward)) {
			onForward(action);
		} else {
			onKey(action as Exclude<KeyAction, Forwarded>, input, key);
		}
	}, {isActive});
}

function isForwarded<Forwarded extends KeyAction>(action: KeyAction, forward: readonly Forwarded[]): action is Forwarded {
	return (forward as readonly KeyAction[]).includes(action);
}
