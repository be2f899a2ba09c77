import type {Step} from '../playbook-schema.js';
import {displayArgv} from '../display-argv.js';
import {redactText} from '../redact-secrets.js';
import {fillPlaceholders, shellQuote} from '../template.js';

/**
 * A step's command with its variables filled in. `argv` is what runs: for `command` steps each
 * item is filled on its own, so a value stays one argument whatever it holds; for `shell` steps
 * it is `sh -c <script>` with every value quoted as one word. `display` is for people: quoted so
 * it can be pasted into a shell, credentials redacted.
 */
export type RenderedCommand =
	| {readonly kind: 'argv'; readonly argv: readonly string[]; readonly display: string}
	| {readonly kind: 'shell'; readonly argv: readonly string[]; readonly script: string; readonly display: string};

/** The step's command, or undefined for a step done by hand. Unfilled placeholders stay as `{name}`. */
export function renderStepCommand(step: Pick<Step, 'command' | 'shell'>, values: Readonly<Record<string, string>>): RenderedCommand | undefined {
	if (step.command) {
		const argv = step.command.map(argument => fillPlaceholders(argument, values));
		return {kind: 'argv', argv, display: displayArgv(argv)};
	}

	if (step.shell) {
		const script = fillPlaceholders(step.shell, values, shellQuote);
		return {kind: 'shell', argv: ['sh', '-c', script], script, display: redactText(script)};
	}

	return undefined;
}
