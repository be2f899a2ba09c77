import {Box, Text} from 'ink';
import type {SearchResult} from '../../core/search/search-result.js';
import {color} from '../theme.js';

/** Ranked results: title, cause and score on one line, why it matched below (two reasons for the selected one). */
export function ResultList({results, selected, limit = 8}: {readonly results: readonly SearchResult[]; readonly selected: number; readonly limit?: number}) {
	const start = Math.max(0, Math.min(selected - limit + 1, results.length - limit));
	const visible = results.slice(start, start + limit);
	return (
		<Box flexDirection="column">
			{visible.map((result, offset) => {
				const position = start + offset;
				const isSelected = position === selected;
				return (
					<Box key={`${result.kind}:${result.id}`} flexDirection="column">
						<Text wrap="truncate-end" color={isSelected ? color('accent') : undefined}>
							{isSelected ? '❯ ' : '  '}
							{result.title}
							<Text color={color('muted')}>
								{` · ${result.kind === 'note' ? 'note' : 'playbook'} · ${result.cause ?? 'no cause'} · ${result.score.toFixed(2)}`}
							</Text>
						</Text>
						{result.why.slice(0, isSelected ? 2 : 1).map(reason => (
							<Text key={reason} wrap="truncate-end" color={color('muted')}>
								{`    why: ${reason}`}
							</Text>
						))}
					</Box>
				);
			})}
		</Box>
	);
}
