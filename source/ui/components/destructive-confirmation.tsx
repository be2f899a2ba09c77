import {Box, Text} from 'ink';
import {destructionWarning, type DestructionKind} from '../../core/step-plans/destruction-kind.js';
import {color} from '../theme.js';
import {useKeys} from '../use-keys.js';
import {TextField} from './text-field.js';

type Props = {
	/** What the step destroys, which the user types to go ahead. */
	readonly target: string;
	readonly kind: DestructionKind;
	/** Why the last attempt was refused. */
	readonly error?: string;
	readonly isActive: boolean;
	readonly onConfirm: (typed: string) => void;
	readonly onBack: () => void;
};

/** A warning in the words of what the step destroys: nothing runs until the user types its name. */
export function DestructiveConfirmation({target, kind, error, isActive, onConfirm, onBack}: Props) {
	useKeys((_input, key) => {
		if (key.escape) {
			onBack();
		}
	}, {isActive});

	return (
		<Box flexDirection="column" borderStyle="round" borderColor={color('error')} paddingX={1}>
			<Text color={color('error')} bold>{destructionWarning(kind, target)}</Text>
			<Text>{`Type ${target} to run it, or press esc to go back.`}</Text>
			<Box>
				<Text color={color('error')}>{'> '}</Text>
				<TextField isActive={isActive} onSubmit={onConfirm}/>
			</Box>
			{error && <Text color={color('error')}>{error}</Text>}
		</Box>
	);
}
