import type {DOMElement, Key} from 'ink';
import {useReducer, useRef, type RefObject} from 'react';
import {direction, edgeOf, pageDirection, type KeyAction} from './keymap.js';
import {canScroll, initialScrollState, scrollReducer, type ScrollAction, type ScrollState} from './scroll-state.js';

export type ScrollArea = {
	readonly state: ScrollState;
	readonly dispatch: (action: ScrollAction) => void;
	/** More content than room: the screen offers its scroll keys. */
	readonly scrollable: boolean;
	/** Put on the selected row's Box: the area keeps it in view whenever `followKey` changes. */
	readonly followRef: RefObject<DOMElement | null>;
};

/** A screen's scrolling body: its state and actions, handed to <ScrollArea> and to the screen's keys. */
export function useScrollArea(): ScrollArea {
	const [state, dispatch] = useReducer(scrollReducer, initialScrollState);
	const followRef = useRef<DOMElement | null>(null);
	return {state, dispatch, scrollable: canScroll(state), followRef};
}

/**
 * The scroll keys a screen offers while its body is taller than its room: ↑↓/jk only where they
 * do not move a selection instead (`lines`), PgUp/PgDn and g/G always.
 */
export function scrollKeys(area: ScrollArea, options: {readonly lines: boolean}): KeyAction[] {
	if (!area.scrollable) {
		return [];
	}

	return options.lines ? ['scroll', 'page', 'ends'] : ['page', 'ends'];
}

/** Carries out a scroll key; false when the action is not one. */
export function scrollByKey(area: ScrollArea, action: KeyAction, input: string, key: Key): boolean {
	switch (action) {
		case 'scroll': {
			area.dispatch({type: 'scroll', lines: direction(input, key)});
			return true;
		}

		case 'page': {
			area.dispatch({type: 'page', pages: pageDirection(key)});
			return true;
		}

		case 'ends': {
			area.dispatch({type: 'edge', to: edgeOf(input)});
			return true;
		}

		default: {
			return false;
		}
	}
}
