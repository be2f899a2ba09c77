import {Box, Text} from 'ink';
import {bindingsFor, type KeyAction, type KeyContext} from '../keymap.js';
import {color} from '../theme.js';

/** The keys that work on the current screen, from the keymap itself; a narrow terminal wraps between keys, never inside one. */
export function Footer({context, only}: {readonly context: KeyContext; readonly only?: readonly KeyAction[]}) {
	const bindings = bindingsFor(context, only);
	return (
		<Box marginTop={1} flexWrap="wrap">
			{bindings.map((binding, index) => (
				<Text key={binding.action} color={color('muted')}>
					{`${binding.keys} ${binding.label}${index < bindings.length - 1 ? ' · ' : ''}`}
				</Text>
			))}
		</Box>
	);
}
