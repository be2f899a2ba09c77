import {styledCharsFromTokens, styledCharsToString, tokenize} from '@alcalzone/ansi-tokenize';
import {build} from 'esbuild';
import {describe, expect, test} from 'vitest';
import {bundlePlugins} from '../../scripts/bundle-plugins.mjs';

type Library = {styledCharsFromTokens: typeof styledCharsFromTokens; styledCharsToString: typeof styledCharsToString; tokenize: typeof tokenize};

/** ansi-tokenize as the bundle has it: with the build's patch, which skips the styles diff between neighbours styled alike. */
async function patchedLibrary(): Promise<Library> {
	const result = await build({
		stdin: {contents: 'export {styledCharsFromTokens, styledCharsToString, tokenize} from \'@alcalzone/ansi-tokenize\';', resolveDir: import.meta.dirname},
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		plugins: bundlePlugins,
		logLevel: 'silent',
	});
	const code = result.outputFiles[0]!.text;
	expect(code).toContain('sameStyles');
	return await import(`data:text/javascript,${encodeURIComponent(code)}`) as Library;
}

const codes = ['\u001B[1m', '\u001B[2m', '\u001B[22m', '\u001B[3m', '\u001B[4m', '\u001B[24m', '\u001B[31m', '\u001B[32m', '\u001B[36m', '\u001B[39m', '\u001B[41m', '\u001B[49m', '\u001B[0m', '\u001B[7m', '\u001B[27m'];

/** Lines of text with colour and style codes among the characters, the same ones every run. */
function styledLines(count: number): string[] {
	let seed = 20_261_207;
	const next = (below: number) => {
		seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
		return seed % below;
	};

	return Array.from({length: count}, () => {
		let line = '';
		for (let length = next(60); length > 0; length--) {
			line += next(4) === 0 ? codes[next(codes.length)]! : 'ab ·─✓'[next(6)]!;
		}

		return line;
	});
}

describe('the bundle\'s patch of ansi-tokenize', () => {
	test('turns styled characters into the same text as the library does', async () => {
		const patched = await patchedLibrary();
		const lines = [...styledLines(2000), '', 'plain text', '\u001B[36m⠋\u001B[39m Scanning the Docker engine…', '\u001B[1m\u001B[2mbold dim\u001B[22m plain'];
		for (const line of lines) {
			const chars = styledCharsFromTokens(tokenize(line));
			expect(patched.styledCharsToString(patched.styledCharsFromTokens(patched.tokenize(line)))).toBe(styledCharsToString(chars));
		}
	});
});
