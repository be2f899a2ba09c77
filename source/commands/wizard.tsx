import {render} from 'ink';
import {App} from '../ui/app.js';
import {createWizardRuntime} from '../runtime/lazy-wizard-runtime.js';
import type {WizardRuntime} from '../ui/wizard-runtime.js';
import type {InitialFix} from '../ui/use-fix-work.js';
import {sourcesOf, type CommandContext, type FixModeOptions, type SourceOptions} from './command-context.js';
import {formatUserError, type UserError} from '../core/user-error.js';

export type WizardOptions = SourceOptions & FixModeOptions & {
	/** Open the guided fix of this playbook at once (`unblock fix <playbook>` in a terminal). */
	readonly initial?: InitialFix;
};

export const nonInteractiveHint = `unblock: no terminal here, so the wizard did not open. Without one:
  unblock search "<what you see, or the error>"   rank playbooks and past blockers
  unblock diagnose --json                       this report as JSON
  unblock fix <playbook> --dry-run              every step and command of a fix, nothing run
`;

/**
 * `unblock` with no command. In a terminal it draws the wizard until the user leaves (exit 0, or
 * 130 after Ctrl-C). Without one (piped, CI) it prints what `unblock diagnose` prints, with its
 * exit code, and a hint about the commands that work without a terminal.
 */
export async function runWizard(options: WizardOptions, context: CommandContext, connected?: WizardRuntime): Promise<number> {
	if (!context.interactive) {
		const {runDiagnose} = await import('./diagnose.js');
		const code = await runDiagnose({
			json: false,
			...(options.project === undefined ? {} : {project: options.project}),
			...(options.host === undefined ? {} : {host: options.host}),
			...(options.context === undefined ? {} : {context: options.context}),
			playbookDirectories: options.playbookDirectories,
		}, context);
		context.stderr.write(nonInteractiveHint);
		return code;
	}

	// `unblock fix` hands in the runtime it has connected already; alone, the wizard connects its own on first use.
	const runtime = connected ?? createWizardRuntime({
		cwd: context.cwd,
		env: context.env,
		...sourcesOf(options),
	});
	let exitCode = 0;
	let settled: Promise<readonly UserError[]> = Promise.resolve([]);
	const endBracketedPaste = startBracketedPaste();
	const instance = render(
		<App
			runtime={runtime}
			{...(options.initial ? {initial: options.initial} : {})}
			dryRun={options.dryRun}
			allowDestructive={options.allowDestructive}
			onExit={(code, work) => {
				exitCode = code;
				settled = work;
			}}
		/>,
		{exitOnCtrlC: false},
	);
	await instance.waitUntilExit().finally(endBracketedPaste);
	// A command stopped on the way out has its process group ended, and an incident being saved is written, before unblock exits.
	const unsaid = await settled;
	for (const failure of unsaid) {
		context.stderr.write(formatUserError(failure));
	}

	return unsaid[0]?.exitCode ?? exitCode;
}

/**
 * Asks the terminal to mark pastes (ESC[200~ ... ESC[201~), so a text box takes a pasted line
 * break as text rather than as Enter; the terminal is told to stop on the way out, however unblock
 * exits.
 */
function startBracketedPaste(): () => void {
	const stop = () => {
		process.off('exit', stop);
		process.stdout.write('\u001B[?2004l');
	};

	process.stdout.write('\u001B[?2004h');
	process.once('exit', stop);
	return stop;
}
