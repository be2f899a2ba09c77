import {useStdin} from 'ink';
import {useLayoutEffect, useRef, useState} from 'react';
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
 * the text before it submits that text, not what the last render showed. It listens to Ink's
 * input events rather than useInput, whose key parsing turns a chunk of several keys ("name\r",
 * ten backspaces) into one unknown key.
 */
export function useTextField({initialValue, isActive, onChange, onSubmit}: TextFieldOptions): TextFieldState {
	const {setRawMode, internal_eventEmitter: events} = useStdin();
	const model = useRef<TextFieldState>(textField(initialValue));
	const [shown, setShown] = useState(model.current);
	const latest = useRef({onChange, onSubmit});
	latest.current = {onChange, onSubmit};

	// Subscribed during the commit that draws the box, not after it: a key typed as soon as the
	// box shows is not lost.
	useLayoutEffect(() => {
		if (!isActive) {
			return;
		}

		setRawMode(true);
		let reported = model.current.value;
		const report = (value: string) => {
			if (value !== reported) {
				reported = value;
				latest.current.onChange?.(value);
			}
		};

		const handle = (chunk: string) => {
			const {state, submits} = applyInput(model.current, chunk);
			model.current = state;
			// Each Enter with what the box held at that moment; edits after it in the chunk come after.
			for (const {value} of submits) {
				report(value);
				latest.current.onSubmit(value);
			}

			report(state.value);
			setShown(state);
		};

		events.on('input', handle);
		return () => {
			events.off('input', handle);
			setRawMode(false);
		};
	}, [isActive, events, setRawMode]);

	return shown;
}
