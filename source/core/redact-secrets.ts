/**
 * Keeps credentials out of everything unblock shows or prints. Container environments, logs and
 * engine errors routinely carry passwords (POSTGRES_PASSWORD, a DATABASE_URL with user:pass@,
 * a Bearer token in a request log); reports, JSON and the wizard only ever see redacted text.
 */

import {cuedShapes} from './credential-cue-search.js';
import {credentialName, isCredentialAssignment, isCredentialFlag, isCredentialValue, looksGenerated} from './credential-names.js';
import {redactedMarker} from './credential-shape-kit.js';
import {credentialShapes} from './credential-shapes.js';

export {redactedMarker} from './credential-shape-kit.js';

/** Values shorter than this are not hunted for in free text: "x" or "db" would shred every line. */
const minimumLiteralLength = 4;

/** Whether a variable's name says its value is a credential (POSTGRES_PASSWORD, GITHUB_TOKEN, API_KEY). */
export function isSecretName(name: string): boolean {
	return credentialName(name) === 'credential';
}

/** Every credential shape of the catalogue in the text redacted (credential-shapes.ts). */
export function redactText(text: string): string {
	const cued = cuedShapes(text);
	if (!cued) {
		return text;
	}

	let result = text;
	for (let index = 0; index < cued.length; index++) {
		if (cued[index]) {
			result = credentialShapes[index]!.redact(result);
		}
	}

	return result;
}

/**
 * A command line as argv, each argument redacted, and the argument after a bare credential flag
 * ("--password", value) redacted whole: joined text would show it as "--password value", but as
 * separate arguments neither one looks like a credential.
 */
export function redactArguments(argv: readonly string[]): string[] {
	return argv.map((argument, index) => (followsCredentialFlag(argv, index) ? redactedMarker : redactText(argument)));
}

/** The values passed after bare credential flags in an argv, to redact wherever else they are echoed. */
export function argumentSecretValues(argv: readonly string[]): string[] {
	return argv.filter((argument, index) => followsCredentialFlag(argv, index))
		.filter(value => value.length >= minimumLiteralLength && value !== redactedMarker);
}

function followsCredentialFlag(argv: readonly string[], index: number): boolean {
	const argument = argv[index] ?? '';
	return index > 0 && isCredentialFlag(argv[index - 1] ?? '') && !argument.startsWith('-') && isCredentialValue(argument);
}

// Lines inside a private key block: base64, the headers of an encrypted PEM key or of a PGP
// armour, or blank.
const privateKeyBegin = /-----BEGIN [A-Z\d ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const privateKeyEnd = /-----END [A-Z\d ]{0,40}PRIVATE KEY(?: BLOCK)?-----/;
const privateKeyBody = /^\s*(?:[A-Za-z\d+/=]*|(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset): .*)\s*$/;

/**
 * A function to hand the lines of a log or of a command's output one by one, in order: it gives
 * each back with the body of any private key written over several lines replaced. redactText sees
 * one line at a time and cannot tell that a base64 line is a key. A block ends at its END line, or
 * at the first line that cannot be part of a key, so a key never closed does not hide the error
 * after it.
 */
export function privateKeyLineRedactor(): (line: string) => string {
	let inside = false;
	return line => {
		if (line.includes('PRIVATE KEY') && privateKeyBegin.test(line)) {
			inside = !privateKeyEnd.test(line);
			return line;
		}

		if (!inside) {
			return line;
		}

		if (privateKeyEnd.test(line)) {
			inside = false;
			return line;
		}

		if (privateKeyBody.test(line)) {
			return line.trim() === '' ? line : redactedMarker;
		}

		inside = false;
		return line;
	};
}

/** NAME=value entries with credential values redacted, and credentials in any other value redacted too. */
export function redactEnvironment(entries: readonly string[]): string[] {
	return entries.map(entry => {
		const equals = entry.indexOf('=');
		if (equals < 0) {
			return entry;
		}

		const name = entry.slice(0, equals);
		const value = entry.slice(equals + 1);
		return isCredentialAssignment(name, value) ? `${name}=${redactedMarker}` : `${name}=${redactText(value)}`;
	});
}

// scheme://user:password@host and scheme://token@host, for the values they hide.
const urlUserinfo = /\b[a-z][a-z\d+.-]{0,31}:\/\/(?:[^\s:@/?#]{0,256}:(?!\d+\/)((?:(?!:\/\/)[^\s?#]){1,256})|([^\s:@/?#]{1,256}))@(?=[^\s/?#@:]+(?:[:/?#\s]|$))/gi;

/**
 * The literal values of credential variables (and of URL passwords and tokens in any variable),
 * so they can be redacted wherever they show up in free text, e.g. a log line echoing
 * POSTGRES_PASSWORD. Each also decoded, and without invisible characters, as cleaned text holds it.
 */
export function secretValues(entries: readonly string[]): string[] {
	const values = new Set<string>();
	const add = (value: string) => {
		values.add(value);
		values.add(safeDecode(value));
		values.add(value.replaceAll(/\p{Default_Ignorable_Code_Point}/gu, ''));
	};

	for (const entry of entries) {
		const equals = entry.indexOf('=');
		if (equals < 0) {
			continue;
		}

		const name = entry.slice(0, equals);
		const value = entry.slice(equals + 1);
		if (isCredentialAssignment(name, value)) {
			add(value);
		}

		if (!value.includes('://')) {
			continue;
		}

		for (const [, password, userOnly] of value.matchAll(urlUserinfo)) {
			// A user name alone ("postgres://postgres@db") is no secret to hunt for in every line; a token is.
			const hidden = password ?? (userOnly && looksGenerated(userOnly) ? userOnly : undefined);
			if (hidden) {
				add(hidden);
			}
		}
	}

	return [...values].filter(value => value.length >= minimumLiteralLength && value !== redactedMarker)
		// Longest first, so a value that contains another is replaced whole.
		.sort((left, right) => right.length - left.length);
}

/** secretValues of a process environment (process.env, a command's `env`). */
export function environmentSecretValues(environment: Readonly<Record<string, string | undefined>>): string[] {
	return secretValues(Object.entries(environment).flatMap(([name, value]) => (value === undefined ? [] : [`${name}=${value}`])));
}

/** Replaces every literal occurrence of the given values. */
export function redactValues(text: string, values: readonly string[]): string {
	let result = text;
	for (const value of values) {
		if (value.length <= result.length && result.includes(value)) {
			result = result.split(value).join(redactedMarker);
		}
	}

	return result;
}

/** Both passes: credential-shaped text and the known secret values. */
export function redactAll(text: string, values: readonly string[] = []): string {
	return redactText(redactValues(text, values));
}

function safeDecode(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
