import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {repairMojibake} from '../../../source/core/knowledge/mojibake.js';

const root = path.join(import.meta.dirname, '..', '..', '..');
const seed = (name: string) => readFileSync(path.join(root, 'test', 'fixtures', 'seeds', name), 'utf8');

/** What an editor shows after reading UTF-8 bytes as Mac Roman or Latin-1 and saving again. */
function doubleEncode(text: string, encoding: 'macintosh' | 'latin1'): string {
	const bytes = new TextEncoder().encode(text);
	return encoding === 'latin1' ? Buffer.from(bytes).toString('latin1') : new TextDecoder(encoding).decode(bytes);
}

describe('repairMojibake', () => {
	it('repairs the seed blocker log that was read as Mac Roman', () => {
		const result = repairMojibake(seed('000_4dbef6ab6f5f7749.txt'));
		const lines = result.text.split('\n');
		expect(lines[4]).toBe('## 🟢 Status: No Active Blockers ✅');
		expect(lines[16]).toBe('**Severity**: 🟡 Medium  ');
		expect(lines[42]).toBe('1. ✅ **Tried**: Restarting container - didn\'t resolve issue');
		expect(lines[116]).toBe('**Severity**: 🔴 Critical / 🟡 High / 🟢 Medium / ⚪ Low  ');
		expect(result.text).not.toMatch(/üü|‚úÖ|‚ùå|\uF8FF/);
		expect(result.repaired).toBe(19);
	});

	it('ships the repaired copy and nothing else changed', () => {
		const shipped = readFileSync(path.join(root, 'knowledge', 'localstack-blockers.md'), 'utf8');
		expect(shipped).toBe(repairMojibake(seed('000_4dbef6ab6f5f7749.txt')).text);
	});

	it.each([
		'001_48a958288d69486d.txt',
		'002_428bfbd58a5622c9.txt',
		'003_097a7738add9d4e2.txt',
		'004_6b41ca46b37b4600.txt',
	])('leaves the correctly encoded seed %s unchanged', name => {
		const text = seed(name);
		expect(repairMojibake(text)).toEqual({text, repaired: 0});
	});

	it.each([
		['macintosh', 'Status: 🟢 Resolved ✅, café, naïve, Grüße, 50 €, “quoted” — done'],
		['latin1', 'Status: 🟢 Resolved ✅, it’s a café, naïve, Grüße, 50 €, “quoted” — done'],
	] as const)('reverses UTF-8 read as %s', (encoding, original) => {
		const broken = doubleEncode(original, encoding);
		expect(broken).not.toBe(original);
		expect(repairMojibake(broken).text).toBe(original);
	});

	it('reverses UTF-8 read as Windows-1252', () => {
		expect(repairMojibake('Itâ€™s âœ… done, cafÃ© â€” â€œokâ€\u009D').text).toBe('It’s ✅ done, café — “ok”');
	});

	it('repairs text that was double-encoded twice', () => {
		const twice = doubleEncode(doubleEncode('✅ done', 'latin1'), 'latin1');
		expect(repairMojibake(twice).text).toBe('✅ done');
	});

	it('leaves correct text with accents, dashes and emoji alone', () => {
		const text = 'café —école, naïve Grüße ß, ©2025 ±5 µs, ✅ 🟢 ⚠️ →, Ελληνικά, 日本語';
		expect(repairMojibake(text)).toEqual({text, repaired: 0});
	});

	it('repairs only the broken part of a line that also holds correct text', () => {
		expect(repairMojibake('✅ fixed and ‚úÖ verified — café').text).toBe('✅ fixed and ✅ verified — café');
	});
});
