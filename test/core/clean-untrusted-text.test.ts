import {describe, expect, it} from 'vitest';
import {cleanUntrustedText} from '../../source/core/clean-untrusted-text.js';

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
