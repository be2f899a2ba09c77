/**
 * The wizard with its real runtime (the engine client, the shipped knowledge, the fix runner) on
 * ink-testing-library's terminal, 100 columns wide: for the suites that check what it shows of a
 * real or a misbehaving engine.
 */
import {render} from 'ink-testing-library';
import {act} from 'react';
import {App} from '../../source/ui/app.js';
import {createWizardRuntime} from '../../source/runtime/lazy-wizard-runtime.js';
import {waitFor} from '../support/engine.js';

export type RealWizard = {
	lastFrame(): string;
	/** Every frame drawn so far, in order. */
	frames(): string;
	/** A key, handled (and its effects run) before this resolves; then a pause as a person's. */
	press(input: string): Promise<void>;
	/** The newest frame once `predicate` holds for it; undefined when it did not within `timeoutMs`. */
	waitForFrame(predicate: (frame: string) => boolean, timeoutMs: number): Promise<string | undefined>;
	/** Unmounts and closes the runtime's engine connections. */
	close(): void;
};

export function renderRealWizard(options: {readonly cwd: string; readonly env: Readonly<Record<string, string | undefined>>; readonly project?: string}): RealWizard {
	const runtime = createWizardRuntime({cwd: options.cwd, env: options.env, project: options.project, playbookDirectories: [], knowledgePaths: []});
	const instance = render(<App runtime={runtime} dryRun={false} allowDestructive={false} onExit={() => undefined}/>);
	const lastFrame = () => instance.lastFrame() ?? '';
	return {
		lastFrame,
		frames: () => instance.frames.join('\n'),
		async press(input) {
			const environment = globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean};
			environment.IS_REACT_ACT_ENVIRONMENT = true;
			try {
				await act(async () => {
					instance.stdin.write(input);
				});
			} finally {
				environment.IS_REACT_ACT_ENVIRONMENT = false;
			}

			await new Promise(resolve => setTimeout(resolve, 300));
		},
		async waitForFrame(predicate, timeoutMs) {
			return await waitFor(() => predicate(lastFrame()), timeoutMs, 50) ? lastFrame() : undefined;
		},
		close() {
			instance.unmount();
			runtime.close?.();
		},
	};
}
