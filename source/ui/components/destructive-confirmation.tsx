import {Box, Text} from 'ink';
import {color} from '../theme.js';
import {useKeys} from '../use-keys.js';
import {TextField} from './text-field.js';

type Props = {
	/** What the step destroys, which the user types to go ahead. */
	readonly target: string;
	/** Why the last attempt was refused. */
	readonly error?: string;
	readonly isActive: boolean;
	readonly onConfirm: (typed: string) => void;
	readonly onBack: () => void;
};

/** A data-loss warning: nothing runs until the user types the name of what will be destroyed. */
export function DestructiveConfirmation({target, error, isActive, onConfirm, onBack}: Props) {
	useKeys((_input, key) => {
		if (key.escape) {
			onBack();
		}
	}, {isActive});

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color('error')} paddingX={1}>
			<Text color={color('error')} bold>{`⚠ Data loss: this step destroys ${target}. What is in it cannot be recovered.`}</Text>
			<Text>{`Type ${target} to run it, or press esc to go back.`}</Text>
			<Box>
				<Text color={color('error')}>{'> '}</Text>
				<TextField isActive={isActive} onSubmit={onConfirm}/>
			</Box>
			{error && <Text color={color('error')}>{error}</Text>}
		</Box>
	);
}
