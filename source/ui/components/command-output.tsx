import {Box, Text, type DOMElement} from 'ink';
import type {RefObject} from 'react';
import type {OutputLine} from '../../core/command-result.js';
import {color} from '../theme.js';

/**
 * What a running command printed, every line the guided fix keeps (it keeps the newest); the
 * screen scrolls through them and follows the newest, on `newestRef`. The lines arrive
 * neutralised: no escape sequences from the process or the container reach the terminal.
 */
export function CommandOutput({lines, truncated, newestRef}: {readonly lines: readonly OutputLine[]; readonly truncated: boolean; readonly newestRef?: RefObject<DOMElement | null>}) {
	return (
		<Box flexDirection="column">
			{truncated && <Text color={color('muted')}>{'  │ … earlier lines not shown'}</Text>}
			{lines.map((line, index) => (
				<Box key={`${index}`} {...(index === lines.length - 1 && newestRef ? {ref: newestRef} : {})}>
					<Text wrap="truncate-end">{`  │ ${line.text}`}</Text>
				</Box>
			))}
		</Box>
	);
}
