/**
 * What a name says of its value: the variable, field and flag names that hold credentials, the
 * values that are real ones (not a setting, a version or a placeholder), and the redaction of
 * NAME=value and --flag value text built on them.
 */
import {redactedMarker} from './credential-shape-kit.js';

// Names that say "credential". A name is split into words (snake, kebab, dotted and camel case);
// its last word decides, after words that only say how the credential is kept (_FILE, _PATH,
// _B64) are dropped: GITHUB_TOKEN and POSTGRES_PASSWORD_FILE are credentials, TOKEN_COUNT,
// PASSWORD_MIN_LENGTH and tiktoken are not.
const credentialWord = /^(?:[a-z\d]*(?:password|passwd|passphrase|secret|credentials?)|pwd|pass|creds|token|key|cookie|(?:api|access|auth|private|secret|signing|encryption|refresh|bearer|master|session|ssh|account|client|app|deploy|bot|oauth|id)(?:key|token))$/;
// Words that hint at a credential but are as often a setting (AUTH_METHOD=trust, session=42):
// their value is redacted only when it looks generated.
const hintWord = /^(?:auth|session|sessionid|jsessionid|phpsessid|sig|signature)$/;
const keptAsWords = new Set(['file', 'path', 'data', 'value', 'b64', 'base64', 'hex', 'string', 'str', 'raw', 'json', 'hash', 'digest', 'enc', 'encrypted', 'base', 'env']);
// KEY after these is a database or cache key, not a credential (gitleaks allows the same).
const notCredentialKeys = new Set(['public', 'pub', 'primary', 'foreign', 'sort', 'partition', 'cache', 'routing', 'idempotency', 'shard', 'lookup', 'index', 'idx', 'natural', 'bucket', 'schema', 'sequence', 'hot', 'object', 'unique', 'group', 'dedup', 'row', 'range', 'search', 'composite', 'message', 'redis', 'map']);

export type CredentialName = 'credential' | 'hint';

/** Whether a variable, field or flag name says its value is a credential, hints at one, or neither. */
export function credentialName(name: string): CredentialName | undefined {
	const words = name.replaceAll(/([a-z\d])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z\d]+/).filter(Boolean);
	while (words.length > 1 && keptAsWords.has(words.at(-1)!)) {
		words.pop();
	}

	const last = words.at(-1) ?? '';
	if (credentialWord.test(last)) {
		return last === 'key' && notCredentialKeys.has(words.at(-2) ?? '') ? undefined : 'credential';
	}

	return hintWord.test(last) ? 'hint' : undefined;
}

const settingValue = /^(?:true|false|yes|no|on|off|null|nil|none|undefined|enabled|disabled)$/i;
// A version or a range of them: ">=0.5.2", "==0.6.0", "^1.2", ">=0.5.2,<0.6.0", "1.2.3-rc.1".
const versionConstraint = /^(?:(?:[<>=!~^]{1,3}[ \t]*v?\d+(?:\.(?:\d+|[x*]))*|v?\d+(?:\.(?:\d+|[x*]))+)(?:[-+][\w.]{1,64})?(?:[ \t]*,[ \t]*|$))+$/;
// What a template, an example or a redacted dump holds in place of a value.
const placeholderValue = /^(?:\$\{[^}]*\}?|\$[A-Za-z_]\w*|\$\([^)]*\)|\{\{.*\}\}|<.*|%\(?\w*\)?s|x{3,}|X{3,}|\[(?:redacted|hidden|masked|filtered|secure)\])$/i;

/** Whether a value given to a credential name is a real value and not a setting, a version or a placeholder. */
export function isCredentialValue(value: string): boolean {
	const bare = /^(["'])(.*)\1$/s.exec(value)?.[2] ?? value;
	return /[A-Za-z\d]/.test(bare) && !settingValue.test(bare) && !versionConstraint.test(bare) && !placeholderValue.test(bare);
}

/** Whether a value looks machine-generated: long, mixed, unpredictable (Shannon entropy of its characters). */
export function looksGenerated(value: string): boolean {
	if (value.length < 16 || /\s/.test(value)) {
		return false;
	}

	const classes = Number(/[a-z]/.test(value)) + Number(/[A-Z]/.test(value)) + Number(/\d/.test(value));
	// A short value cannot show much entropy; a long one of few symbols (hex, a UUID) still is generated.
	return classes >= 2 && entropyBitsPerCharacter(value) >= (value.length >= 32 ? 3 : 3.5);
}

/** Whether `name` given `value` is a credential: a credential name with a real value, or a hint name with a generated one. */
export function isCredentialAssignment(name: string, value: string): boolean {
	// PWD= is a password in an ODBC connection string, and the working directory in every shell
	// environment, where redacting it would hide every path under it.
	if (name === 'PWD' && value.startsWith('/')) {
		return false;
	}

	const kind = credentialName(name);
	return kind !== undefined && isCredentialValue(value) && (kind === 'credential' || looksGenerated(value.replaceAll(/^["']|["']$/g, '')));
}

function entropyBitsPerCharacter(value: string): number {
	const counts = new Map<string, number>();
	for (const character of value) {
		counts.set(character, (counts.get(character) ?? 0) + 1);
	}

	let bits = 0;
	for (const count of counts.values()) {
		const share = count / value.length;
		bits -= share * Math.log2(share);
	}

	return bits;
}

// What every name credentialName accepts holds: the assignment shape's cues, and where it looks
// for names. A name is found around each of them, so the many other names of a log line (level,
// msg, user_id) cost nothing.
export const credentialNameCues = ['pass', 'pwd', 'secret', 'cred', 'token', 'key', 'auth', 'sess', 'sig', 'cookie'];
const credentialNameCue = new RegExp(credentialNameCues.join('|'), 'gi');
const maximumNameLength = 128;
// After a name: its closing quote (in JSON), "=" or ":", then the value, quoted or up to a delimiter.
const assignmentSeparator = /(["']?)[ \t]*[=:][ \t]*/y;
const assignmentValue = /"(?:[^"\\\n]|\\.){0,4096}"|'[^'\n]{0,4096}'|\[redacted\]|[^\s,;&"'}\]]{1,4096}/y;

function isNameCharacter(code: number): boolean {
	// A-Z a-z 0-9 _ . -
	return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code === 46 || code === 45;
}

/** NAME=value, name: value and "name": "value" with credential values redacted (isCredentialAssignment). */
export function redactAssignments(text: string): string {
	let result = '';
	let position = 0;
	// A value that is not a credential may hold another assignment (auth: password=x), so the
	// search goes on inside it; but "auth=auth=auth=…" would then read each value again from each
	// name. Past this many characters of values read, it goes on after the value instead.
	let reading = (text.length * 4) + 65_536;
	credentialNameCue.lastIndex = 0;
	for (let cue = credentialNameCue.exec(text); cue; cue = credentialNameCue.exec(text)) {
		let start = cue.index;
		while (start > 0 && isNameCharacter(text.charCodeAt(start - 1))) {
			start--;
		}

		let end = cue.index + cue[0].length;
		while (end < text.length && isNameCharacter(text.charCodeAt(end))) {
			end++;
		}

		credentialNameCue.lastIndex = end;
		// A name begins with a letter or "_", not with a digit, "." or "-".
		if (start < position || end - start > maximumNameLength || !/[A-Za-z_]/.test(text[start]!)) {
			continue;
		}

		assignmentSeparator.lastIndex = end;
		const separator = assignmentSeparator.exec(text);
		if (!separator) {
			continue;
		}

		const valueStart = end + separator[0].length;
		assignmentValue.lastIndex = valueStart;
		const value = assignmentValue.exec(text)?.[0];
		const name = text.slice(start, end);
		if (!value || !isCredentialAssignment(name, value)) {
			reading -= value?.length ?? 0;
			if (reading < 0) {
				credentialNameCue.lastIndex = valueStart + (value?.length ?? 0);
			}

			continue;
		}

		// A quoted name is JSON: the value stays a string, so the line still parses.
		const replacement = separator[1] === '"' && value.startsWith('"') ? `"${redactedMarker}"` : redactedMarker;
		result += `${text.slice(position, valueStart)}${replacement}`;
		position = valueStart + value.length;
		credentialNameCue.lastIndex = position;
	}

	return position === 0 ? text : result + text.slice(position);
}

// Flags and their values: "--password=x", "--token x", "--db-password 'x y'". A flag name is judged
// like a variable name, so --max-tokens 4096 and --password-stdin (which takes no value) stay.
export const flagWithValue = /(?<![\w-])(--?[A-Za-z\d][\w-]{0,63})(=|[ \t]+)(?!-)("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s"']{1,4096})/g;

/** Whether an argument is a flag whose value is a credential, like --password or --api-key. */
export function isCredentialFlag(argument: string): boolean {
	return /^--?[A-Za-z\d][\w-]*$/.test(argument) && credentialName(argument.replace(/^-+/, '')) === 'credential';
}
