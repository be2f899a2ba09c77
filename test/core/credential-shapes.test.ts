/**
 * The catalogue of credential shapes, run as data: every example of every shape is redacted by
 * the shape itself and by redactText (which runs them all behind the cue prefilter), and every
 * lookalike is left as it is.
 */
import {describe, expect, test} from 'vitest';
import {credentialName, isCredentialValue, looksGenerated} from '../../source/core/credential-names.js';
import {credentialShapes} from '../../source/core/credential-shapes.js';
import {cleanUntrustedText} from '../../source/core/clean-untrusted-text.js';
import {cuedShapes} from '../../source/core/credential-cue-search.js';
import {redactText} from '../../source/core/redact-secrets.js';

const examples = credentialShapes.flatMap(shape => shape.redacts.map(example => ({shape, ...example})));
const lookalikes = credentialShapes.flatMap(shape => (shape.keeps ?? []).map(text => ({shape, text})));

describe('every credential shape redacts its examples', () => {
	test.each(examples.map(example => [example.shape.name, example.text, example] as const))('%s: %s', (_name, _text, {shape, text, secret, redacted}) => {
		expect(secret.length).toBeGreaterThan(3);
		expect(text).toContain(secret);
		// The shape alone, so each example proves its own rule and not a neighbour's.
		expect(shape.redact(text)).not.toContain(secret);
		expect(redactText(text)).not.toContain(secret);
		if (redacted !== undefined) {
			expect(redactText(text)).toBe(redacted);
		}
	});
});

describe('no shape redacts a lookalike', () => {
	test.each(lookalikes.map(lookalike => [lookalike.shape.name, lookalike.text] as const))('%s keeps: %s', (_name, text) => {
		expect(redactText(text)).toBe(text);
	});
});

describe('the catalogue itself', () => {
	test('names are unique and kebab-case', () => {
		const names = credentialShapes.map(shape => shape.name);
		expect(new Set(names).size).toBe(names.length);
		for (const name of names) {
			expect(name).toMatch(/^[a-z\d]+(?:-[a-z\d]+)*$/);
		}
	});

	test('every shape has cues, and each example holds one of its own', () => {
		for (const shape of credentialShapes) {
			expect(shape.cues.length).toBeGreaterThan(0);
			for (const {text} of shape.redacts) {
				const haystack = shape.anyCaseCues ? text.toLowerCase() : text;
				expect(shape.cues.some(cue => haystack.includes(shape.anyCaseCues ? cue.toLowerCase() : cue))).toBe(true);
			}
		}
	});

	// The search for cues is what lets a shape run at all: each example must be found by it.
	test('the search for cues finds every example\'s own shape', () => {
		for (const {shape, text} of examples) {
			expect(cuedShapes(text)?.[credentialShapes.indexOf(shape)], `${shape.name}: ${text}`).toBe(true);
		}
	});

	test('a plain log line holds no cue at all', () => {
		for (const line of ['2026-11-22 16:01:02 UTC [42] LOG:  database system is ready to accept connections', '172.18.0.5 - - "GET /health HTTP/1.1" 200 2', 'ModuleNotFoundError: No module named \'requests\'']) {
			expect(cuedShapes(line)).toBeUndefined();
		}
	});

	test('redacting twice changes nothing more', () => {
		for (const {text} of examples) {
			const once = redactText(text);
			expect(redactText(once)).toBe(once);
		}
	});
});

describe('invisible characters cannot hide a token', () => {
	test.each([
		['a zero-width space', '\u200B'],
		['a zero-width joiner', '\u200D'],
		['a word joiner', '\u2060'],
		['a soft hyphen', '\u00AD'],
		['a byte order mark', '\uFEFF'],
		['a tag character', '\u{E0041}'],
	])('%s inside every example', (_name, invisible) => {
		for (const {text, secret} of examples) {
			const hidden = text.replace(secret, `${secret.slice(0, 2)}${invisible}${secret.slice(2)}`);
			expect(cleanUntrustedText(hidden, {maximumLineLength: Number.POSITIVE_INFINITY})).not.toContain(secret);
		}
	});
});

describe('credentialName', () => {
	test.each([
		['POSTGRES_PASSWORD', 'credential'],
		['PGPASSWORD', 'credential'],
		['POSTGRES_PASSWORD_FILE', 'credential'],
		['GITHUB_TOKEN', 'credential'],
		['accessToken', 'credential'],
		['x-api-key', 'credential'],
		['SecretAccessKey', 'credential'],
		['SECRET_KEY_BASE', 'credential'],
		['spring.datasource.password', 'credential'],
		['RABBITMQ_DEFAULT_PASS', 'credential'],
		['GOOGLE_APPLICATION_CREDENTIALS', 'credential'],
		['client-key-data', 'credential'],
		['REDIS_AUTH', 'hint'],
		['X-Amz-Signature', 'hint'],
		['JSESSIONID', 'hint'],
		['tiktoken', undefined],
		['TOKENIZERS_PARALLELISM', undefined],
		['max_tokens', undefined],
		['TOKEN_COUNT', undefined],
		['PASSWORD_MIN_LENGTH', undefined],
		['AWS_ACCESS_KEY_ID', undefined],
		['primary_key', undefined],
		['PUBLIC_KEY', undefined],
		['KEYCLOAK_URL', undefined],
		['POSTGRES_HOST_AUTH_METHOD', undefined],
		['secretKeyRef', undefined],
	])('%s -> %s', (name, expected) => {
		expect(credentialName(name)).toBe(expected);
	});
});

describe('isCredentialValue: settings, versions and placeholders are not credentials', () => {
	test.each([
		['hunter2', true],
		['123456', true],
		['"correct horse"', true],
		['">=0.5.2"', false],
		['==0.6.0', false],
		['>=0.5.2,<0.6.0', false],
		['^1.2', false],
		['1.2.3-rc.1', false],
		['false', false],
		['${GITHUB_TOKEN}', false],
		['$PGPASSWORD', false],
		['{{ .Values.password }}', false],
		['<your token>', false],
		['***', false],
		['[redacted]', false],
		['xxxx', false],
	])('%s -> %s', (value, expected) => {
		expect(isCredentialValue(value)).toBe(expected);
	});
});

describe('looksGenerated', () => {
	test.each([
		['kP9vQ2xL7mZ4rT8wN3bY', true],
		['0f3a9c27e8b14d6a95c2e7f01b3d8a46', true],
		['550e8400-e29b-41d4-a716-446655440000', true],
		['application/json', false],
		['scram-sha-256', false],
		['created_at_timestamp', false],
		['aaaaaaaaaaaaaaaa1111', false],
	])('%s -> %s', (value, expected) => {
		expect(looksGenerated(value)).toBe(expected);
	});
});
