import {render} from 'ink-testing-library';
import {act} from 'react';
import type {UserError} from '../../../source/core/user-error.js';
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
	/** What the wizard said was still settling, with each exit. */
	readonly settling: Array<Promise<readonly UserError[]>>;
	/** Resolves with the newest frame once it contains `text`; fails with that frame after 5 s. */
	waitFor(text: string): Promise<string>;
	/** Types into the wizard, one key (or pasted text) at a time, each handled before the next. */
	press(...inputs: string[]): Promise<void>;
	/** Resolves once `predicate` holds; fails after 5 s. */
	waitUntil(predicate: () => boolean): Promise<void>;
};

/**
 * The wizard on a fake terminal. ink-testing-library draws 100 columns; `columns` narrows it
 * (the fake stdout's width is read on every layout, and a resize event updates the wizard's own
 * idea of it). Every frame is plain text: NO_COLOR is not needed, the test stdout is no TTY.
 */
export function renderWizard(options: {runtime?: FakeRuntime; fake?: FakeOptions; columns?: number; rows?: number} & Partial<Omit<AppProps, 'runtime'>> = {}): Wizard {
	const runtime = options.runtime ?? new FakeRuntime(options.fake);
	const exits: number[] = [];
	const settling: Array<Promise<readonly UserError[]>> = [];
	const instance = render(
		<App
			runtime={runtime}
			{...(options.initial ? {initial: options.initial} : {})}
			dryRun={options.dryRun ?? false}
			allowDestructive={options.allowDestructive ?? false}
			{...(options.refreshMs === undefined ? {} : {refreshMs: options.refreshMs})}
			onExit={(code, settled) => {
				exits.push(code);
				settling.push(settled);
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
			await withAct(() => {
				instance.stdin.write(input);
			});
		}
	};

	const waitUntil = async (predicate: () => boolean): Promise<void> => {
		const deadline = Date.now() + 5000;
		while (!predicate()) {
			if (Date.now() > deadline) {
				throw new Error(`still not so after 5 s; the last frame:\n${instance.lastFrame() ?? ''}`);
			}

			await new Promise(resolve => setTimeout(resolve, 10));
		}
	};

	return {...instance, runtime, exits, settling, waitFor, press, waitUntil};
}

/**
 * A key press inside act(): React renders and runs the effects it causes before the next key, as
 * a person's next key comes long after the screen changed. (A screen subscribes to keys in an
 * effect; on a slow machine a key sent right after the frame would reach nobody.) The act
 * environment is on only for the press, so the runtime's own async updates do not warn.
 */
async function withAct(press: () => void): Promise<void> {
	const environment = globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean};
	environment.IS_REACT_ACT_ENVIRONMENT = true;
	try {
		await act(async () => {
			press();
		});
	} finally {
		environment.IS_REACT_ACT_ENVIRONMENT = false;
	}
}
