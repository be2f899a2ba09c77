import {useInput, type Key} from 'ink';
import {useCallback, useRef} from 'react';

/**
 * useInput with one subscription for the component's life: the handler of the latest render is
 * called through a ref. With plain useInput the subscription is renewed after every render, and a
 * key pressed in between reaches the previous render's handler, with its stale state.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: {readonly isActive: boolean}): void {
	const latest = useRef(handler);
	latest.current = handler;
	const stable = useCallback((input: string, key: Key) => {
		latest.current(input, key);
	}, []);
	useInput(stable, {isActive: options.isActive});
}
