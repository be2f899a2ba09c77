import {unsafeCharacter} from '../neutralize-terminal-text.js';
import type {Variable} from '../playbook-schema.js';
import {compileUserPattern} from '../regex-safety.js';

const maximumValueLength = 1000;

export type ValueVerdict = {readonly ok: true} | {readonly ok: false; readonly reason: string};

export type ValueUsage = {
	/** The value begins an argument of a command or a word of a script. */
	readonly leadsArgument: boolean;
};

/** A value is one plain line: besides what plain text may not hold, no tab either. */
function hasControlCharacter(value: string): boolean {
	return value.includes('\t') || unsafeCharacter.test(value);
}

/**
 * Whether a value may fill a variable. Values come from containers, logs and the user, so none is
 * trusted: no empty or over-long value, no line break or control character, one of the declared
 * choices, the whole value matches the declared pattern, and no leading "-" where it would start
 * an argument, unless the pattern itself says so where it begins (`^-?\d+$`).
 */
export function checkVariableValue(value: string, variable: Variable, usage: ValueUsage): ValueVerdict {
	if (value === '') {
		return {ok: false, reason: 'it is empty'};
	}

	if (value.length > maximumValueLength) {
		return {ok: false, reason: `it is longer than ${maximumValueLength} characters`};
	}

	if (/[\r\n]/.test(value)) {
		return {ok: false, reason: 'it contains a line break'};
	}

	if (hasControlCharacter(value)) {
		return {ok: false, reason: 'it contains a tab or another control character'};
	}

	if (variable.choices && !variable.choices.includes(value)) {
		return {ok: false, reason: `it is not one of ${variable.choices.join(', ')}`};
	}

	if (variable.pattern !== undefined) {
		const verdict = compileUserPattern(`^(?:${variable.pattern})$`);
		if (!verdict.ok) {
			return {ok: false, reason: `the playbook's pattern cannot be used (${verdict.reason})`};
		}

		if (!verdict.regex.test(value)) {
			return {ok: false, reason: `it does not match the pattern ${variable.pattern}`};
		}
	}

	if (usage.leadsArgument && value.startsWith('-') && !patternAllowsLeadingDash(variable.pattern)) {
		return {ok: false, reason: 'it starts with "-", so the command would read it as an option'};
	}

	return {ok: true};
}

/** A pattern allows a leading dash only when it names one where it begins: `^-`, `^\-`, `^(-`, `^[-`. */
export function patternAllowsLeadingDash(pattern: string | undefined): boolean {
	return pattern !== undefined && /^\^?(?:\((?:\?:)?)?(?:\\?-|\[\\?-)/.test(pattern);
}
