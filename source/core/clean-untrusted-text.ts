import {capLines, defaultMaximumLineLength, neutralizeTerminalText} from './neutralize-terminal-text.js';
import {privateKeyLineRedactor, redactAll} from './redact-secrets.js';

export type CleanOptions = {
	/** Literal secret values to redact wherever they appear (see secretValues). */
	readonly secrets?: readonly string[];
	readonly maximumLineLength?: number;
};

const uncapped = {maximumLineLength: Number.POSITIVE_INFINITY};

/**
 * Text from outside (container logs and errors, command output, host process names) made fit to
 * store, match and print: terminal controls neutralised, credentials redacted, lines capped.
 * Redaction comes before the cap: a line cut through a secret would keep its first characters,
 * since the cut-off value no longer matches what redaction looks for.
 */
export function cleanUntrustedText(text: string, options: CleanOptions = {}): string {
	const plain = neutralizeTerminalText(text, uncapped);
	return capLines(redactAll(plain, options.secrets), options.maximumLineLength ?? defaultMaximumLineLength);
}

/**
 * cleanUntrustedText for text that arrives split into lines (a container's log): each line is
 * cleaned, and a private key written over several lines loses its body too, which no single line
 * shows to be a secret.
 */
export function cleanUntrustedLines(lines: readonly string[], options: CleanOptions = {}): string[] {
	return lines.map(untrustedLineCleaner(options));
}

/**
 * A function that cleans lines handed to it one by one, in order, as cleanUntrustedLines cleans
 * them all: for output that streams in, such as a running command's.
 */
export function untrustedLineCleaner(options: CleanOptions = {}): (line: string) => string {
	const privateKeyLines = privateKeyLineRedactor();
	const maximum = options.maximumLineLength ?? defaultMaximumLineLength;
	// Each line is neutralised once: cleanUntrustedText would neutralise it again, which changes nothing.
	return line => capLines(redactAll(privateKeyLines(neutralizeTerminalText(line, uncapped)), options.secrets), maximum);
}
