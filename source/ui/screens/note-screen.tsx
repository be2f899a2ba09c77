import {Text} from 'ink';
import {renderNote} from '../../core/knowledge/render-note.js';
import type {Note} from '../../core/note.js';
import type {Playbook} from '../../core/playbook-schema.js';
import {Footer} from '../components/footer.js';
import {ScrollScreen} from '../components/scroll-area.js';
import type {KeyAction} from '../keymap.js';
import {color} from '../theme.js';
import {useScreenKeys} from '../use-screen-keys.js';
import {scrollByKey, scrollKeys, useScrollArea} from '../use-scroll-area.js';
import {WrappedText} from '../components/wrapped-text.js';

type Props = {
	readonly note: Note;
	/** The playbook for the note's cause, when there is one. */
	readonly playbook?: Playbook;
	readonly columns: number;
	/** The terminal's rows: the title stays on top, the rest scrolls. */
	readonly rows: number;
	readonly isActive: boolean;
	readonly onOpenPlaybook: (playbook: Playbook) => void;
	readonly onAction: (action: 'back' | 'search' | 'help' | 'quit') => void;
};

/** A past blocker from the team's log, rendered readably, with a way to its cause's playbook. */
export function NoteScreen({note, playbook, columns, rows, isActive, onOpenPlaybook, onAction}: Props) {
	const lines = renderNote(note, {width: columns, ...(playbook ? {playbook: {id: playbook.id, title: playbook.title}} : {})}).trimEnd().split('\n');
	const area = useScrollArea();
	const keys: KeyAction[] = [
		...(playbook ? ['open-playbook' as const] : []),
		...scrollKeys(area, {lines: true}),
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
			} else {
				scrollByKey(area, action, input, key);
			}
		},
		isActive,
	});

	// The title and where it came from stay on top.
	const header = lines.slice(0, 2).map((line, position) => <NoteLine key={`${position}`} line={line} position={position}/>);
	return (
		<ScrollScreen area={area} rows={rows} header={header} footer={<Footer context="note" only={keys}/>}>
			{lines.slice(2).map((line, offset) => <NoteLine key={`${offset + 2}`} line={line} position={offset + 2}/>)}
		</ScrollScreen>
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

	return <WrappedText><Text bold={position === 0 || (line !== '' && !line.startsWith(' '))}>{line === '' ? ' ' : line}</Text></WrappedText>;
}
