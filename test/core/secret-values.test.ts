import {expect, test} from 'vitest';
import {SecretValues} from '../../source/core/secret-values.js';

test('secret values are kept for redaction but never serialise', () => {
	const secrets = new SecretValues(['hunter2', 'hunter2-long', '', 'hunter2']);
	expect(secrets.values()).toEqual(['hunter2-long', 'hunter2']);
	expect(JSON.stringify({secrets})).toBe('{"secrets":"[redacted]"}');
	expect(`${String(secrets)}`).toBe('[redacted]');
});
