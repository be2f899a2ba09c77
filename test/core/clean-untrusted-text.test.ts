import {describe, expect, it} from 'vitest';
import {cleanUntrustedLines, cleanUntrustedText} from '../../source/core/clean-untrusted-text.js';

describe('cleanUntrustedText', () => {
	it('neutralises, redacts and caps each line', () => {
		expect(cleanUntrustedText('\u001B[31mpassword=hunter22\u001B[0m\nok', {maximumLineLength: 40})).toBe('password=[redacted]\nok');
	});

	// Capping first kept "hunt…" and "s3cr3t-p…": the cut value no longer matched what redaction looks for.
	it('redacts a known secret before a long line is cut through it (regression)', () => {
		const line = `${'x'.repeat(30)} connecting as hunter2-secret-value now`;
		expect(cleanUntrustedText(line, {secrets: ['hunter2-secret-value'], maximumLineLength: 50})).toBe(`${'x'.repeat(30)} connecting as [red…`);
	});

	it('redacts the password of a URL whose "@" falls past the cut (regression)', () => {
		const line = `${'x'.repeat(20)} postgres://app:s3cr3t-password@db:5432/app`;
		expect(cleanUntrustedText(line, {maximumLineLength: 45})).toBe(`${'x'.repeat(20)} postgres://app:[redacte…`);
	});
});

describe('cleanUntrustedLines', () => {
	const lines = [
		'plain line',
		'red\u001B',
		'[31mtext',
		'login hun\u001B[0mter2 ok',
		'pass hunter\u00852 ok',
		'pass hunter\u202E2 ok',
		'Authorization: \u001B[1mBearer\u001B[0m abcdefgh12345',
		'url postgres://app:hunter2@db/app',
		'both hunter2-long and hunter2',
		'a zero\u200Bwidth space goes',
		'login hun\u200Bter2 ok',
		'line\r',
		'\u009B2Jcleared',
		'',
	];
	const options = {secrets: ['hunter2-long', 'hunter2'], maximumLineLength: 1000};

	it('neutralises each line before redacting it, so controls cannot hide a secret', () => {
		expect(cleanUntrustedLines(lines, options)).toEqual([
			'plain line',
			'red',
			'[31mtext',
			'login [redacted] ok',
			'pass [redacted] ok',
			'pass [redacted] ok',
			'Authorization: Bearer [redacted]',
			'url postgres://app:[redacted]@db/app',
			'both [redacted] and [redacted]',
			'a zerowidth space goes',
			'login [redacted] ok',
			'line^M',
			'cleared',
			'',
		]);
	});

	// Lines are neutralised once; cleanUntrustedText neutralises again, which must change nothing.
	it('cleans each line as cleanUntrustedText cleans it alone', () => {
		expect(cleanUntrustedLines(lines, options)).toEqual(lines.map(line => cleanUntrustedText(line, options)));
		expect(cleanUntrustedLines(lines, {maximumLineLength: 12})).toEqual(lines.map(line => cleanUntrustedText(line, {maximumLineLength: 12})));
	});

	it('redacts the body of a private key written over several lines', () => {
		expect(cleanUntrustedLines(['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkq', '-----END PRIVATE KEY-----', 'ready'])).toEqual([
			'-----BEGIN PRIVATE KEY----- [redacted]',
			'[redacted]',
			'-----END PRIVATE KEY-----',
			'ready',
		]);
	});
});
