import {redactText} from './redact-secrets.js';
import {shellQuote} from './template.js';

const plainArgument = /^[\w@%+=:,./-]+$/;

/** An argv as one pasteable, redacted line: arguments with spaces or shell characters are quoted. */
export function displayArgv(argv: readonly string[]): string {
	return redactText(argv.map(argument => plainArgument.test(argument) ? argument : shellQuote(argument)).join(' '));
}
