import {Text} from 'ink';
import {shownLineBreak} from '../../core/step-plans/resolve-variables.js';
import {color} from '../theme.js';
import {useTextField, type TextFieldOptions} from '../use-text-field.js';

type Props = TextFieldOptions & {
	/** Shown, dimmed, while the box is empty. */
	readonly placeholder?: string;
};

/** A one-line text box: what it holds, with the cursor as an inverted cell while it has the keys. */
export function TextField({placeholder = '', ...options}: Props) {
	const {value, cursor} = useTextField(options);
	if (value === '') {
		return options.isActive
			? <Text><Text inverse>{placeholder.slice(0, 1) || ' '}</Text><Text color={color('muted')}>{placeholder.slice(1)}</Text></Text>
			: <Text color={color('muted')}>{placeholder}</Text>;
	}

	const shown = (text: string) => text.replaceAll('\n', shownLineBreak);
	if (!options.isActive) {
		return <Text>{shown(value)}</Text>;
	}

	const atCursor = [...value.slice(cursor)][0] ?? ' ';
	return (
		<Text>
			{shown(value.slice(0, cursor))}
			<Text inverse>{shown(atCursor)}</Text>
			{shown(value.slice(cursor + atCursor.length))}
		</Text>
	);
}
