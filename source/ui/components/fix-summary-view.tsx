import {Box, Text} from 'ink';
import {formatFixSummary, type FixSummary} from '../../core/guided-fix/fix-summary.js';
import {color, type ColorToken} from '../theme.js';

/** The end of a guided fix: every step, every check run again, and the verdict, in the core's words. */
export function FixSummaryView({summary}: {readonly summary: FixSummary}) {
	const lines = formatFixSummary(summary).trimEnd().split('\n');
	const verdict = lines.pop() ?? '';
	return (
		<Box flexDirection="column">
			{lines.map((line, index) => (
				<Text key={`${index}`} bold={index === 0 || line === 'Checks now'} color={lineColor(line)}>{line}</Text>
			))}
			<Text bold color={color(summary.verdict === 'fixed' ? 'success' : summary.verdict === 'not-fixed' ? 'error' : 'warning')}>{verdict}</Text>
		</Box>
	);
}

function lineColor(line: string): string | undefined {
	const token: ColorToken | undefined = line.startsWith('  pass ')
		? 'success'
		: line.startsWith('  fail ') ? 'error' : line.startsWith('  not run ') ? 'muted' : undefined;
	return token ? color(token) : undefined;
}
