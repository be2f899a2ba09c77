import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import type {Plugin} from 'esbuild';
import {describe, expect, test} from 'vitest';
import {bundlePlugins} from '../../scripts/bundle-plugins.mjs';
import {bundleInMemory} from '../support/bundle-in-memory.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const scratch = useScratchDirectory('string-width-patch-');

/** Narrow text, RGI emoji (single, modified, ZWJ sequence, flag, keycap), wide and combining text. */
const texts = ['plain', 'Scanning the Docker engine…', '👍', '👍🏽', '👩‍👩‍👧', '🇫🇷', '1️⃣', '漢字', 'é', '⚠️ warning', '☺', 'a\u0301b'];

/** string-width as the build bundles it (or without its plugins), measuring each text in a child. */
async function widths(name: string, plugins: Plugin[]): Promise<{widths: number[]; lazy: boolean}> {
	const text = await bundleInMemory(`import stringWidth from 'string-width';\nconsole.log(JSON.stringify(${JSON.stringify(texts)}.map(text => stringWidth(text))));`, path.join(import.meta.dirname, '../../node_modules/ink'), plugins);
	const file = path.join(scratch.root(), `${name}.mjs`);
	writeFileSync(file, text);
	const child = spawnSync(process.execPath, [file], {encoding: 'utf8'});
	expect(child.stderr).toBe('');
	return {widths: JSON.parse(child.stdout) as number[], lazy: text.includes('rgiEmojiRegexMade ??=')};
}

describe('the bundle\'s patch of string-width', () => {
	test('makes its emoji pattern on first use, and measures every text as the library does', async () => {
		const patched = await widths('patched', bundlePlugins);
		const original = await widths('original', []);
		expect([patched.lazy, original.lazy]).toEqual([true, false]);
		expect(patched.widths).toEqual(original.widths);
		expect(patched.widths[texts.indexOf('👩‍👩‍👧')]).toBe(2);
	});
});
