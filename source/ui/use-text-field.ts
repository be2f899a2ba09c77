import {useRef, useState} from 'react';
import {useKeyListener} from './key-input.js';
import {applyInput, textField, type TextFieldState} from './text-field-state.js';

export type TextFieldOptions = {
	readonly initialValue?: string;
	readonly isActive: boolean;
	readonly onChange?: (value: string) => void;
	readonly onSubmit: (value: string) => void;
};

/**
 * A text box's input: every chunk the terminal sends, as it came, through the pure model. The
 * model's state lives in a ref and changes as each chunk arrives, so an Enter in the same chunk as
 * the text before it submits that text, not what the last render showed. It takes the raw bytes
 * of each key rather than its parse, which turns a chunk of several keys ("name\r", ten
 * backspaces) into one unknown key.
 */
export function useTextField({initialValue, isActive, onChange, onSubmit}: TextFieldOptions): TextFieldState {
	const model = useRef<TextFieldState>(textField(initialValue));
	const [shown, setShown] = useState(model.current);
	const reported = useRef(model.current.value);
	const report = (value: string) => {
		if (value !== reported.current) {
			reported.current = value;
			onChange?.(value);
		}
	};

	// Heard from the commit that draws the box (key-input.tsx): a key typed as soon as it shows is not lost.
	useKeyListener(({raw}) => {
		const {state, submits} = applyInput(model.current, raw);
		model.current = state;
		// Each Enter with what the box held at that moment; edits after it in the chunk come after.
		for (const {value} of submits) {
			report(value);
			onSubmit(value);
		}

		report(state.value);
		setShown(state);
	}, isActive);

	return shown;
}
