import {describe, expect, it} from 'vitest';
import {environmentSecretValues, isSecretName, redactAll, redactEnvironment, redactText, redactValues, secretValues} from '../../source/core/redact-secrets.js';

describe('isSecretName', () => {
	it.each([
		['POSTGRES_PASSWORD', true],
		['DB_PASSWD', true],
		['GITHUB_TOKEN', true],
		['AWS_SECRET_ACCESS_KEY', true],
		['CLIENT_SECRET_FILE', true],
		['OPENAI_API_KEY', true],
		['STRIPE_KEY', true],
		['APIKEY', true],
		['GOOGLE_APPLICATION_CREDENTIALS', true],
		['PRIVATE_KEY_PATH', true],
		['POSTGRES_USER', false],
		['PATH', false],
		['KEYCLOAK_URL', false],
		['MONKEY_MODE', false],
		['KEY', true],
		['SSH_KEY', true],
		['SIGNINGKEY', true],
		['APIKEY_FILE', true],
		['PRIVATEKEY_PATH', true],
		['db_passwd', true],
		['KEYS', false],
		['MONKEY', false],
		['KEYCHAIN', false],
	])('%s -> %s', (name, expected) => {
		expect(isSecretName(name)).toBe(expected);
	});
});

describe('redactEnvironment', () => {
	it('redacts values of secret names and credentials inside URLs, and keeps the rest', () => {
		expect(redactEnvironment([
			'POSTGRES_PASSWORD=hunter2',
			'POSTGRES_USER=app',
			'DATABASE_URL=postgres://app:s3cr3t@db:5432/app',
			'EMPTY_TOKEN=',
			'NO_EQUALS',
		])).toEqual([
			'POSTGRES_PASSWORD=[redacted]',
			'POSTGRES_USER=app',
			'DATABASE_URL=postgres://app:[redacted]@db:5432/app',
			'EMPTY_TOKEN=',
			'NO_EQUALS',
		]);
	});
});

describe('redactText', () => {
	it.each([
		['connecting to redis://default:pa55word@cache:6379/0', 'connecting to redis://default:[redacted]@cache:6379/0'],
		['Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def', 'Authorization: Bearer [redacted]'],
		['mysqld --password=topsecret --user=root', 'mysqld --password=[redacted] --user=root'],
		['cli --token abcdef123 --verbose', 'cli --token [redacted] --verbose'],
		['env: API_KEY=sk-123456 DEBUG=1', 'env: API_KEY=[redacted] DEBUG=1'],
		['password: "correct horse"', 'password: [redacted]'],
		['running in no-password mode', 'running in no-password mode'],
		['FATAL:  password authentication failed for user "app"', 'FATAL:  password authentication failed for user "app"'],
		['Error: EACCES: permission denied, open \'/app/.next/trace\'', 'Error: EACCES: permission denied, open \'/app/.next/trace\''],
	])('%s', (input, expected) => {
		expect(redactText(input)).toBe(expected);
	});

	// Each pattern only runs on text holding its cue; these sit at the edges of the cues.
	it.each([
		['Token abcdefgh12', 'Token [redacted]'],
		['TOKEN abcdefgh12', 'TOKEN abcdefgh12'],
		['BEARER abcdefgh12', 'BEARER [redacted]'],
		['Basic dXNlcjpwYXNz', 'Basic [redacted]'],
		['basic dXNlcjpwYXNzd29yZA==', 'basic dXNlcjpwYXNzd29yZA=='],
		['run --api-key sk-123456 now', 'run --api-key [redacted] now'],
		['run --apikey=sk-123456', 'run --apikey=[redacted]'],
		['run --secret-file /run/s', 'run --secret-file [redacted]'],
		['x --db-password=hunter22 y', 'x --db-password=[redacted] y'],
		['https://app:p@ss/w0rd@db:5432/app', 'https://app:[redacted]@db:5432/app'],
		['CREDENTIALS=abc123', 'CREDENTIALS=[redacted]'],
		['db_credential: "s3cr3t"', 'db_credential: [redacted]'],
		['{"apiKey":"abc123","user":"x"}', '{"apiKey":"[redacted]","user":"x"}'],
		['MY_KEY=v1 KEYS=v2 MONKEY=v3', 'MY_KEY=[redacted] KEYS=v2 MONKEY=v3'],
		['password=hunter22\nno secret here\ntoken: abc', 'password=[redacted]\nno secret here\ntoken: [redacted]'],
	])('cue edge: %s', (input, expected) => {
		expect(redactText(input)).toBe(expected);
	});

	it.each([
		'mail user@example.com',
		'https://example.com/a@b',
		'git@github.com:org/repo.git',
		'monkey business',
		'tokenizer ready',
		'keyboard: us',
		'PRIVATE KEY----- alone',
		'worker: handled batch 12 in 40 ms',
	])('leaves a line that only looks like a credential as it is: %s', input => {
		expect(redactText(input)).toBe(input);
	});

	it('redacts a whole private key block', () => {
		const text = 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY-----\ndone';
		expect(redactText(text)).toBe('key:\n-----BEGIN RSA PRIVATE KEY----- [redacted] -----END RSA PRIVATE KEY-----\ndone');
	});
});

describe('secretValues and redactValues', () => {
	it('finds the literal values of secret variables and URL passwords, longest first', () => {
		expect(secretValues(['POSTGRES_PASSWORD=hunter2', 'URL=http://u:p%40ssword@h', 'SHORT_TOKEN=abc', 'USER=app']))
			.toEqual(['p%40ssword', 'p@ssword', 'hunter2']);
	});

	it('reads them from a process environment, skipping unset names', () => {
		expect(environmentSecretValues({GITHUB_TOKEN: 'ghp_abcdef', HOME: '/home/app', API_KEY: undefined})).toEqual(['ghp_abcdef']);
	});

	it('redacts a secret value wherever a log line echoes it', () => {
		const values = secretValues(['POSTGRES_PASSWORD=hunter2']);
		expect(redactValues('connecting with hunter2 as app (hunter2)', values)).toBe('connecting with [redacted] as app ([redacted])');
		expect(redactAll('login hunter2 via https://app:other@host', values)).toBe('login [redacted] via https://app:[redacted]@host');
	});

	it('replaces a value that contains another whole, the longest first', () => {
		const values = secretValues(['A_TOKEN=hunter2', 'B_TOKEN=hunter2-long']);
		expect(values).toEqual(['hunter2-long', 'hunter2']);
		expect(redactValues('a hunter2-long b hunter2 c', values)).toBe('a [redacted] b [redacted] c');
	});

	it('replaces the values one after the other, in the order given', () => {
		expect(redactValues('a hunter2-long b', ['hunter2', 'hunter2-long'])).toBe('a [redacted]-long b');
		expect(redactValues('abcd1234wxyz', ['abcd1234', '1234wxyz'])).toBe('[redacted]wxyz');
		expect(redactValues('abcd1234wxyz', ['1234wxyz', 'abcd1234'])).toBe('abcd[redacted]');
		expect(redactValues('aaaaaaaaa', ['aaaa'])).toBe('[redacted][redacted]a');
	});

	it('matches values literally, whatever characters they hold', () => {
		expect(redactValues('a.b*c(d)[e]$1\\ and aXb*c(d)[e]$1\\', ['a.b*c(d)[e]$1\\'])).toBe('[redacted] and aXb*c(d)[e]$1\\');
		expect(redactValues('x p$&ss y $& z', ['p$&ss'])).toBe('x [redacted] y $& z');
		expect(redactValues('a x\ny b\nx', ['x\ny'])).toBe('a [redacted] b\nx');
	});

	it('leaves text shorter than every value, or with no values, as it is', () => {
		expect(redactValues('hunt', ['hunter2'])).toBe('hunt');
		expect(redactValues('hunter2', [])).toBe('hunter2');
	});
});

describe('a shell environment', () => {
	// PWD is the working directory there: taken for a password it redacted every path under it.
	it('does not take the working directory for a secret', () => {
		expect(environmentSecretValues({PWD: '/home/app/project', OLDPWD: '/home/app', MYSQL_PWD: 'Str0ng-pw'})).toEqual(['Str0ng-pw']);
	});
});
