import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {useState} from 'react';
import type {RecordState} from '../app-state.js';
import {Footer} from '../components/footer.js';
import {TextField} from '../components/text-field.js';
import {ScrollScreen} from '../components/scroll-area.js';
import {draftFields, draftValue, listSeparator, withDraftValue, type IncidentDraft} from '../incident-draft.js';
import {stepWithin, type KeyAction} from '../keymap.js';
import {color} from '../theme.js';
import {useKeys} from '../use-keys.js';
import {useScreenKeys} from '../use-screen-keys.js';
import {scrollByKey, scrollKeys, useScrollArea} from '../use-scroll-area.js';

type Props = {
	readonly record: RecordState;
	/** The terminal's rows: the fields scroll between the title and the keys. */
	readonly rows: number;
	readonly isActive: boolean;
	readonly onChange: (draft: IncidentDraft) => void;
	readonly onSave: () => void;
	readonly onAction: (action: 'back' | 'quit') => void;
};

const labelWidth = Math.max(...draftFields.map(field => field.label.length)) + 2;

/** The incident, prefilled from the fix, edited field by field and saved into the team's blocker log. */
export function RecordScreen({record, rows, isActive, onChange, onSave, onAction}: Props) {
	const area = useScrollArea();
	const [selected, setSelected] = useState(0);
	const [editing, setEditing] = useState<string | undefined>(undefined);
	const {draft} = record;
	const field = draftFields[selected];
	const done = record.status === 'saved' || record.status === 'saving';
	const paging = scrollKeys(area, {lines: false});
	const keys: KeyAction[] = done ? [...paging, 'back', 'quit'] : ['move', ...paging, 'edit', 'save', 'back', 'quit'];

	// While a field is edited its text box takes the keys; esc leaves it unchanged.
	useKeys((_input, key) => {
		if (key.escape) {
			setEditing(undefined);
		}
	}, {isActive: isActive && editing !== undefined});

	useScreenKeys({
		context: 'record',
		keys,
		forward: ['back', 'quit'],
		onForward: onAction,
		onKey(action, input, key) {
			if (action === 'move') {
				setSelected(current => stepWithin(current, draftFields.length - 1, input, key));
			} else if (action === 'edit' && field) {
				setEditing(draftValue(draft, field.field));
			} else if (action === 'save') {
				onSave();
			} else {
				scrollByKey(area, action, input, key);
			}
		},
		isActive: isActive && editing === undefined,
	});

	const header = (
		<>
			<Text bold>Record this incident in the team&apos;s blocker log</Text>
			<Text color={color('muted')} wrap="truncate-end">{`cause ${draft.cause} · status ${draft.status}${draft.service ? ` · ${draft.service}` : ''}`}</Text>
		</>
	);
	const footer = <Footer context={editing === undefined ? 'record' : 'record-edit'} only={editing === undefined ? keys : undefined}/>;
	// The field edited, else the selected one, else (saved) the outcome is kept in view.
	const followed = editing === undefined ? (done ? `status-${record.status}` : `field-${selected}`) : 'editing';
	return (
		<ScrollScreen area={area} rows={rows} header={header} footer={footer} followKey={followed}>
			<Box marginTop={1} flexDirection="column">
				{draftFields.map((candidate, index) => {
					const value = draftValue(draft, candidate.field);
					const isSelected = index === selected && !done;
					return (
						<Box key={candidate.field} {...(followed === `field-${index}` ? {ref: area.followRef} : {})}>
							<Text wrap="truncate-end" color={isSelected ? color('accent') : undefined}>
								{`${isSelected ? '❯ ' : '  '}${candidate.label.padEnd(labelWidth)}`}
								{value ? value.replaceAll('\n', ' ⏎ ') : <Text color={color('muted')}>—</Text>}
							</Text>
						</Box>
					);
				})}
			</Box>
			{editing !== undefined && field && (
				<Box ref={area.followRef} marginTop={1} flexDirection="column">
					<Text>{`${field.label}${field.list ? ` (separate items with "${listSeparator.trim()}")` : ''}:`}</Text>
					<Box>
						<Text color={color('accent')}>{'> '}</Text>
						<TextField
							key={field.field}
							isActive={isActive}
							initialValue={editing}
							onSubmit={value => {
								onChange(withDraftValue(draft, field.field, value));
								setEditing(undefined);
							}}
						/>
					</Box>
				</Box>
			)}
			{record.status !== 'editing' && (
				<Box {...(done ? {ref: area.followRef} : {})} marginTop={1} flexDirection="column">
					{record.status === 'saving' && <Text><Spinner type="dots"/> Saving…</Text>}
					{record.status === 'saved' && record.saved && <Text color={color('success')}>{`Recorded "${draft.title}" in ${record.saved.file}:${record.saved.line}`}</Text>}
					{record.status === 'failed' && <Text color={color('error')}>{`Not saved: ${record.error ?? 'unknown error'}`}</Text>}
				</Box>
			)}
		</ScrollScreen>
	);
}
