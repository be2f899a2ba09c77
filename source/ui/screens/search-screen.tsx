import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useMemo, useState} from 'react';
import {search, type SearchIndex} from '../../core/search/search.js';
import type {SearchResult} from '../../core/search/search-result.js';
import {ResultList, resultRows, rowTarget} from '../components/result-list.js';
import {Footer} from '../components/footer.js';
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

/** Pasted multi-line errors arrive with their newlines; the box shows them as one line. */
export function flattenPaste(value: string): string {
	// Terminals paste line breaks as carriage returns.
	return value.replaceAll(/\r\n|\r|\n/g, ' ⏎ ');
}

/** Describe a symptom: results update on every key, typos tolerated, pasted logs welcome. */
export function SearchScreen({index, initialQuery, rows: terminalRows, isActive, onOpen, onBack}: Props) {
	const [query, setQuery] = useState(initialQuery);
	const [selected, setSelected] = useState(0);
	const area = useScrollArea();
	const rows = useMemo(() => (query.trim().length >= 2 ? resultRows(search(index, query.replaceAll(' ⏎ ', '\n'), {limit: 20})) : []), [index, query]);

	useKeys((input, key) => {
		const action = actionFor('search', input, key);
		if (action === 'back') {
			onBack();
		} else if (action === 'open' && rows[selected]) {
			onOpen(rowTarget(rows[selected]), query);
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
				<TextInput
					focus={isActive}
					value={query}
					placeholder="e.g. postgres keeps restarting permission denied"
					onChange={value => {
						setQuery(flattenPaste(value));
						setSelected(0);
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
