import type {Key} from 'ink';
import {useKeyListener} from './key-input.js';

/**
 * A component's keys while `isActive`, parsed (an arrow, enter, a letter): heard from the commit
 * that draws it, in the order they came, each after the render of the one before (key-input.tsx).
 */
export function useKeys(handler: (input: string, key: Key) => void, options: {readonly isActive: boolean}): void {
	useKeyListener(({input, key}) => {
		handler(input, key);
	}, options.isActive);
}
