import {Transform} from 'ink';
import type {ReactNode} from 'react';

/**
 * Text (a <Text>, nested ones included) whose wrapped lines start at its left edge. Ink wraps
 * keeping the space it broke at: when a word ends exactly at the edge, the next line would start
 * with that space, one column further in than the others.
 */
export function WrappedText({children}: {readonly children: ReactNode}) {
	return <Transform transform={withoutBreakSpace}>{children}</Transform>;
}

/** A wrapped line after the first without the spaces it starts with (behind any colour codes). Pure. */
export function withoutBreakSpace(line: string, index: number): string {
	return index === 0 ? line : line.replace(/^((?:\u001B\[[\d;]*m)*) +/, '$1');
}
