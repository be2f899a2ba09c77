import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {CheckResult} from '../../core/checks/check-result.js';
import {color} from '../theme.js';

export type CheckLine = {
	readonly description: string;
	readonly result?: CheckResult;
	/** Why it was not run, for a check that will not run. */
	readonly notRun?: string;
};

/** Checks with pass or fail and what they saw; the first one without a result is the one running. */
export function CheckList({checks, running}: {readonly checks: readonly CheckLine[]; readonly running: boolean}) {
	const current = running ? checks.findIndex(check => !check.result && check.notRun === undefined) : -1;
	return (
		<Box flexDirection="column">
			{checks.map((check, index) => (
				<Text key={`${index}-${check.description}`}>
					{'  '}
					<CheckMark check={check} isRunning={index === current}/>
					{` ${check.description}`}
					{check.result && <Text color={color('muted')}>{`: ${check.result.detail}`}</Text>}
					{check.notRun !== undefined && <Text color={color('muted')}>{`: not run, ${check.notRun}`}</Text>}
				</Text>
			))}
		</Box>
	);
}

function CheckMark({check, isRunning}: {readonly check: CheckLine; readonly isRunning: boolean}) {
	if (check.result) {
		return check.result.status === 'pass'
			? <Text color={color('success')}>✓ pass</Text>
			: <Text color={color('error')}>✗ fail</Text>;
	}

	if (isRunning) {
		return <Text color={color('accent')}><Spinner type="dots"/> checking</Text>;
	}

	return <Text color={color('muted')}>· waiting</Text>;
}
