import {Box, Text} from 'ink';
import {useMemo, useState} from 'react';
import {search, type SearchIndex} from '../../core/search/search.js';
import type {SearchResult} from '../../core/search/search-result.js';
import {ResultList, resultRows, rowTarget} from '../components/result-list.js';
import {Footer} from '../components/footer.js';
import {TextField} from '../components/text-field.js';
import {ScrollScreen} from '../components/scroll-area.js';
import {actionFor} from '../keymap.js';
import {color} from '../theme.js';
import {useKeys} from '../use-keys.js';
import {useScrollArea} from '../use-scroll-area.js';

type Props = {
	readonly index: SearchIndex;
	readonly initialQuery: string;
	/** The terminal's rows: the screen fits them, the results scroll. */
	readonly rows: number;
	readonly isActive: boolean;
	readonly onOpen: (target: Pick<SearchResult, 'kind' | 'id' | 'why'>, query: string) => void;
	readonly onBack: () => void;
};

function rowsFor(index: SearchIndex, query: string) {
	return query.trim().length >= 2 ? resultRows(search(index, query, {limit: 20})) : [];
}

/** Describe a symptom: results update on every key, typos tolerated, pasted logs welcome (the box shows their line breaks as ⏎). */
export function SearchScreen({index, initialQuery, rows: terminalRows, isActive, onOpen, onBack}: Props) {
	const [query, setQuery] = useState(initialQuery);
	const [selected, setSelected] = useState(0);
	const area = useScrollArea();
	const rows = useMemo(() => rowsFor(index, query), [index, query]);

	useKeys((input, key) => {
		const action = actionFor('search', input, key);
		if (action === 'back') {
			onBack();
		} else if (key.upArrow) {
			setSelected(current => Math.max(0, current - 1));
		} else if (key.downArrow) {
			setSelected(current => Math.min(rows.length - 1, current + 1));
		}
	}, {isActive});

	return (
		<ScrollScreen area={area} rows={terminalRows} header={<Text bold>Describe the symptom, or paste the error</Text>} footer={<Footer context="search"/>} followKey={`${query}\n${selected}`}>
			<Box {...(rows.length === 0 ? {ref: area.followRef} : {})}>
				<Text color={color('accent')}>{'> '}</Text>
				<TextField
					isActive={isActive}
					initialValue={initialQuery}
					placeholder="e.g. postgres keeps restarting permission denied"
					onChange={value => {
						setQuery(value);
						setSelected(0);
					}}
					onSubmit={value => {
						// Enter in the same chunk as the last keys: the rows of what was typed, not of the last render.
						const row = value === query ? rows[selected] : rowsFor(index, value)[0];
						if (row) {
							onOpen(rowTarget(row), value);
						}
					}}
				/>
			</Box>
			<Box marginTop={1} flexDirection="column">
				{query.trim().length < 2
					? <Text color={color('muted')}>Type a few words: what you see, or the error line.</Text>
					: rows.length === 0
						? <Text color={color('warning')}>Nothing matches yet. Try other words, or paste the error line itself.</Text>
						: <ResultList rows={rows} selected={selected} followRef={area.followRef}/>}
			</Box>
		</ScrollScreen>
	);
}
