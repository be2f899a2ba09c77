/**
 * Keeps credentials out of everything unblock shows or prints. Container environments, logs and
 * engine errors routinely carry passwords (POSTGRES_PASSWORD, a DATABASE_URL with user:pass@,
 * a Bearer token in a request log); reports, JSON and the wizard only ever see redacted text.
 */

export const redactedMarker = '[redacted]';

/** Values shorter than this are not hunted for in free text: "x" or "db" would shred every line. */
const minimumLiteralLength = 4;

const secretNamePatterns: readonly RegExp[] = [
	/PASSWORD/i,
	/PASSWD/i,
	/TOKEN/i,
	/SECRET/i,
	/CREDENTIAL/i,
	/(^|_)(API_?|ACCESS_?|PRIVATE_?|SIGNING_?|ENCRYPTION_?)?KEY$/i,
	/PRIVATE_?KEY/i,
	/^API_?KEY/i,
];

/** Whether an environment variable's name says its value is a credential. */
export function isSecretName(name: string): boolean {
	return secretNamePatterns.some(pattern => pattern.test(name));
}

const privateKeyBlock = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$)/g;
// scheme://user:password@host — the user name stays, it helps to read the error.
const urlCredentials = /\b([a-z][a-z\d+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi;
const bearerToken = /\b(Bearer|Basic|Token)\s+[A-Za-z\d\-._~+/]{8,}=*/g;
const secretFlag = /(?<![\w-])(--?[a-z\d-]*(?:password|passwd|token|secret|api-key|apikey)[a-z\d-]*)(=|\s+)(?!-)("[^"]*"|'[^']*'|\S+)/gi;
const assignmentName = /\b([A-Za-z_][A-Za-z\d_]*)([ \t]*[=:][ \t]*)/g;
const assignmentValue = /^(?:"[^"]*"|'[^']*'|[^\s,;&"']+)/;

/** Redacts credential-shaped text: URL passwords, Bearer tokens, private keys, --password flags, SECRET_NAME=value. */
export function redactText(text: string): string {
	return text
		.replace(privateKeyBlock, `-----BEGIN $1PRIVATE KEY----- ${redactedMarker} -----END $1PRIVATE KEY-----`)
		.replace(urlCredentials, (_match, scheme: string, user: string) => `${scheme}${user}:${redactedMarker}@`)
		.replace(bearerToken, (_match, kind: string) => `${kind} ${redactedMarker}`)
		.replace(secretFlag, (_match, flag: string, separator: string) => `${flag}${separator}${redactedMarker}`)
		.replace(/[^\n]+/g, redactAssignments);
}

/** SECRET_NAME=value and password: value, where the name says the value is a credential. */
function redactAssignments(line: string): string {
	let result = '';
	let position = 0;
	for (const match of line.matchAll(assignmentName)) {
		const [whole, name = ''] = match;
		const valueStart = match.index + whole.length;
		if (match.index < position || !isSecretName(name)) {
			continue;
		}

		const value = assignmentValue.exec(line.slice(valueStart))?.[0];
		if (!value || value === redactedMarker) {
			continue;
		}

		result += `${line.slice(position, valueStart)}${redactedMarker}`;
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
		if (result.includes(value)) {
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
