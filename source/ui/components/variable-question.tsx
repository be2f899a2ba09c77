import {Box, Text} from 'ink';
import SelectInput from 'ink-select-input';
import type {VariableRequest} from '../../core/step-plans/resolve-variables.js';
import {color} from '../theme.js';
import {TextField} from './text-field.js';
import {useKeys} from '../use-keys.js';

type Props = {
	readonly request: VariableRequest;
	/** Why the last answer was refused. */
	readonly error?: string;
	readonly isActive: boolean;
	readonly onAnswer: (value: string) => void;
	readonly onBack: () => void;
};

/** Asks for one value a step needs: a select when the playbook lists choices, else a text box. */
export function VariableQuestion({request, error, isActive, onAnswer, onBack}: Props) {
	useKeys((_input, key) => {
		if (key.escape) {
			onBack();
		}
	}, {isActive});

	return (
		<Box flexDirection="column">
			<Text bold>{`This step needs {${request.name}}: ${request.question}`}</Text>
			{request.refused && (
				<Text color={color('warning')}>{`The value from the ${request.refused.source} ("${request.refused.shown}") cannot be used: ${request.refused.reason}.`}</Text>
			)}
			{request.choices
				? (
					<SelectInput
						isFocused={isActive}
						items={request.choices.map(choice => ({key: choice, label: choice, value: choice}))}
						initialIndex={Math.max(0, request.default === undefined ? 0 : request.choices.indexOf(request.default))}
						onSelect={item => {
							onAnswer(item.value);
						}}
					/>
				)
				: (
					<Box>
						<Text color={color('accent')}>{'> '}</Text>
						<TextField isActive={isActive} initialValue={request.default ?? ''} placeholder={request.pattern ? `matching ${request.pattern}` : ''} onSubmit={onAnswer}/>
					</Box>
				)}
			{error && <Text color={color('error')}>{error}</Text>}
		</Box>
	);
}
