import {Box, Text} from 'ink';
import type {CompletedStep} from '../completed-steps.js';
import {color} from '../theme.js';

const marks = {passed: '✓', failed: '✗', skipped: '↷', refused: '⊘'} as const;
const tokens = {passed: 'success', failed: 'error', skipped: 'muted', refused: 'warning'} as const;

/** One tried, skipped or refused step, as the fix screen lists it above the current step. */
export function CompletedStepView({entry}: {readonly entry: CompletedStep}) {
	return (
		<Box flexDirection="column">
			<Text>
				<Text color={color(tokens[entry.status])}>{marks[entry.status]}</Text>
				{` ${entry.heading}: `}
				<Text color={color(tokens[entry.status])}>{entry.detail}</Text>
			</Text>
			{entry.command !== undefined && <Text color={color('command')}>{`  $ ${entry.command}`}</Text>}
			{entry.output.map((line, index) => <Text key={`${index}`} wrap="truncate-end" color={color('muted')}>{`  │ ${line}`}</Text>)}
			{entry.checks.map((check, index) => (
				<Text key={`check-${index}`}>
					{'  '}
					<Text color={color(check.result.status === 'pass' ? 'success' : 'error')}>{check.result.status === 'pass' ? '✓ pass' : '✗ fail'}</Text>
					{` ${check.description}: ${check.result.detail}`}
				</Text>
			))}
		</Box>
	);
}
