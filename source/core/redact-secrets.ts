/**
 * Keeps credentials out of everything unblock shows or prints. Container environments, logs and
 * engine errors routinely carry passwords (POSTGRES_PASSWORD, a DATABASE_URL with user:pass@,
 * a Bearer token in a request log); reports, JSON and the wizard only ever see redacted text.
 */

export const redactedMarker = '[redacted]';

/** Values shorter than this are not hunted for in free text: "x" or "db" would shred every line. */
const minimumLiteralLength = 4;

const secretNamePattern = new RegExp([
	'PASSWORD',
	'PASSWD',
	'TOKEN',
	'SECRET',
	'CREDENTIAL',
	'(^|_)(API_?|ACCESS_?|PRIVATE_?|SIGNING_?|ENCRYPTION_?)?KEY$',
	'PRIVATE_?KEY',
	'^API_?KEY',
].join('|'), 'i');

/** Whether an environment variable's name says its value is a credential. */
export function isSecretName(name: string): boolean {
	return secretNamePattern.test(name);
}

const privateKeyBlock = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g;
// scheme://user:password@host — the user name stays, it helps to read the error. Passwords are
// not always percent-escaped: they can hold "@" and "/" (base64 does), so the password runs to the
// last "@" that is followed by a host (within one URL). "host:8080/path@x" is a port and a path, not a password.
// The lengths are bounded so a long line of near-URLs costs linear time.
const urlCredentials = /\b([a-z][a-z\d+.-]{0,31}:\/\/)([^\s:@/]{0,256}):(?!\d+\/)((?:(?!:\/\/)[^\s?#]){1,256})@(?=[^\s/?#@:]+(?:[:/?#\s]|$))/gi;
const authorizationToken = /\b(Bearer|Basic|Token)\s+[A-Za-z\d\-._~+/]{8,}=*/g;
// "bearer" is never a word a log uses for anything else, so any case is a token; "basic" and "token" are.
const anyCaseBearerToken = /\b(bearer)\s+[A-Za-z\d\-._~+/]{8,}=*/gi;
const secretFlagName = /^--?[a-z\d-]*(?:password|passwd|token|secret|api-key|apikey)[a-z\d-]*$/i;
const secretFlag = /(?<![\w-])(--?[a-z\d-]*(?:password|passwd|token|secret|api-key|apikey)[a-z\d-]*)(=|\s+)(?!-)("[^"]*"|'[^']*'|\S+)/gi;
// A name, then (in JSON) its closing quote, then "=" or ":".
const assignmentName = /\b([A-Za-z_][A-Za-z\d_]*)((["']?)[ \t]*[=:][ \t]*)/g;
const assignmentValue = /^(?:"(?:[^"\\\n]|\\.)*"|'[^']*'|[^\s,;&"'}\]]+)/;

// Cues: what each pattern above cannot match without (a URL password is followed by "@", a secret
// name holds "passw", "token", "secret", "credential" or "key"), so a pass whose cue is missing
// would change nothing. Most log lines hold no cue and cost one search instead of every pattern.
// A new pattern needs its cue in anyCue too.
const anyCue = /@|bearer|basic|token|passw|secret|credential|key/i;
const authorizationCue = /Bearer|Basic|Token/;
const anyCaseBearerCue = /bearer/i;
const secretFlagCue = /-[a-z\d-]*(?:passw|token|secret|api-?key)/i;
const secretNameCue = /passw|token|secret|credential|key/i;

/** Redacts credential-shaped text: URL passwords, Bearer tokens, private keys, --password flags, SECRET_NAME=value. */
export function redactText(text: string): string {
	if (!anyCue.test(text)) {
		return text;
	}

	let result = text;
	if (result.includes('PRIVATE KEY-----')) {
		result = result.replace(privateKeyBlock, (_match, kind: string, end: string) => `-----BEGIN ${kind}PRIVATE KEY----- ${redactedMarker}${end ? ` ${end}` : ''}`);
	}

	if (result.includes('@') && result.includes('://')) {
		result = result.replace(urlCredentials, (_match, scheme: string, user: string) => `${scheme}${user}:${redactedMarker}@`);
	}

	if (authorizationCue.test(result)) {
		result = result.replace(authorizationToken, (_match, kind: string) => `${kind} ${redactedMarker}`);
	}

	if (anyCaseBearerCue.test(result)) {
		result = result.replace(anyCaseBearerToken, (_match, kind: string) => `${kind} ${redactedMarker}`);
	}

	if (secretFlagCue.test(result)) {
		result = result.replace(secretFlag, (_match, flag: string, separator: string) => `${flag}${separator}${redactedMarker}`);
	}

	return result.includes('\n') ? result.replace(/[^\n]+/g, redactAssignments) : redactAssignments(result);
}

/**
 * A command line as argv, each argument redacted, and the argument after a bare secret flag
 * ("--password", value) redacted whole: joined text would show it as "--password value", but as
 * separate arguments neither one looks like a credential.
 */
export function redactArguments(argv: readonly string[]): string[] {
	return argv.map((argument, index) => (index > 0 && secretFlagName.test(argv[index - 1] ?? '') ? redactedMarker : redactText(argument)));
}

/** The values passed after bare secret flags in an argv, to redact wherever else they are echoed. */
export function argumentSecretValues(argv: readonly string[]): string[] {
	return argv.filter((argument, index) => index > 0 && secretFlagName.test(argv[index - 1] ?? ''))
		.filter(value => value.length >= minimumLiteralLength && value !== redactedMarker);
}

// Lines inside a private key block: base64, the PEM headers of an encrypted key, or blank.
const privateKeyBegin = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const privateKeyEnd = /-----END [A-Z0-9 ]*PRIVATE KEY-----/;
const privateKeyBody = /^\s*(?:[A-Za-z\d+/=]*|(?:Proc-Type|DEK-Info|Comment): .*)\s*$/;

/**
 * Lines of a log read one by one, with the body of any private key written over several of them
 * replaced: redactText sees one line at a time and cannot tell that a base64 line is a key. The
 * block ends at its END line, or at the first line that cannot be part of a key, so a key that is
 * never closed does not hide the error after it.
 */
export function redactPrivateKeyLines(lines: readonly string[]): string[] {
	let inside = false;
	return lines.map(line => {
		if (privateKeyBegin.test(line)) {
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
	});
}

/** SECRET_NAME=value and password: value, where the name says the value is a credential. */
function redactAssignments(line: string): string {
	if (!secretNameCue.test(line)) {
		return line;
	}

	let result = '';
	let position = 0;
	for (const match of line.matchAll(assignmentName)) {
		const [whole, name = '', , quote = ''] = match;
		const valueStart = match.index + whole.length;
		if (match.index < position || !isSecretName(name)) {
			continue;
		}

		const rest = line.slice(valueStart);
		const value = assignmentValue.exec(rest)?.[0];
		if (!value || rest.startsWith(redactedMarker) || rest.startsWith(`"${redactedMarker}"`)) {
			continue;
		}

		// A quoted name is JSON: keep the value a string, so the line still parses.
		const replacement = quote === '"' && value.startsWith('"') ? `"${redactedMarker}"` : redactedMarker;
		result += `${line.slice(position, valueStart)}${replacement}`;
		position = valueStart + value.length;
	}

	return result + line.slice(position);
}

/** NAME=value entries with secret names redacted, and credentials in any other value redacted too. */
export function redactEnvironment(entries: readonly string[]): string[] {
	return entries.map(entry => {
		const equals = entry.indexOf('=');
		if (equals < 0) {
			return entry;
		}

		const name = entry.slice(0, equals);
		const value = entry.slice(equals + 1);
		if (isSecretName(name)) {
			return value === '' ? entry : `${name}=${redactedMarker}`;
		}

		return `${name}=${redactText(value)}`;
	});
}

/**
 * The literal values of secret variables (and URL passwords in any variable), so they can be
 * redacted wherever they show up in free text, e.g. a log line echoing POSTGRES_PASSWORD.
 */
export function secretValues(entries: readonly string[]): string[] {
	const values = new Set<string>();
	for (const entry of entries) {
		const equals = entry.indexOf('=');
		if (equals < 0) {
			continue;
		}

		const name = entry.slice(0, equals);
		const value = entry.slice(equals + 1);
		if (isSecretName(name)) {
			values.add(value);
		}

		if (!value.includes('://')) {
			continue;
		}

		for (const match of value.matchAll(urlCredentials)) {
			if (match[3]) {
				values.add(match[3]);
				values.add(safeDecode(match[3]));
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
