/**
 * The wizard rendered in a test on the real engine, opening every finding's detail in turn: its
 * evidence is where a container's log lines show. For the suites that check what reaches it.
 */
import {renderRealWizard} from './real-wizard.js';

/**
 * Every frame the wizard drew while it scanned `project`, waited for `firstContainer` to show,
 * then opened, paged through and closed the detail of each of `findings` findings; undefined when the
 * container never showed within a minute.
 */
export async function framesOfEveryFindingDetail(options: {readonly cwd: string; readonly project: string; readonly firstContainer: string; readonly findings: number}): Promise<string | undefined> {
	const wizard = renderRealWizard({cwd: options.cwd, env: {...process.env}, project: options.project});
	try {
		if (await wizard.waitForFrame(frame => frame.includes(options.firstContainer), 60_000) === undefined) {
			return undefined;
		}

		for (let index = 0; index < options.findings; index++) {
			await wizard.press('\r');
			// The page fits the terminal and scrolls: page through it so every line of it is drawn.
			for (let page = 0; page < 4; page++) {
				await wizard.press('\u001B[6~');
			}

			await wizard.press('\u001B');
			await wizard.press('j');
		}

		return wizard.frames();
	} finally {
		wizard.close();
	}
}
