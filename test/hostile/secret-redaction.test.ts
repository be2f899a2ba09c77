/**
 * Credentials in the shapes they really take in container environments, command lines, logs and
 * health output. Each row names a secret that must not survive redaction; where the form of the
 * redacted text is settled the row asserts it exactly.
 */
import {describe, expect, test} from 'vitest';
import {containerFromInspect} from '../../source/adapters/container-from-inspect.js';
import type {InspectAnswer} from '../../source/adapters/engine-answers.js';
import {isSecretName, redactAll, redactEnvironment, redactText, secretValues} from '../../source/core/redact-secrets.js';

describe('variable names that say "credential"', () => {
	test.each([
		'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'db_password', 'PGPASSWORD', 'REDIS_PASSWD',
		'GITHUB_TOKEN', 'access_token', 'NPM_TOKEN', 'CLIENT_SECRET', 'AWS_SECRET_ACCESS_KEY', 'JWT_SECRET',
		'API_KEY', 'STRIPE_KEY', 'SSH_PRIVATE_KEY', 'ENCRYPTION_KEY', 'SIGNING_KEY', 'OPENAI_API_KEY',
	])('%s is a secret name', name => {
		expect(isSecretName(name)).toBe(true);
	});

	test.each(['POSTGRES_USER', 'PATH', 'HOME', 'KEYCLOAK_URL', 'MONKEY_MODE', 'TOKENIZERS_PARALLELISM', 'tiktoken', 'max_tokens', 'PASSWORD_MIN_LENGTH'])('%s is not', name => {
		expect(isSecretName(name)).toBe(false);
	});
});

describe('redactText: the secret is gone, the rest still reads', () => {
	test.each([
		['a URL password', 'postgres://app:s3cr3t-pw@db:5432/app', 'postgres://app:[redacted]@db:5432/app'],
		['a URL password with percent-escapes', 'https://user:pa%2Fss%40w@host/x', 'https://user:[redacted]@host/x'],
		['an AMQP URL', 'amqp://guest:guest-pw@rabbit:5672//', 'amqp://guest:[redacted]@rabbit:5672//'],
		['a Bearer token', 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig', 'Authorization: Bearer [redacted]'],
		['Basic credentials', 'Authorization: Basic dXNlcjpodW50ZXIy', 'Authorization: Basic [redacted]'],
		['--password=value', 'mysqld --password=hunter2 --user=root', 'mysqld --password=[redacted] --user=root'],
		['--token value', 'cli --token tok-123456 --verbose', 'cli --token [redacted] --verbose'],
		['--db-password in quotes', 'app --db-password \'hunter 2\' --port 1', 'app --db-password [redacted] --port 1'],
		['an assignment in a shell line', 'PGPASSWORD=hunter2 psql -h db', 'PGPASSWORD=[redacted] psql -h db'],
		['a quoted export', 'export AWS_SECRET_ACCESS_KEY="abc def"', 'export AWS_SECRET_ACCESS_KEY=[redacted]'],
		['a query string token', 'GET /login?access_token=abcdef123&x=1', 'GET /login?access_token=[redacted]&x=1'],
		['YAML-style password', 'password: hunter2', 'password: [redacted]'],
		['a header named for a key', 'x-api-key: sk_live_1234567890', 'x-api-key: [redacted]'],
	])('%s', (_name, input, expected) => {
		expect(redactText(input)).toBe(expected);
	});

	test.each([
		['a URL password holding "@" (not percent-escaped)', 'postgres://app:pa55@w0rd@db:5432/app', 'w0rd'],
		['a URL password holding "/" (base64 passwords do)', 'redis://:abc/def+ghi=@cache:6379', 'abc/def+ghi='],
		['a JSON log line', '{"level":"info","password":"hunter2","user":"app"}', 'hunter2'],
		['JSON with a space after the colon', '{"password": "hunter2"}', 'hunter2'],
		['a lower-case bearer token', 'authorization: bearer eyJhbGciOiJIUzI1NiJ9', 'eyJhbGciOiJIUzI1NiJ9'],
	])('%s leaves no trace of the secret', (_name, input, secret) => {
		expect(redactText(input)).not.toContain(secret);
	});

	test('a private key block, whole', () => {
		const key = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU\nAAAAtzc2gtZW\n-----END OPENSSH PRIVATE KEY-----';
		expect(redactText(`key:\n${key}\ndone`)).toBe('key:\n-----BEGIN OPENSSH PRIVATE KEY----- [redacted] -----END OPENSSH PRIVATE KEY-----\ndone');
	});

	test('ordinary error text is left alone', () => {
		for (const text of [
			'FATAL:  password authentication failed for user "app"',
			'Error: EACCES: permission denied, open \'/app/.next/trace\'',
			'token expired, requesting a new one',
			'secret rotation is disabled',
		]) {
			expect(redactText(text)).toBe(text);
		}
	});
});

describe('known secret values are redacted wherever they are echoed', () => {
	test('a password from the environment, in a log line, an error and a URL', () => {
		const values = secretValues(['POSTGRES_PASSWORD=Zq8-hunter2-Lm', 'DATABASE_URL=postgres://app:url-pw-9@db/app']);
		expect(redactAll('auth with Zq8-hunter2-Lm failed; url-pw-9 rejected', values)).toBe('auth with [redacted] failed; [redacted] rejected');
	});

	test('the environment as shown', () => {
		expect(redactEnvironment(['POSTGRES_PASSWORD=hunter2', 'DATABASE_URL=postgres://app:pw-1@db/app', 'POSTGRES_USER=app']))
			.toEqual(['POSTGRES_PASSWORD=[redacted]', 'DATABASE_URL=postgres://app:[redacted]@db/app', 'POSTGRES_USER=app']);
	});
});

describe('what a container snapshot keeps', () => {
	const secret = 'Kf93-not-in-env-secret';
	const environmentSecret = 'Zq8-hunter2-Lm';
	const inspect: InspectAnswer = {
		Id: 'abc',
		Name: '/db',
		Config: {
			Image: 'postgres:16',
			Env: [`POSTGRES_PASSWORD=${environmentSecret}`, 'POSTGRES_USER=app'],
			Cmd: ['postgres', '--password', secret],
			Healthcheck: {Test: ['CMD', 'pg_isready', '--password', secret]},
		},
		State: {Status: 'exited', ExitCode: 1, Error: `start failed: --password ${environmentSecret}`},
	};

	test('the environment secret is redacted everywhere: env, engine error, logs', () => {
		const snapshot = containerFromInspect(inspect, {logs: {truncated: false, lines: [{stream: 'stderr', text: `connecting with ${environmentSecret}`}]}});
		expect(JSON.stringify(snapshot)).not.toContain(environmentSecret);
	});

	test('a password passed as two arguments ("--password", value) is redacted in the command and the health check', () => {
		const snapshot = containerFromInspect(inspect);
		expect(snapshot.command).not.toContain(secret);
		expect(snapshot.health?.test ?? []).not.toContain(secret);
		expect(JSON.stringify(snapshot)).not.toContain(secret);
	});

	test('a private key written over several log lines leaves none of its lines', () => {
		const lines = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEpAIBAAKCAQEAsecretkeybody1', 'c2VjcmV0a2V5Ym9keTI=', '-----END RSA PRIVATE KEY-----', 'server started']
			.map(text => ({stream: 'stdout' as const, text}));
		const snapshot = containerFromInspect(inspect, {logs: {truncated: false, lines}});
		const text = snapshot.logs?.lines.map(line => line.text).join('\n') ?? '';
		expect(text).not.toContain('MIIEpAIBAAKCAQEAsecretkeybody1');
		expect(text).not.toContain('c2VjcmV0a2V5Ym9keTI=');
		expect(text).toContain('server started');
	});
});
