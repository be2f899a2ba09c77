/**
 * The wizard rendered in a test on the real engine, opening every finding's detail in turn: its
 * evidence is where a container's log lines show. For the suites that check what reaches it.
 */
import {render} from 'ink-testing-library';
import {act} from 'react';
import {App} from '../../source/ui/app.js';
import {createWizardRuntime} from '../../source/ui/wizard-runtime.js';
import {waitFor} from '../support/engine.js';

/**
 * Every frame the wizard drew while it scanned `project`, waited for `firstContainer` to show,
 * then opened and closed the detail of each of `findings` findings; undefined when the
 * container never showed within a minute.
 */
export async function framesOfEveryFindingDetail(options: {readonly cwd: string; readonly project: string; readonly firstContainer: string; readonly findings: number}): Promise<string | undefined> {
	const runtime = createWizardRuntime({cwd: options.cwd, env: {...process.env}, project: options.project, playbookDirectories: [], knowledgePaths: []});
	const instance = render(<App runtime={runtime} dryRun={false} allowDestructive={false} onExit={() => undefined}/>);
	const press = async (input: string) => {
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
	};

	try {
		if (!await waitFor(() => (instance.lastFrame() ?? '').includes(options.firstContainer), 60_000, 100)) {
			return undefined;
		}

		for (let index = 0; index < options.findings; index++) {
			await press('\r');
			await press('\u001B');
			await press('j');
		}

		return instance.frames.join('\n');
	} finally {
		instance.unmount();
	}
}
