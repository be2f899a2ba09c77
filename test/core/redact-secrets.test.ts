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
});
