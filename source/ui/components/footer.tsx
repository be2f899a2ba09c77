import {Box, Text} from 'ink';
import {bindingsFor, type KeyAction, type KeyContext} from '../keymap.js';
import {color} from '../theme.js';

/** The keys that work on the current screen, from the keymap itself. */
export function Footer({context, only}: {readonly context: KeyContext; readonly only?: readonly KeyAction[]}) {
	return (
		<Box marginTop={1}>
			<Text color={color('muted')} wrap="wrap">
				{bindingsFor(context, only).map(binding => `${binding.keys} ${binding.label}`).join(' · ')}
			</Text>
		</Box>
	);
}
