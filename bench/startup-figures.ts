/** How fast unblock starts: --version, --help and the wizard's first frame, each against `node -e 0`. */
import {cliCommand, nodeBaseline, nodeBaselineLabel, wrapped} from './benchmark-commands.js';
import {commandSetting, measurePaired, recordFigure, type BenchmarkContext} from './benchmark-context.js';
import {timeProcess, watchProcess} from './process-timer.js';
import {inPseudoTerminal} from './pseudo-terminal.js';
import {firstFrameTarget, startupTarget} from './targets.js';
import {terminalEnvironment} from './timing-environment.js';
import {firstFramePattern} from './wizard-output.js';

export async function measureStartup(context: BenchmarkContext): Promise<void> {
	const setting = commandSetting(context);
	const baseline = {label: nodeBaselineLabel, run: async () => timeProcess(nodeBaseline(setting))};
	for (const flag of ['--version', '--help']) {
		const command = cliCommand(setting, `unblock ${flag}`, [flag]);
		await recordFigure(context, 'startup', command.label, async () => measurePaired(context, {
			id: `startup${flag.replace('--', '.')}`,
			group: 'startup',
			label: command.label,
			target: startupTarget,
			measured: async () => timeProcess(command),
			baseline,
		}));
	}

	const terminal = commandSetting(context, terminalEnvironment(context.env));
	const wizard = wrapped(cliCommand(terminal, 'unblock (wizard) to its first frame', []), inPseudoTerminal);
	const terminalBaseline = wrapped(nodeBaseline(terminal), inPseudoTerminal);
	await recordFigure(context, 'startup', wizard.label, async () => measurePaired(context, {
		id: 'startup.first-frame',
		group: 'startup',
		label: wizard.label,
		target: firstFrameTarget,
		note: 'both sides in a pseudo-terminal (util-linux script); the wizard until "Scanning the Docker engine" is on screen',
		measured: async () => (await watchProcess(wizard, {until: firstFramePattern, timeoutMs: 30_000})).elapsedMs,
		baseline: {label: `${nodeBaselineLabel} (pty)`, run: async () => (await watchProcess(terminalBaseline, {timeoutMs: 30_000})).elapsedMs},
	}));
}
