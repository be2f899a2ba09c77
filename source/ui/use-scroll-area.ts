import type {DOMElement} from 'ink';
import {useReducer, useRef, type RefObject} from 'react';
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
