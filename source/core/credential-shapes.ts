/**
 * The shapes credentials take in container logs, environments and command output, as data. Each
 * shape has a name, the literal text it cannot match without (its cues: a line holding none of
 * them skips it), how it redacts, and examples the tests run: text it must redact, and lookalikes
 * it must leave alone. Chosen against gitleaks' and trufflehog's rule sets for what a local
 * Docker stack prints; where a choice is not obvious the rule says why.
 */

import {credentialNameCues, flagWithValue, isCredentialFlag, isCredentialValue, looksGenerated, redactAssignments} from './credential-names.js';
import {base64, jwt, githubToken, redactedMarker, replacing, sample, type CredentialExamples, type CredentialShape} from './credential-shape-kit.js';
import {providerTokenShapes} from './provider-token-shapes.js';

export type {CredentialExample, CredentialShape} from './credential-shape-kit.js';

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
		get redacts(): CredentialExamples {
			return [
				{text: `key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIE${sample(60, 'rsa')}\n-----END RSA PRIVATE KEY-----\ndone`, secret: 'MIIE', redacted: 'key:\n-----BEGIN RSA PRIVATE KEY----- [redacted] -----END RSA PRIVATE KEY-----\ndone'},
				{text: `-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA${sample(40, 'openssh')}`, secret: 'b3BlbnNzaC1rZXktdjEAAAAA', redacted: '-----BEGIN OPENSSH PRIVATE KEY----- [redacted]'},
				{text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGX${sample(50, 'pgp', base64)}\n-----END PGP PRIVATE KEY BLOCK-----`, secret: 'lQOYBGX', redacted: '-----BEGIN PGP PRIVATE KEY BLOCK----- [redacted] -----END PGP PRIVATE KEY BLOCK-----'},
			];
		},
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
		get redacts(): CredentialExamples {
			return [
				{text: `git clone https://${githubToken}@github.com/org/repo failed`, secret: githubToken, redacted: 'git clone https://[redacted]@github.com/org/repo failed'},
				{text: 'connecting to redis://default:pa55word@cache:6379/0', secret: 'pa55word', redacted: 'connecting to redis://default:[redacted]@cache:6379/0'},
				{text: 'amqp://guest:guest-pw@rabbit:5672//', secret: 'guest-pw', redacted: 'amqp://guest:[redacted]@rabbit:5672//'},
				{text: 'postgres://app:pa55@w0rd/x@db:5432/app', secret: 'w0rd', redacted: 'postgres://app:[redacted]@db:5432/app'},
				{text: 'redis://:abc/def+ghi=@cache:6379', secret: 'abc/def+ghi=', redacted: 'redis://:[redacted]@cache:6379'},
				{text: `https://oauth2:${sample(26, 'deploy-token')}@gitlab.example.com/group/app.git`, secret: sample(26, 'deploy-token'), redacted: 'https://oauth2:[redacted]@gitlab.example.com/group/app.git'},
				{text: `https://${sample(40, 'classic', '0123456789abcdef')}:x-oauth-basic@github.com/org/repo`, secret: sample(40, 'classic', '0123456789abcdef'), redacted: 'https://[redacted]@github.com/org/repo'},
			];
		},
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
		get redacts(): CredentialExamples {
			return [
				{text: `Authorization: Bearer ${jwt}`, secret: jwt, redacted: 'Authorization: Bearer [redacted]'},
				{text: `curl -H "Authorization: token ${githubToken}" https://api.github.com/user`, secret: githubToken, redacted: 'curl -H "Authorization: token [redacted]" https://api.github.com/user'},
				{text: 'authorization: bearer eyJhbGciOiJIUzI1NiJ9', secret: 'eyJhbGciOiJIUzI1NiJ9', redacted: 'authorization: bearer [redacted]'},
				{text: '{"authorization":"Basic dXNlcjpodW50ZXIy"}', secret: 'dXNlcjpodW50ZXIy', redacted: '{"authorization":"Basic [redacted]"}'},
			];
		},
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
		get redacts(): CredentialExamples {
			return [
				{text: 'using Token abcdefgh12 for the registry', secret: 'abcdefgh12', redacted: 'using Token [redacted] for the registry'},
				{text: 'BEARER abcdefgh12', secret: 'abcdefgh12', redacted: 'BEARER [redacted]'},
				{text: 'retrying with Basic dXNlcjpwYXNz', secret: 'dXNlcjpwYXNz', redacted: 'retrying with Basic [redacted]'},
			];
		},
		keeps: ['Basic authentication failed for user "app"', 'Token refreshed successfully', 'TOKEN abcdefgh12', 'basic dXNlcjpwYXNzd29yZA=='],
	},
	...providerTokenShapes,
	{
		name: 'credential-flag',
		cues: ['pass', 'pwd', 'secret', 'cred', 'token', 'key', 'cookie'],
		anyCaseCues: true,
		redact: replacing(flagWithValue, (match, flag = '', separator = '', value = '') => (isCredentialFlag(flag) && isCredentialValue(value) ? `${flag}${separator}${redactedMarker}` : match)),
		get redacts(): CredentialExamples {
			return [
				{text: 'mysqld --password=hunter2 --user=root', secret: 'hunter2', redacted: 'mysqld --password=[redacted] --user=root'},
				{text: 'cli --token tok-123456 --verbose', secret: 'tok-123456', redacted: 'cli --token [redacted] --verbose'},
				{text: 'app --db-password \'hunter 2\' --port 1', secret: 'hunter 2', redacted: 'app --db-password [redacted] --port 1'},
				{text: 'run --api-key sk-123456 now', secret: 'sk-123456', redacted: 'run --api-key [redacted] now'},
			];
		},
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
		get redacts(): CredentialExamples {
			return [
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
			];
		},
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
