import {Box, Text} from 'ink';
import {Footer} from '../components/footer.js';
import {ScrollScreen} from '../components/scroll-area.js';
import {WrappedText} from '../components/wrapped-text.js';
import {actionFor, keyList, screenKeys, type KeyAction, type KeyContext} from '../keymap.js';
import {useKeys} from '../use-keys.js';
import {scrollByKey, scrollKeys, useScrollArea} from '../use-scroll-area.js';

const contextNames: Record<KeyContext, string> = {
	scan: 'Scan summary',
	search: 'Search (letters go into the box)',
	playbook: 'Playbook',
	note: 'Past blocker',
	'fix-step': 'Guided fix: a step',
	'fix-dry-run': 'Guided fix: a step of a dry run',
	'fix-input': 'Guided fix: answering a question',
	'fix-confirm': 'Guided fix: confirming a destructive step',
	'fix-running': 'Guided fix: a command running',
	'fix-checking': 'Guided fix: checks running',
	'fix-passed': 'Guided fix: a step done',
	'fix-failed': 'Guided fix: a check failed',
	'fix-done': 'Guided fix: the summary',
	record: 'Recording the incident',
	'record-edit': 'Recording the incident: editing a field',
	help: 'Help',
};

/** Every key on every screen, generated from the keymap; taller than the terminal, it scrolls. */
export function HelpScreen({rows, isActive, onAction}: {readonly rows: number; readonly isActive: boolean; readonly onAction: (action: 'back' | 'quit') => void}) {
	const area = useScrollArea();
	const keys: KeyAction[] = [...scrollKeys(area, {lines: true}), 'back', 'quit'];
	useKeys((input, key) => {
		const action = actionFor('help', input, key, keys);
		if (action !== undefined && scrollByKey(area, action, input, key)) {
			return;
		}

		if (action === 'back' || action === 'quit' || input === '?') {
			onAction(action === 'quit' ? 'quit' : 'back');
		}
	}, {isActive});

	return (
		<ScrollScreen area={area} rows={rows} header={<Text bold>Keys</Text>} footer={<Footer context="help" only={keys}/>}>
			{(Object.keys(screenKeys) as KeyContext[]).filter(context => context !== 'help').map(context => (
				<WrappedText key={context}>
					<Text>
						<Text bold>{`${contextNames[context]}: `}</Text>
						{keyList(context).join(' · ')}
					</Text>
				</WrappedText>
			))}
			<Box marginTop={1}><Text>Ctrl-C while a step runs stops it and returns to the step; anywhere else it quits.</Text></Box>
		</ScrollScreen>
	);
}
