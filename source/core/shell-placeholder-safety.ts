import {commandsOf} from './checks/registry.js';
import type {PlaybookData} from './playbook-schema.js';
import type {RuleIssue} from './playbook-rules.js';
import {placeholdersIn} from './template.js';

/**
 * Where a `{placeholder}` would let its value run as shell code. Values are quoted as one shell
 * word, which is only safe where a word starts: inside '...' the quotes close around the value,
 * inside "..." `$(...)` in the value still runs, and in the script of `sh -c` (an argv item)
 * nothing quotes it at all. The safe forms are a bare `{name}` in a `shell` step, or the value
 * passed after the script and read as "$1".
 */
export function unsafeShellPlaceholders(playbook: Pick<PlaybookData, 'steps'>): RuleIssue[] {
	const issues: RuleIssue[] = [];
	for (const [stepIndex, step] of playbook.steps.entries()) {
		if (step.shell) {
			for (const name of quotedPlaceholders(step.shell)) {
				issues.push({
					path: ['steps', stepIndex, 'shell'],
					message: `{${name}} is inside quotes in the script, where its value could run as code; write it bare (unblock quotes each value as one word)`,
				});
			}
		}

		const argvs: Array<{argv: readonly string[]; path: Array<string | number>}> = [];
		if (step.command) {
			argvs.push({argv: step.command, path: ['steps', stepIndex, 'command']});
		}

		for (const [checkIndex, check] of step.checks.entries()) {
			for (const {field, argv} of commandsOf(check)) {
				argvs.push({argv, path: ['steps', stepIndex, 'checks', checkIndex, field]});
			}
		}

		for (const {argv, path} of argvs) {
			for (const index of scriptArguments(argv)) {
				for (const name of placeholdersIn(argv[index]!)) {
					issues.push({
						path: [...path, index],
						message: `{${name}} is inside the script of sh -c, where its value would run as code; pass it after the script and read it as "$1"`,
					});
				}
			}
		}
	}

	return issues;
}

const shells = /^(?:\/(?:usr\/)?bin\/)?(?:sh|bash|ash|dash|zsh|ksh)$/;

/** Positions of argv items that a shell runs as a script: the one after `sh -c` (or `-ec`, `-lc`...). */
function scriptArguments(argv: readonly string[]): number[] {
	const positions: number[] = [];
	for (let index = 0; index + 2 < argv.length; index++) {
		if (shells.test(argv[index]!) && /^-[a-z]*c[a-z]*$/.test(argv[index + 1]!)) {
			positions.push(index + 2);
		}
	}

	return positions;
}

/** Placeholders of a script that sit inside single or double quotes (outside a nested `$(...)` or backquotes). */
function quotedPlaceholders(script: string): string[] {
	const found: string[] = [];
	// What encloses the current position: quotes, or a command substitution that starts afresh.
	const stack: Array<'\'' | '"' | '$(' | '`'> = [];
	for (let at = 0; at < script.length; at++) {
		const character = script[at]!;
		const inside = stack.at(-1);
		if (inside === '\'') {
			if (character === '\'') {
				stack.pop();
			} else {
				at = notePlaceholder(script, at, found);
			}

			continue;
		}

		if (character === '\\') {
			at++;
			continue;
		}

		if (inside === '"') {
			if (character === '"') {
				stack.pop();
			} else if (character === '$' && script[at + 1] === '(') {
				stack.push('$(');
				at++;
			} else if (character === '`') {
				stack.push('`');
			} else {
				at = notePlaceholder(script, at, found);
			}

			continue;
		}

		if (character === '\'' || character === '"') {
			stack.push(character);
		} else if (character === '$' && script[at + 1] === '\'') {
			// $'...': ANSI-C quoting, quotes like '...'.
			stack.push('\'');
			at++;
		} else if (character === '$' && script[at + 1] === '(') {
			stack.push('$(');
			at++;
		} else if (character === ')' && inside === '$(') {
			stack.pop();
		} else if (character === '`') {
			if (inside === '`') {
				stack.pop();
			} else {
				stack.push('`');
			}
		}
	}

	return found;
}

/** When a placeholder starts at `at`, records its name and returns where it ends. */
function notePlaceholder(script: string, at: number, found: string[]): number {
	if (script[at] !== '{' || script[at - 1] === '{') {
		return at;
	}

	const match = /^\{([a-z][a-z\d-]*)\}(?!\})/.exec(script.slice(at));
	if (!match) {
		return at;
	}

	found.push(match[1]!);
	return at + match[0].length - 1;
}
