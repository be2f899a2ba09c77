import {Box, Text, type DOMElement} from 'ink';
import type {RefObject} from 'react';
import type {SearchResult, SearchVariant} from '../../core/search/search-result.js';
import {color} from '../theme.js';

/** One line of the list: a cause's best entry, or one of the other entries of its cause below it. */
export type ResultRow = {
	readonly result: SearchResult;
	readonly variant?: SearchVariant;
};

/** Each result, then the other playbooks and notes of its cause, so a team's note is one key away. */
export function resultRows(results: readonly SearchResult[]): ResultRow[] {
	return results.flatMap(result => [{result}, ...result.also.map(variant => ({result, variant}))]);
}

/** What opening a row opens. */
export function rowTarget(row: ResultRow): Pick<SearchResult, 'kind' | 'id' | 'why'> {
	return row.variant ? {kind: row.variant.kind, id: row.variant.id, why: []} : row.result;
}

/**
 * Ranked results: title, cause and score on one line, why it matched below (two reasons for the
 * selected one); the other entries of the same cause follow, indented.
 */
export function ResultList({rows, selected, limit = 8, followRef}: {readonly rows: readonly ResultRow[]; readonly selected: number; readonly limit?: number; readonly followRef?: RefObject<DOMElement | null>}) {
	const start = Math.max(0, Math.min(selected - limit + 1, rows.length - limit));
	const visible = rows.slice(start, start + limit);
	return (
		<Box flexDirection="column">
			{visible.map((row, offset) => {
				const position = start + offset;
				const isSelected = position === selected;
				const pointer = isSelected ? '❯ ' : '  ';
				const {result, variant} = row;
				const follow = isSelected && followRef ? {ref: followRef} : {};
				if (variant) {
					return (
						<Box key={`${result.id}>${variant.kind}:${variant.id}`} {...follow}>
							<Text wrap="truncate-end" color={isSelected ? color('accent') : undefined}>
								{`${pointer}  ↳ ${variant.title}`}
								<Text color={color('muted')}>{` · ${variant.kind} of the same cause`}</Text>
							</Text>
						</Box>
					);
				}

				return (
					<Box key={`${result.kind}:${result.id}`} flexDirection="column" {...follow}>
						<Text wrap="truncate-end" color={isSelected ? color('accent') : undefined}>
							{pointer}
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
