import {commandsOf} from '../checks/registry.js';
import type {Check, PlaybookData, Step} from '../playbook-schema.js';
import {placeholdersIn} from '../template.js';

/** Every text of a check that may hold placeholders: its string fields and its argv items. */
function checkTexts(check: Check): string[] {
	const texts: string[] = [];
	for (const value of Object.values(check)) {
		if (typeof value === 'string') {
			texts.push(value);
		} else if (Array.isArray(value)) {
			texts.push(...value.filter((item): item is string => typeof item === 'string'));
		}
	}

	return texts;
}

/** The variables in what a step runs and what it destroys: the values that decide what it changes. */
export function variablesOfCommand(step: Step): string[] {
	return [...new Set([...(step.command ?? []), step.shell ?? '', step.destroys ?? ''].flatMap(text => placeholdersIn(text)))];
}

/**
 * The variables a step needs before it can be shown filled in and run: those in its command or
 * script, what it destroys and its checks, plus the declared ones its prose mentions.
 */
export function variablesOfStep(step: Step, declared: Iterable<string>): string[] {
	const names = new Set<string>();
	const add = (text: string | undefined) => {
		for (const name of placeholdersIn(text ?? '')) {
			names.add(name);
		}
	};

	for (const argument of step.command ?? []) {
		add(argument);
	}

	add(step.shell);
	add(step.destroys);
	for (const check of [...step.requires ?? [], ...step.checks]) {
		for (const text of checkTexts(check)) {
			add(text);
		}
	}

	// Prose may contain braces that are not placeholders; only declared names count there.
	const known = new Set(declared);
	for (const text of [step.title, step.explanation, step.decision, step.manual, step.hint]) {
		for (const name of placeholdersIn(text ?? '')) {
			if (known.has(name)) {
				names.add(name);
			}
		}
	}

	return [...names];
}

const leadingPlaceholder = /^\{([a-z][a-z\d-]*)\}(?!\})/;
// In a script, a placeholder starts a word after whitespace or an operator.
const wordStartPlaceholder = /(?:^|[\s;&|()<>`])\{([a-z][a-z\d-]*)\}(?!\})/g;

/**
 * Variables whose value begins an argument somewhere in the playbook (`{container}` as a whole
 * argv item, `{volume}:/data`, a word of a script). A value starting with "-" there would be read
 * as an option (`--privileged`), and quoting does not prevent that.
 */
export function variablesLeadingAnArgument(playbook: Pick<PlaybookData, 'steps'>): Set<string> {
	const names = new Set<string>();
	const addLeading = (argv: readonly string[]) => {
		for (const argument of argv) {
			const match = leadingPlaceholder.exec(argument);
			if (match) {
				names.add(match[1]!);
			}
		}
	};

	for (const step of playbook.steps) {
		addLeading(step.command ?? []);
		for (const match of (step.shell ?? '').matchAll(wordStartPlaceholder)) {
			names.add(match[1]!);
		}

		for (const check of [...step.requires ?? [], ...step.checks]) {
			for (const {argv} of commandsOf(check)) {
				addLeading(argv);
			}
		}
	}

	return names;
}
