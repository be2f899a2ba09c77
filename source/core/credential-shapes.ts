/**
 * The shapes credentials take in container logs, environments and command output, as data. Each
 * shape has a name, the literal text it cannot match without (its cues: a line holding none of
 * them skips it), how it redacts, and examples the tests run: text it must redact, and lookalikes
 * it must leave alone. Chosen against gitleaks' and trufflehog's rule sets for what a local
 * Docker stack prints; where a choice is not obvious the rule says why.
 */

export const redactedMarker = '[redacted]';

export type CredentialExample = {
	/** A line as a log, an environment dump or a command would show it. */
	readonly text: string;
	/** What must be gone once the line is redacted. */
	readonly secret: string;
	/** The whole line after redaction, where its form is settled. */
	readonly redacted?: string;
};

export type CredentialShape = {
	/** Kebab-case, names the rule in tests. */
	readonly name: string;
	/** Literals the shape cannot match without (any one of them); a line with none skips the rule. */
	readonly cues: readonly string[];
	/** Cues are looked for in any letter case. */
	readonly anyCaseCues?: boolean;
	/** Each cue, where the shape matches, comes right after a word boundary: it is searched for faster. */
	readonly cuesAtWordBoundary?: boolean;
	/** Every credential of this shape in the text replaced; anything else unchanged. */
	readonly redact: (text: string) => string;
	readonly redacts: readonly [CredentialExample, ...CredentialExample[]];
	/** Text that looks like this shape and is not a credential. */
	readonly keeps?: readonly string[];
};

type Replacer = (match: string, ...groups: Array<string | undefined>) => string;

function replacing(pattern: RegExp, replacement: string | Replacer): (text: string) => string {
	return text => text.replace(pattern, replacement as Replacer);
}

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
const credentialNameCues = ['pass', 'pwd', 'secret', 'cred', 'token', 'key', 'auth', 'sess', 'sig', 'cookie'];
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
function redactAssignments(text: string): string {
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
const flagWithValue = /(?<![\w-])(--?[A-Za-z\d][\w-]{0,63})(=|[ \t]+)(?!-)("[^"\n]{0,4096}"|'[^'\n]{0,4096}'|[^\s"']{1,4096})/g;

/** Whether an argument is a flag whose value is a credential, like --password or --api-key. */
export function isCredentialFlag(argument: string): boolean {
	return /^--?[A-Za-z\d][\w-]*$/.test(argument) && credentialName(argument.replace(/^-+/, '')) === 'credential';
}

/** A base64 body of the given length, from a fixed sequence, so examples read alike on every run. */
function sample(length: number, seed: string, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'): string {
	// Examples are generated, not written out: a literal token in the source would set off secret
	// scanners (GitHub push protection) on this repository and on every project that vendors it.
	let state = [...seed].reduce((hash, character) => Math.imul(hash ^ character.codePointAt(0)!, 16_777_619) >>> 0, 2_166_136_261);
	let text = '';
	for (let index = 0; index < length; index++) {
		state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
		text += alphabet[(state >>> 8) % alphabet.length];
	}

	return text;
}

const upperBase32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';

const githubToken = `ghp_${sample(36, 'github')}`;
const jwt = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${sample(40, 'jwt-claims')}.${sample(43, 'jwt-signature', `${letters}${digits}-_`)}`;

/**
 * In the order they run: blocks and URLs first, so a token inside a URL's userinfo goes with it,
 * then provider formats, then what only a name says.
 *
 * Left out of what gitleaks and trufflehog know: the few hundred other providers' formats (each
 * costs every log line a cue, and most appear as NAME=value, which the name rules redact anyway);
 * secrets recognised only by entropy without a name (image digests, commit ids and request ids
 * are evidence and look the same); `curl -u user:pass` and `mysql -pSECRET` (-u and -p mean user
 * and port to docker and most tools); verification against the provider (no network calls).
 */
export const credentialShapes: readonly CredentialShape[] = [
	{
		name: 'pem-private-key',
		cues: ['PRIVATE KEY'],
		cuesAtWordBoundary: true,
		redact: replacing(
			/-----BEGIN ([A-Z\d ]{0,40})PRIVATE KEY( BLOCK)?-----[\s\S]*?(-----END \1PRIVATE KEY\2-----|$)/g,
			(_match, kind = '', block = '', end = '') => `-----BEGIN ${kind}PRIVATE KEY${block}----- ${redactedMarker}${end ? ` ${end}` : ''}`,
		),
		redacts: [
			{text: `key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIE${sample(60, 'rsa')}\n-----END RSA PRIVATE KEY-----\ndone`, secret: 'MIIE', redacted: 'key:\n-----BEGIN RSA PRIVATE KEY----- [redacted] -----END RSA PRIVATE KEY-----\ndone'},
			{text: `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${sample(40, 'openssh')}`, secret: 'b3BlbnNzaC1rZXktdjEAAAAA', redacted: '-----BEGIN OPENSSH PRIVATE KEY----- [redacted]'},
			{text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGX${sample(50, 'pgp', base64)}\n-----END PGP PRIVATE KEY BLOCK-----`, secret: 'lQOYBGX', redacted: '-----BEGIN PGP PRIVATE KEY BLOCK----- [redacted] -----END PGP PRIVATE KEY BLOCK-----'},
		],
		keeps: ['-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----', '-----BEGIN CERTIFICATE-----', 'PRIVATE KEY----- alone'],
	},
	{
		name: 'url-userinfo',
		// Schemes end in a letter or digit, so "://" follows a word boundary.
		cues: ['://'],
		cuesAtWordBoundary: true,
		// scheme://user:password@host keeps the user name, which helps to read the error, unless it
		// is itself a token (https://TOKEN:x-oauth-basic@...). Userinfo without a password is always
		// redacted: https://TOKEN@github.com is how tokens are put in clone URLs, and a user name
		// cannot be told from a token by its looks. Passwords are not always percent-escaped: they
		// can hold "@" and "/" (base64 does), so a password runs to the last "@" before a host;
		// "host:8080/path@x" is a port and a path.
		redact: replacing(
			/:\/\/(?<=\b[a-z](?:[a-z\d+.-]{0,30}[a-z\d])?:\/\/)(?:([^\s:@/?#]{0,256}):(?!\d+\/)((?:(?!:\/\/)[^\s?#]){1,256})|([^\s:@/?#]{1,256}))@(?=[^\s/?#@:]+(?:[:/?#\s]|$))/gi,
			(_match, user, password) => (password === undefined || looksGenerated(user ?? '') ? `://${redactedMarker}@` : `://${user}:${redactedMarker}@`),
		),
		redacts: [
			{text: `git clone https://${githubToken}@github.com/org/repo failed`, secret: githubToken, redacted: 'git clone https://[redacted]@github.com/org/repo failed'},
			{text: 'connecting to redis://default:pa55word@cache:6379/0', secret: 'pa55word', redacted: 'connecting to redis://default:[redacted]@cache:6379/0'},
			{text: 'amqp://guest:guest-pw@rabbit:5672//', secret: 'guest-pw', redacted: 'amqp://guest:[redacted]@rabbit:5672//'},
			{text: 'postgres://app:pa55@w0rd/x@db:5432/app', secret: 'w0rd', redacted: 'postgres://app:[redacted]@db:5432/app'},
			{text: 'redis://:abc/def+ghi=@cache:6379', secret: 'abc/def+ghi=', redacted: 'redis://:[redacted]@cache:6379'},
			{text: `https://oauth2:${sample(26, 'deploy-token')}@gitlab.example.com/group/app.git`, secret: sample(26, 'deploy-token'), redacted: 'https://oauth2:[redacted]@gitlab.example.com/group/app.git'},
			{text: `https://${sample(40, 'classic', '0123456789abcdef')}:x-oauth-basic@github.com/org/repo`, secret: sample(40, 'classic', '0123456789abcdef'), redacted: 'https://[redacted]@github.com/org/repo'},
		],
		keeps: ['https://example.com/a@b', 'git@github.com:org/repo.git', 'GET http://localhost:8080/users/@me', 'mail user@example.com', 'npm warn deprecated inflight@1.0.6'],
	},
	{
		name: 'authorization-header',
		cues: ['authorization'],
		anyCaseCues: true,
		// The scheme stays (it says what kind of credential failed); a plain word after the colon
		// is prose ("authorization: denied"), not a credential.
		redact: replacing(
			/(?<![\w-])((?:[Pp]roxy-)?[Aa]uthorization|(?:PROXY-)?AUTHORIZATION)(["']?[ \t]*[:=][ \t]*["']?)((?:[A-Za-z][\w-]{0,30}[ \t]+)?)(?![A-Za-z][a-z]*(?![\w+/=.~-]))[^\s"',;]{4,4096}/g,
			(_match, name = '', separator = '', scheme = '') => `${name}${separator}${scheme}${redactedMarker}`,
		),
		redacts: [
			{text: `Authorization: Bearer ${jwt}`, secret: jwt, redacted: 'Authorization: Bearer [redacted]'},
			{text: `curl -H "Authorization: token ${githubToken}" https://api.github.com/user`, secret: githubToken, redacted: 'curl -H "Authorization: token [redacted]" https://api.github.com/user'},
			{text: 'authorization: bearer eyJhbGciOiJIUzI1NiJ9', secret: 'eyJhbGciOiJIUzI1NiJ9', redacted: 'authorization: bearer [redacted]'},
			{text: '{"authorization":"Basic dXNlcjpodW50ZXIy"}', secret: 'dXNlcjpodW50ZXIy', redacted: '{"authorization":"Basic [redacted]"}'},
		],
		keeps: ['authorization: denied', 'Authorization failed for user "app"', 'checking authorization: ok'],
	},
	{
		name: 'authorization-scheme',
		cues: ['Basic', 'Token', 'Bearer', 'bearer', 'BEARER'],
		cuesAtWordBoundary: true,
		// "Bearer" is never a word a log uses for anything else, so any case is a token; "Basic" and
		// "Token" only capitalised, and never before a plain word ("Basic authentication failed").
		redact: replacing(
			/\b(Basic|Token|[Bb]earer|BEARER)[ \t]+(?![A-Za-z][a-z]*(?![\w+/=.~-]))[A-Za-z\d\-._~+/]{8,4096}=*/g,
			(_match, scheme = '') => `${scheme} ${redactedMarker}`,
		),
		redacts: [
			{text: 'using Token abcdefgh12 for the registry', secret: 'abcdefgh12', redacted: 'using Token [redacted] for the registry'},
			{text: 'BEARER abcdefgh12', secret: 'abcdefgh12', redacted: 'BEARER [redacted]'},
			{text: 'retrying with Basic dXNlcjpwYXNz', secret: 'dXNlcjpwYXNz', redacted: 'retrying with Basic [redacted]'},
		],
		keeps: ['Basic authentication failed for user "app"', 'Token refreshed successfully', 'TOKEN abcdefgh12', 'basic dXNlcjpwYXNzd29yZA=='],
	},
	{
		name: 'aws-access-key-id',
		cues: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
		cuesAtWordBoundary: true,
		redact: replacing(/\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g, redactedMarker),
		redacts: [
			{text: `AWS_ACCESS_KEY_ID=AKIA${sample(16, 'aws-id', upperBase32)}`, secret: `AKIA${sample(16, 'aws-id', upperBase32)}`, redacted: 'AWS_ACCESS_KEY_ID=[redacted]'},
			{text: `X-Amz-Credential=ASIA${sample(16, 'aws-session', upperBase32)}/20260101/us-east-1/s3/aws4_request`, secret: `ASIA${sample(16, 'aws-session', upperBase32)}`},
		],
		keeps: ['ASIAN_MARKETS_REPORT_2026', 'AKIA_IS_NOT_A_KEY'],
	},
	{
		name: 'aws-secret-access-key',
		cues: ['secret_access', 'secretaccess', 'secret-access'],
		anyCaseCues: true,
		// Forty base64 characters, known only by what names them: also "aws configure set
		// aws_secret_access_key VALUE", which has no "=" for the name rules to see.
		redact: replacing(/((?:aws[_-]?)?secret[_-]?access[_-]?key["']?[ \t]*(?:[=:]|[ \t])[ \t]*["']?)[A-Za-z\d/+]{40}(?![A-Za-z\d/+=])/gi, `$1${redactedMarker}`),
		redacts: [
			{text: `aws configure set aws_secret_access_key ${sample(40, 'aws-secret', base64)}`, secret: sample(40, 'aws-secret', base64), redacted: 'aws configure set aws_secret_access_key [redacted]'},
			{text: `{"AccessKeyId":"ASIA…","SecretAccessKey":"${sample(40, 'sts', base64)}"}`, secret: sample(40, 'sts', base64), redacted: '{"AccessKeyId":"ASIA…","SecretAccessKey":"[redacted]"}'},
		],
		keeps: ['aws_secret_access_key is not set'],
	},
	{
		name: 'github-token',
		cues: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bgh[pousr]_[A-Za-z\d]{36,251}\b/g, redactedMarker),
		redacts: [
			{text: `remote: Invalid username or password. token ${githubToken} expired`, secret: githubToken, redacted: 'remote: Invalid username or password. token [redacted] expired'},
			{text: `GH_ENTERPRISE=ghs_${sample(36, 'actions')}`, secret: `ghs_${sample(36, 'actions')}`},
		],
		keeps: ['ghp_short', 'use a ghp_ token'],
	},
	{
		name: 'github-fine-grained-token',
		cues: ['github_pat_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bgithub_pat_\w{22,255}/g, redactedMarker),
		redacts: [{text: `export GH=github_pat_${sample(22, 'fine-1')}_${sample(59, 'fine-2')}`, secret: `github_pat_${sample(22, 'fine-1')}`, redacted: 'export GH=[redacted]'}],
	},
	{
		name: 'gitlab-token',
		// Personal, deploy, runner, trigger, CI job, feed, mail, OAuth, service-account, feature-flag and agent tokens.
		cues: ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glcbt-', 'glft-', 'glimt-', 'gloas-', 'glsoat-', 'glffct-', 'glagent-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bgl(?:pat|dt|rt|ptt|cbt|ft|imt|oas|soat|ffct|agent)-[\w-]{20,255}/g, redactedMarker),
		redacts: [
			{text: `PRIVATE-TOKEN: glpat-${sample(20, 'gitlab')}`, secret: `glpat-${sample(20, 'gitlab')}`},
			{text: `Registering runner... token=glrt-${sample(24, 'runner')} succeeded`, secret: `glrt-${sample(24, 'runner')}`},
		],
		keeps: ['glpat-short'],
	},
	{
		name: 'slack-token',
		cues: ['xox', 'xapp-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\b(?:xox[abprse]|xapp)-[A-Za-z\d-]{10,255}/g, redactedMarker),
		redacts: [
			{text: `slack xoxb-${sample(12, 'slack-1', digits)}-${sample(13, 'slack-2', digits)}-${sample(24, 'slack-3')} EACCES: permission denied`, secret: sample(24, 'slack-3'), redacted: 'slack [redacted] EACCES: permission denied'},
			{text: `SLACK_APP=xapp-1-A0${sample(9, 'app-1')}-${sample(13, 'app-2', digits)}-${sample(64, 'app-3', '0123456789abcdef')}`, secret: sample(64, 'app-3', '0123456789abcdef')},
		],
		keeps: ['xoxo-gossip', 'xoxb-'],
	},
	{
		name: 'slack-webhook',
		cues: ['hooks.slack.com'],
		cuesAtWordBoundary: true,
		redact: replacing(/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z\d+/_-]{20,255}/g, `$1${redactedMarker}`),
		redacts: [{
			text: `posting to https://hooks.slack.com/services/T${sample(8, 'hook-1', upperBase32)}/B${sample(8, 'hook-2', upperBase32)}/${sample(24, 'hook-3')} failed`,
			secret: sample(24, 'hook-3'),
			redacted: 'posting to https://hooks.slack.com/services/[redacted] failed',
		}],
	},
	{
		name: 'stripe-key',
		// Test-mode keys too: they read and write the account's test data, and they are what a
		// development stack holds. Publishable keys (pk_) are public by design.
		cues: ['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'whsec_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\b(?:[sr]k_(?:live|test)_[A-Za-z\d]{10,247}|whsec_[A-Za-z\d]{24,255})\b/g, redactedMarker),
		redacts: [
			{text: `stripe.api_key set from sk_live_${sample(24, 'stripe-live')}`, secret: `sk_live_${sample(24, 'stripe-live')}`},
			{text: `rk_test_${sample(24, 'stripe-restricted')} rejected`, secret: `rk_test_${sample(24, 'stripe-restricted')}`, redacted: '[redacted] rejected'},
			{text: `webhook secret whsec_${sample(32, 'stripe-webhook')}`, secret: `whsec_${sample(32, 'stripe-webhook')}`},
		],
		keeps: [`pk_live_${sample(24, 'stripe-publishable')}`],
	},
	{
		name: 'google-api-key',
		cues: ['AIza'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bAIza[\w-]{35}(?![\w-])/g, redactedMarker),
		redacts: [{text: `GET https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIza${sample(35, 'google')}`, secret: `AIza${sample(35, 'google')}`}],
		keeps: ['AIzaShort'],
	},
	{
		name: 'npm-token',
		cues: ['npm_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bnpm_[A-Za-z\d]{36}\b/g, redactedMarker),
		redacts: [{text: `npm notice using npm_${sample(36, 'npm')}`, secret: `npm_${sample(36, 'npm')}`, redacted: 'npm notice using [redacted]'}],
		keeps: ['npm_config_cache=/tmp/.npm', 'npm_lifecycle_event=build'],
	},
	{
		name: 'jwt',
		cues: ['eyJ'],
		cuesAtWordBoundary: true,
		// Three base64url parts, the header a JSON object ("eyJ" is how '{"' begins); the
		// signature may be empty (alg "none").
		redact: replacing(/(?<![\w-])eyJ[\w-]{8,4096}\.[\w-]{4,8192}\.[\w-]{0,4096}/g, redactedMarker),
		redacts: [
			{text: `session restored from ${jwt} ok`, secret: jwt, redacted: 'session restored from [redacted] ok'},
			{text: `id=eyJhbGciOiJub25lIn0.eyJ${sample(20, 'unsigned')}.`, secret: sample(20, 'unsigned'), redacted: 'id=[redacted]'},
		],
		keeps: ['eyJhbGciOiJIUzI1NiJ9 alone is a header, not a token'],
	},
	{
		name: 'huggingface-token',
		cues: ['hf_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bhf_[A-Za-z]{34}\b/g, redactedMarker),
		redacts: [{text: `huggingface-cli login --token hf_${sample(34, 'hf', letters)} --add-to-git-credential`, secret: `hf_${sample(34, 'hf', letters)}`}],
		keeps: ['hf_transfer enabled'],
	},
	{
		name: 'openai-api-key',
		cues: ['sk-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bsk-(?:proj|svcacct|admin)-[\w-]{20,255}|\bsk-[A-Za-z\d]{20}T3BlbkFJ[A-Za-z\d]{20}\b/g, redactedMarker),
		redacts: [
			{text: `Incorrect API key provided: sk-proj-${sample(64, 'openai')}.`, secret: `sk-proj-${sample(64, 'openai')}`},
			{text: `sk-${sample(20, 'legacy-1')}T3BlbkFJ${sample(20, 'legacy-2')}`, secret: sample(20, 'legacy-2'), redacted: '[redacted]'},
		],
		keeps: ['disk-proj-usage'],
	},
	{
		name: 'anthropic-api-key',
		cues: ['sk-ant-'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bsk-ant-[a-z]{3,5}\d{2}-[\w-]{20,255}/g, redactedMarker),
		redacts: [{text: `x-api-key header: sk-ant-api03-${sample(93, 'anthropic')}AA`, secret: sample(93, 'anthropic')}],
	},
	{
		name: 'docker-hub-token',
		cues: ['dckr_pat_', 'dckr_oat_'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bdckr_(?:pat|oat)_[\w-]{20,255}/g, redactedMarker),
		redacts: [{text: `echo dckr_pat_${sample(27, 'docker-hub')} | docker login -u app --password-stdin`, secret: `dckr_pat_${sample(27, 'docker-hub')}`, redacted: 'echo [redacted] | docker login -u app --password-stdin'}],
	},
	{
		name: 'pypi-token',
		cues: ['pypi-AgE'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bpypi-AgE[\w-]{50,512}/g, redactedMarker),
		redacts: [{text: `twine upload -p pypi-AgEIcHlwaS5vcmc${sample(60, 'pypi')} dist/*`, secret: sample(60, 'pypi'), redacted: 'twine upload -p [redacted] dist/*'}],
	},
	{
		name: 'vault-token',
		// A Vault dev server prints its root token in its log.
		cues: ['hvs.', 'hvb.', 'hvr.'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bhv[sbr]\.[\w-]{24,255}/g, redactedMarker),
		redacts: [{text: `Root Token: hvs.${sample(24, 'vault')}`, secret: `hvs.${sample(24, 'vault')}`, redacted: 'Root Token: [redacted]'}],
		keeps: ['loaded hvs.conf'],
	},
	{
		name: 'sendgrid-key',
		cues: ['SG.'],
		cuesAtWordBoundary: true,
		redact: replacing(/\bSG\.[\w-]{22}\.[\w-]{43}\b/g, redactedMarker),
		redacts: [{text: `mailer: SG.${sample(22, 'sendgrid-1')}.${sample(43, 'sendgrid-2')} rejected`, secret: sample(43, 'sendgrid-2'), redacted: 'mailer: [redacted] rejected'}],
		keeps: ['SG.Small'],
	},
	{
		name: 'credential-flag',
		cues: ['pass', 'pwd', 'secret', 'cred', 'token', 'key', 'cookie'],
		anyCaseCues: true,
		redact: replacing(flagWithValue, (match, flag = '', separator = '', value = '') => (isCredentialFlag(flag) && isCredentialValue(value) ? `${flag}${separator}${redactedMarker}` : match)),
		redacts: [
			{text: 'mysqld --password=hunter2 --user=root', secret: 'hunter2', redacted: 'mysqld --password=[redacted] --user=root'},
			{text: 'cli --token tok-123456 --verbose', secret: 'tok-123456', redacted: 'cli --token [redacted] --verbose'},
			{text: 'app --db-password \'hunter 2\' --port 1', secret: 'hunter 2', redacted: 'app --db-password [redacted] --port 1'},
			{text: 'run --api-key sk-123456 now', secret: 'sk-123456', redacted: 'run --api-key [redacted] now'},
		],
		keeps: ['llm --max-tokens 4096 --temperature 0', 'gh auth login --token $GITHUB_TOKEN', 'docker login -u app --password-stdin registry.example.com', 'running in no-password mode'],
	},
	{
		name: 'credential-assignment',
		// NAME=value, name: value, "name": "value". A name that says credential (credentialName)
		// redacts any real value; one that only hints at it (AUTH_METHOD=trust and session=42 are
		// settings) redacts a value that looks generated: long, mixed, of high entropy.
		cues: credentialNameCues,
		anyCaseCues: true,
		redact: redactAssignments,
		redacts: [
			{text: 'PGPASSWORD=hunter2 psql -h db', secret: 'hunter2', redacted: 'PGPASSWORD=[redacted] psql -h db'},
			{text: `aws_secret_access_key = ${sample(40, 'credentials-file', base64)}`, secret: sample(40, 'credentials-file', base64), redacted: 'aws_secret_access_key = [redacted]'},
			{text: '{"level":"info","password":"hunter2","user":"app"}', secret: 'hunter2', redacted: '{"level":"info","password":"[redacted]","user":"app"}'},
			{text: 'GET /login?access_token=abcdef123&x=1', secret: 'abcdef123', redacted: 'GET /login?access_token=[redacted]&x=1'},
			{text: 'spring.datasource.password=s3cr3t-pw', secret: 's3cr3t-pw', redacted: 'spring.datasource.password=[redacted]'},
			{text: 'Server=db;User Id=sa;Password=Str0ng!pw;', secret: 'Str0ng!pw', redacted: 'Server=db;User Id=sa;Password=[redacted];'},
			{text: 'Driver={ODBC Driver 18};Server=db;UID=sa;PWD=Str0ng!pw2;', secret: 'Str0ng!pw2', redacted: 'Driver={ODBC Driver 18};Server=db;UID=sa;PWD=[redacted];'},
			{text: 'x-api-key: sk_1234567890', secret: 'sk_1234567890', redacted: 'x-api-key: [redacted]'},
			{text: `client-key-data: LS0tLS1CRUdJTi${sample(40, 'kubeconfig', base64)}`, secret: 'LS0tLS1CRUdJTi', redacted: 'client-key-data: [redacted]'},
			{text: 'RABBITMQ_DEFAULT_PASS=guest-pw', secret: 'guest-pw', redacted: 'RABBITMQ_DEFAULT_PASS=[redacted]'},
			{text: `GET /bucket/file?X-Amz-Signature=${sample(64, 'sigv4', '0123456789abcdef')}`, secret: sample(64, 'sigv4', '0123456789abcdef')},
			{text: `{"session":"${sample(32, 'session')}","user":"app"}`, secret: sample(32, 'session'), redacted: '{"session":"[redacted]","user":"app"}'},
			{text: `Cookie: PHPSESSID=${sample(32, 'cookie')}; theme=dark`, secret: sample(32, 'cookie'), redacted: 'Cookie: [redacted]; theme=dark'},
			{text: `REDIS_AUTH=${sample(24, 'redis-auth')}`, secret: sample(24, 'redis-auth'), redacted: 'REDIS_AUTH=[redacted]'},
			{text: 'RABBITMQ_ERLANG_COOKIE=SWQOKODSQALRPCLNMEQG', secret: 'SWQOKODSQALRPCLNMEQG', redacted: 'RABBITMQ_ERLANG_COOKIE=[redacted]'},
		],
		keeps: [
			'tiktoken = ">=0.5.2"',
			'langchain-openai 0.0.2 requires tiktoken==0.6.0, but you have tiktoken 0.5.2',
			'max_tokens: 4096',
			'TOKENIZERS_PARALLELISM=false',
			'password_min_length: 8',
			'token: ${GITHUB_TOKEN}',
			'api_key: <your key here>',
			'keyboard: us',
			'sort_key=created_at primary_key: id',
			'"request":"key:\\"/service/demo/leader\\" "',
			'secret_name: db-credentials',
			'PWD=/home/app/project OLDPWD=/home/app',
			'POSTGRES_HOST_AUTH_METHOD=trust',
			'auth: scram-sha-256',
			'session=42 started',
			'sig=SIGTERM received',
		],
	},
];
