import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import {color} from '../theme.js';
import {useKeys} from '../use-keys.js';
import {Footer} from './footer.js';

/** Something the wizard waits for, with a spinner. */
export function Waiting({text}: {readonly text: string}) {
	return (
		<Text>
			<Text color={color('accent')}><Spinner type="dots"/></Text>
			{` ${text}`}
		</Text>
	);
}

/** A screen that cannot be shown, saying why; Esc goes back, q quits. */
export function Failure({message, isActive, onBack, onQuit}: {readonly message: string; readonly isActive: boolean; readonly onBack: () => void; readonly onQuit: () => void}) {
	useKeys((input, key) => {
		if (key.escape) {
			onBack();
		} else if (input === 'q') {
			onQuit();
		}
	}, {isActive});

	return (
		<Box flexDirection="column">
			<Text color={color('error')}>{message}</Text>
			<Footer context="help" only={['back', 'quit']}/>
		</Box>
	);
}
