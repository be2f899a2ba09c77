import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../../source/ui/app.js';
import {FakeRuntime, type FakeOptions} from './fake-runtime.js';

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	ctrlC: '\u0003',
} as const;

export type Wizard = ReturnType<typeof render> & {
	readonly runtime: FakeRuntime;
	readonly exits: number[];
	/** Resolves with the newest frame once it contains `text`; fails with that frame after 5 s. */
	waitFor(text: string): Promise<string>;
	/** Types into the wizard, one key (or pasted text) at a time. */
	press(...inputs: string[]): Promise<void>;
};

/**
 * The wizard on a fake terminal. ink-testing-library draws 100 columns; `columns` narrows it
 * (the fake stdout's width is read on every layout, and a resize event updates the wizard's own
 * idea of it). Every frame is plain text: NO_COLOR is not needed, the test stdout is no TTY.
 */
export function renderWizard(options: {runtime?: FakeRuntime; fake?: FakeOptions; columns?: number; rows?: number} & Partial<Omit<AppProps, 'runtime'>> = {}): Wizard {
	const runtime = options.runtime ?? new FakeRuntime(options.fake);
	const exits: number[] = [];
	const instance = render(
		<App
			runtime={runtime}
			{...(options.initial ? {initial: options.initial} : {})}
			dryRun={options.dryRun ?? false}
			allowDestructive={options.allowDestructive ?? false}
			onExit={code => {
				exits.push(code);
			}}
		/>,
	);
	const {columns = 100, rows = 40} = options;
	Object.defineProperty(instance.stdout, 'columns', {get: () => columns, configurable: true});
	Object.defineProperty(instance.stdout, 'rows', {get: () => rows, configurable: true});
	instance.stdout.emit('resize');

	const waitFor = async (text: string): Promise<string> => {
		const deadline = Date.now() + 5000;
		for (;;) {
			const frame = instance.lastFrame() ?? '';
			if (frame.includes(text)) {
				return frame;
			}

			if (Date.now() > deadline) {
				throw new Error(`no frame contains ${JSON.stringify(text)}; the last one:\n${frame}`);
			}

			await new Promise(resolve => setTimeout(resolve, 10));
		}
	};

	const press = async (...inputs: string[]) => {
		for (const input of inputs) {
			instance.stdin.write(input);
			// Pacing, not an assertion: the next key must reach the handlers of the new render.
			await new Promise(resolve => setTimeout(resolve, 30));
		}
	};

	return {...instance, runtime, exits, waitFor, press};
}
