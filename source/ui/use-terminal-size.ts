import {useStdout} from 'ink';
import {useEffect, useRef, useState} from 'react';

export type TerminalSize = {readonly columns: number; readonly rows: number};

/** Clears the visible screen and puts the cursor at its top; the scrollback stays. */
const clearVisibleScreen = '\u001B[2J\u001B[H';

/**
 * The terminal's size, updated when it is resized; 80×24 where the output is not a terminal. A
 * terminal reflows what is on screen when it is resized, so Ink's idea of how many lines to erase
 * is wrong then: the visible screen is cleared and the wizard drawn again from its top.
 */
export function useTerminalSize(): TerminalSize {
	const {stdout, write} = useStdout();
	const read = (): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	const last = useRef(size);
	useEffect(() => {
		const update = () => {
			const next = read();
			if (next.columns === last.current.columns && next.rows === last.current.rows) {
				return;
			}

			last.current = next;
			if (stdout.isTTY) {
				write(clearVisibleScreen);
			}

			setSize(next);
		};

		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout]);
	return size;
}
