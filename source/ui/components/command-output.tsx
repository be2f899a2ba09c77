import {Box, Text} from 'ink';
import type {OutputLine} from '../../core/command-result.js';
import {color} from '../theme.js';

/**
 * The newest lines of a running command. The lines arrive neutralised (no escape sequences from
 * the process or the container reach the terminal) and bounded by the guided fix; this shows
 * only the last `height` of them.
 */
export function CommandOutput({lines, truncated, height}: {readonly lines: readonly OutputLine[]; readonly truncated: boolean; readonly height: number}) {
	const shown = lines.slice(-height);
	const hidden = lines.length - shown.length;
	return (
		<Box flexDirection="column">
			{(hidden > 0 || truncated) && <Text color={color('muted')}>{`  │ … ${truncated ? 'earlier lines' : `${hidden} earlier line${hidden === 1 ? '' : 's'}`} not shown`}</Text>}
			{shown.map((line, index) => (
				<Text key={`${lines.length - shown.length + index}`} wrap="truncate-end" color={line.stream === 'stderr' ? color('warning') : undefined}>
					{`  │ ${line.text}`}
				</Text>
			))}
		</Box>
	);
}
