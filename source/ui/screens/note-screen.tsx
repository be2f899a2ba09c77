import {Box, Text} from 'ink';
import {useState} from 'react';
import {renderNote} from '../../core/knowledge/render-note.js';
import type {Note} from '../../core/note.js';
import type {Playbook} from '../../core/playbook-schema.js';
import {Footer} from '../components/footer.js';
import {stepWithin, type KeyAction} from '../keymap.js';
import {color} from '../theme.js';
import {useScreenKeys} from '../use-screen-keys.js';

type Props = {
	readonly note: Note;
	/** The playbook for the note's cause, when there is one. */
	readonly playbook?: Playbook;
	readonly columns: number;
	/** Lines of the note shown at once. */
	readonly height: number;
	readonly isActive: boolean;
	readonly onOpenPlaybook: (playbook: Playbook) => void;
	readonly onAction: (action: 'back' | 'search' | 'help' | 'quit') => void;
};

/** A past blocker from the team's log, rendered readably, with a way to its cause's playbook. */
export function NoteScreen({note, playbook, columns, height, isActive, onOpenPlaybook, onAction}: Props) {
	const lines = renderNote(note, {width: columns, ...(playbook ? {playbook: {id: playbook.id, title: playbook.title}} : {})}).trimEnd().split('\n');
	const [top, setTop] = useState(0);
	const visible = Math.max(3, height);
	const scrollable = lines.length > visible;
	const keys: KeyAction[] = [
		...(playbook ? ['open-playbook' as const] : []),
		...(scrollable ? ['scroll' as const] : []),
		'back',
		'search',
		'help',
		'quit',
	];

	useScreenKeys({
		context: 'note',
		keys,
		forward: ['back', 'search', 'help', 'quit'],
		onForward: onAction,
		onKey(action, input, key) {
			if (action === 'open-playbook' && playbook) {
				onOpenPlaybook(playbook);
			} else if (action === 'scroll') {
				setTop(current => stepWithin(current, lines.length - visible, input, key));
			}
		},
		isActive,
	});

	return (
		<Box flexDirection="column">
			{lines.slice(top, top + visible).map((line, offset) => <NoteLine key={`${top + offset}`} line={line} position={top + offset}/>)}
			{scrollable && <Text color={color('muted')}>{`lines ${top + 1}-${Math.min(lines.length, top + visible)} of ${lines.length}`}</Text>}
			<Footer context="note" only={keys}/>
		</Box>
	);
}

const playbookLine = 'Playbook for this cause';

/** The title, where it came from, field names flush left (bold), their text indented. */
function NoteLine({line, position}: {readonly line: string; readonly position: number}) {
	if (position === 1) {
		return <Text color={color('muted')}>{line}</Text>;
	}

	if (line.startsWith(playbookLine)) {
		return <Text color={color('accent')}>{line}</Text>;
	}

	return <Text bold={position === 0 || (line !== '' && !line.startsWith(' '))}>{line === '' ? ' ' : line}</Text>;
}
