import {useInput, type Key} from 'ink';
import {useCallback, useEffect, useRef} from 'react';

/**
 * How long a key waits for the screen to render what the key before it changed, when it changed
 * nothing (no render comes): about a frame.
 */
const renderWaitMs = 16;

type KeyQueue = {
	readonly keys: Array<readonly [string, Key]>;
	/** A key was handled and its render has not been seen yet. */
	waiting: boolean;
	timer?: NodeJS.Timeout;
};

/**
 * useInput with one subscription for the component's life: the handler of the latest render is
 * called through a ref. With plain useInput the subscription is renewed after every render, and a
 * key pressed in between reaches the previous render's handler, with its stale state.
 *
 * Keys that arrive together (typed fast, pasted, sent by a script: an arrow and enter in one read)
 * are handled one at a time, each once the screen has rendered what the key before it changed
 * (React renders a moment after the update, not within it): enter opens the row the arrow moved
 * to, not the one selected before.
 */
export function useKeys(handler: (input: string, key: Key) => void, options: {readonly isActive: boolean}): void {
	const latest = useRef(handler);
	latest.current = handler;
	const queue = useRef<KeyQueue>({keys: [], waiting: false});
	const handleNext = useCallback(() => {
		const current = queue.current;
		clearTimeout(current.timer);
		const next = current.keys.shift();
		current.waiting = next !== undefined;
		if (next) {
			latest.current(...next);
			current.timer = setTimeout(handleNext, renderWaitMs);
		}
	}, []);

	// After every render: the key waiting for it goes on.
	useEffect(() => {
		if (queue.current.waiting) {
			handleNext();
		}
	});

	useEffect(() => () => {
		clearTimeout(queue.current.timer);
	}, []);

	const stable = useCallback((input: string, key: Key) => {
		queue.current.keys.push([input, key]);
		if (!queue.current.waiting) {
			handleNext();
		}
	}, []);
	useInput(stable, {isActive: options.isActive});
}
