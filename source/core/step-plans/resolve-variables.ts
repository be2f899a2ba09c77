import type {EvidenceKey, PlaybookData} from '../playbook-schema.js';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import {redactText} from '../redact-secrets.js';
import type {CapturedValue} from './captured-values.js';
import {checkVariableValue, type ValueVerdict} from './variable-value.js';
import {variablesLeadingAnArgument} from './variable-usage.js';

/** Where a value came from: the user (typed, --set), the engine's facts, a line of the error text, the playbook's default. */
export type VariableSource = 'evidence' | 'captured' | 'answer' | 'default';

export type VariableInputs = {
	/** Facts of the diagnosed container (a finding's `facts`, or `--container NAME`). */
	readonly facts?: Readonly<Partial<Record<EvidenceKey, string>>>;
	/** Values named in the error text itself (captured-values.ts), by variable name. */
	readonly captured?: Readonly<Record<string, CapturedValue>>;
	/** Values the user already gave, by variable name. They win over the evidence. */
	readonly answers?: Readonly<Record<string, string>>;
	/** No questions (`--yes`): a variable nobody filled takes its default. */
	readonly acceptDefaults?: boolean;
};

/** A value that was offered for a variable and refused; `shown` is safe to print. */
export type RefusedValue = {
	readonly name: string;
	readonly shown: string;
	readonly source: VariableSource;
	readonly reason: string;
};

export type VariableResolution = {
	readonly values: Readonly<Record<string, string>>;
	readonly sources: Readonly<Record<string, VariableSource>>;
	/** For a value captured from the error text: the line it was read from (safe to print). */
	readonly capturedFrom: Readonly<Record<string, string>>;
	readonly refused: readonly RefusedValue[];
};

/** What the UI asks for a variable: a select when there are choices, else a text input. */
export type VariableRequest = {
	readonly name: string;
	readonly question: string;
	readonly description: string;
	readonly choices?: readonly string[];
	/** Pre-filled in the input. */
	readonly default?: string;
	readonly pattern?: string;
	/** Why the value from the evidence could not be used, when one was offered. */
	readonly refused?: RefusedValue;
};

/**
 * Fills what can be filled without asking: the user's answers first, then the evidence, then (with
 * acceptDefaults) the defaults. Every value is checked; refused ones are reported, never used.
 */
export function resolveVariables(playbook: Pick<PlaybookData, 'variables' | 'steps'>, inputs: VariableInputs): VariableResolution {
	const values: Record<string, string> = {};
	const sources: Record<string, VariableSource> = {};
	const capturedFrom: Record<string, string> = {};
	const refused: RefusedValue[] = [];

	for (const [name, variable] of Object.entries(playbook.variables)) {
		const candidates: Array<[VariableSource, string | undefined]> = [
			['answer', inputs.answers?.[name]],
			['evidence', variable.from === 'evidence' && variable.evidence ? inputs.facts?.[variable.evidence] : undefined],
			['captured', inputs.captured?.[name]?.value],
			['default', inputs.acceptDefaults ? variable.default : undefined],
		];

		for (const [source, value] of candidates) {
			if (value === undefined) {
				continue;
			}

			const verdict = checkValue(playbook, name, value);
			if (verdict.ok) {
				values[name] = value;
				sources[name] = source;
				if (source === 'captured') {
					capturedFrom[name] = showLine(inputs.captured![name]!.line);
				}

				break;
			}

			refused.push({name, shown: showValue(value), source, reason: verdict.reason});
		}
	}

	return {values, sources, capturedFrom, refused};
}

/** Checks one value for a declared variable the way resolveVariables does (an answer typed in the wizard). */
export function checkValue(playbook: Pick<PlaybookData, 'variables' | 'steps'>, name: string, value: string): ValueVerdict {
	const variable = playbook.variables[name];
	if (!variable) {
		return {ok: false, reason: `the playbook declares no variable "${name}"`};
	}

	return checkVariableValue(value, variable, {leadsArgument: variablesLeadingAnArgument(playbook).has(name)});
}

export function variableRequest(playbook: Pick<PlaybookData, 'variables'>, name: string, refused?: RefusedValue): VariableRequest {
	const variable = playbook.variables[name];
	return {
		name,
		question: variable?.question ?? variable?.description ?? `Value for {${name}}?`,
		description: variable?.description ?? '',
		...(variable?.choices ? {choices: variable.choices} : {}),
		...(variable?.default === undefined ? {} : {default: variable.default}),
		...(variable?.pattern === undefined ? {} : {pattern: variable.pattern}),
		...(refused ? {refused} : {}),
	};
}

/** How a value's source is said, in the plan, the fix screen and the headless run. */
export const valueSourceWords: Readonly<Record<VariableSource, string>> = {
	evidence: 'from the evidence',
	captured: 'from the error text',
	answer: 'given',
	default: 'default',
};

/** A line of the error text as it may be printed: like showValue, at most 160 characters. */
function showLine(line: string): string {
	const plain = redactText(neutralizeTerminalText(line).replaceAll('\n', ' '));
	return plain.length > 160 ? `${plain.slice(0, 159)}…` : plain;
}

/** How a line break inside a value is shown on its one line, as the wizard's text boxes show it. */
export const shownLineBreak = ' ⏎ ';

/** A value as it may be printed: one line, no control sequences, credentials redacted, at most 80 characters. */
export function showValue(value: string): string {
	const plain = redactText(neutralizeTerminalText(value).replaceAll('\n', shownLineBreak));
	return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
}
