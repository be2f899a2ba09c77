import {spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {build, type Plugin} from 'esbuild';
import {describe, expect, test} from 'vitest';
import {bundlePlugins} from '../../scripts/bundle-plugins.mjs';
import {useScratchDirectory} from '../support/scratch-directory.js';

const scratch = useScratchDirectory('lazy-builtins-patch-');

/** What the child reports: which of Node's modules the libraries loaded as they were imported, terminal-size's answer, and what signal-exit does with a callback and without one. */
const probe = `
import terminalSize from 'terminal-size';
import onExit from 'signal-exit';
const loaded = ['child_process', 'assert'].filter(name => process.moduleLoadList.includes('NativeModule ' + name));
const size = terminalSize();
const remove = onExit(() => {});
let refused;
try {
	onExit('not a function');
} catch (error) {
	refused = {name: error.name, message: error.message};
}
remove();
console.log(JSON.stringify({size, removes: typeof remove, refused, loaded}));
`;

/** terminal-size and signal-exit (v3, as Ink has it) bundled as the build bundles them, with or without its plugins, run in a child without a terminal. */
async function run(name: string, plugins: Plugin[]): Promise<{size: unknown; removes: string; refused: unknown; loaded: string[]}> {
	const result = await build({
		stdin: {contents: probe, resolveDir: path.join(import.meta.dirname, '../../node_modules/ink')},
		bundle: true,
		format: 'esm',
		platform: 'node',
		write: false,
		banner: {js: 'import {createRequire as __unblockRequire} from \'node:module\'; const require = __unblockRequire(import.meta.url);'},
		plugins,
		logLevel: 'silent',
	});
	const file = path.join(scratch.root(), `${name}.mjs`);
	writeFileSync(file, result.outputFiles[0]!.text);
	const child = spawnSync(process.execPath, [file], {encoding: 'utf8', env: {...process.env, COLUMNS: '', LINES: ''}});
	expect(child.stderr).toBe('');
	return JSON.parse(child.stdout) as {size: unknown; removes: string; refused: unknown; loaded: string[]};
}

describe('the bundle\'s patches of terminal-size and signal-exit', () => {
	test('load neither child_process nor assert as they are imported, and answer as the libraries do', async () => {
		const patched = await run('patched', bundlePlugins);
		const original = await run('original', []);
		expect(patched.loaded).toEqual([]);
		expect(original.loaded).toEqual(['child_process', 'assert']);
		expect(patched).toEqual({...original, loaded: []});
		expect(patched.removes).toBe('function');
		expect(patched.refused).toEqual({name: 'AssertionError', message: 'a callback must be provided for exit handler'});
	});
});
