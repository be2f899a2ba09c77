import type {SourcedText} from '../finding.js';
import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {PlaybookData, Signature} from '../playbook-schema.js';
import {signatureRegex} from '../signature-regex.js';

/**
 * Values a playbook's signatures name in the error text itself: a named group `(?<data_dir>...)`
 * fills the variable `data-dir` with what it matched in the line (the data directory, the lock
 * file, the host name a log names), so a fix acts on the path the log gave, not on a default.
 * Values are untrusted text: resolveVariables checks each like any other.
 */

export type CapturedValue = {
	readonly value: string;
	/** The line it was read from, as the text had it. */
	readonly line: string;
};

/** What a fix was started from: a finding's text by source, or what the user pasted. */
export type EvidenceText = {
	readonly matchText: string;
	readonly sourcedText?: SourcedText;
};

const maximumLineLength = 4096;

/** The variable a named group fills: `data_dir` fills `data-dir`. */
export function capturedVariableName(group: string): string {
	return group.replaceAll('_', '-');
}

/** The named groups of a pattern, in order. */
export function namedGroupsOf(pattern: string): string[] {
	return [...pattern.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map(match => match[1]!);
}

export function capturedValues(playbook: Pick<PlaybookData, 'signatures' | 'variables'>, text: EvidenceText): Record<string, CapturedValue> {
	const captured: Record<string, CapturedValue> = {};
	for (const signature of playbook.signatures) {
		if (namedGroupsOf(signature.pattern).length === 0) {
			continue;
		}

		for (const line of linesFor(signature, text)) {
			const regex = signatureRegex(signature);
			regex.lastIndex = 0;
			const groups = regex.exec(line)?.groups;
			if (!groups) {
				continue;
			}

			for (const [group, value] of Object.entries(groups)) {
				const name = capturedVariableName(group);
				if (value !== undefined && value !== '' && playbook.variables[name] && !captured[name]) {
					captured[name] = {value, line};
				}
			}

			break;
		}
	}

	return captured;
}

/** The lines a signature looks at: the text of its source when the finding says where text came from. */
function linesFor(signature: Signature, text: EvidenceText): string[] {
	const sourced = text.sourcedText;
	const own = signature.source === 'any' || signature.source === 'build' || !sourced
		? (signature.source === 'facts' ? '' : text.matchText)
		: sourced[signature.source] ?? '';
	return neutralizeTerminalText(own)
		.split('\n')
		.map(line => line.trim())
		.filter(line => line !== '' && line.length <= maximumLineLength);
}
