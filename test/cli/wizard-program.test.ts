/**
 * `unblock` in a terminal runs the wizard from dist/wizard.js through the V8 code cache the build
 * wrote after drawing a first frame: this Node takes that cache. A copy of dist/ whose cache is
 * missing, stale (the program edited in place) or made for another V8 starts the wizard from the
 * ES modules instead; one whose cache V8 refuses (bytes it cannot read) compiles the program. Each
 * draws the same first frame and scans. The terminal is util-linux `script`, as in the benchmark;
 * a module hook names the ES module program when it loads.
 */
import {spawn, spawnSync} from 'node:child_process';
import {cpSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {stripVTControlCharacters} from 'node:util';
import {describe, expect, test} from 'vitest';
import {compileCachedScript} from '../../source/adapters/cached-script.js';
import {codeCacheVariants} from '../support/code-cache-variants.js';
import {cliPath} from '../support/run-cli.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const dist = path.dirname(cliPath);
const hasScript = spawnSync('script', ['--version'], {encoding: 'utf8'}).status === 0;

/** A module hook that says when the ES module program loads, in a file of `directory`: node's `--import` for it. */
function moduleHook(directory: string): string {
	// On the hooks' own thread: straight to the descriptor, which no exit of the program's outruns.
	writeFileSync(path.join(directory, 'hooks.mjs'), `import {writeSync} from 'node:fs';
export async function load(url, context, next) {
	if (url.endsWith('/dist/cli-main.mjs')) writeSync(2, '[loaded] cli-main.mjs\\n');
	return next(url, context);
}
`);
	writeFileSync(path.join(directory, 'register.mjs'), 'import {register} from \'node:module\';\nregister(\'./hooks.mjs\', import.meta.url);\n');
	return pathToFileURL(path.join(directory, 'register.mjs')).href;
}

/** The screen text once the scan ended (no engine answers at the socket these runs are given), or what came before the process ended. */
async function firstScreens(cli: string, hook: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30 2>/dev/null; exec '${process.execPath}' --import '${hook}' '${cli}'`, '/dev/null'], {
			stdio: ['pipe', 'pipe', 'pipe'],
			detached: true,
			env: {...process.env, CI: undefined, TERM: 'xterm-256color', DOCKER_HOST: 'unix:///nonexistent/docker.sock'},
		});
		let output = '';
		const stop = () => {
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// It has ended already.
			}
		};

		const timer = setTimeout(stop, 30_000);
		child.stdout.on('data', (chunk: Buffer) => {
			output += stripVTControlCharacters(chunk.toString('utf8'));
			if (output.includes('Scanning the Docker engine') && output.includes('No Docker engine')) {
				stop();
			}
		});
		child.on('error', reject);
		child.on('close', () => {
			clearTimeout(timer);
			child.stdin.destroy();
			resolve(output);
		});
	});
}

describe('the wizard\'s program', () => {
	const scratch = useScratchDirectory('unblock-wizard-program-');
	const copyOfDist = (name: string) => {
		const copy = path.join(scratch.root(), name, 'dist');
		cpSync(dist, copy, {recursive: true});
		return copy;
	};

	test('this Node takes the code cache the build wrote for it', () => {
		expect(compileCachedScript(path.join(dist, 'wizard.js')).cache).toBe('accepted');
	});

	test('its bundles are ASCII, read as one byte a character', () => {
		for (const program of ['cli.js', 'light-commands.js', 'light-parsers.js', 'wizard.js']) {
			expect([program, /^[\0-\u007F]*$/.test(readFileSync(path.join(dist, program), 'latin1'))]).toEqual([program, true]);
		}
	});

	test.skipIf(!hasScript).each(codeCacheVariants('wizard.js'))('%s, it draws the first frame and scans', async (name, use, change) => {
		const copy = copyOfDist(name.replaceAll(' ', '-'));
		change(copy);
		expect(compileCachedScript(path.join(copy, 'wizard.js')).cache).toBe(use);
		const screens = await firstScreens(path.join(copy, 'cli.js'), moduleHook(path.dirname(copy)));
		expect(screens).toContain('Scanning the Docker engine');
		expect(screens).toContain('No Docker engine: Docker is not reachable at unix:///nonexistent/docker.sock');
		expect(screens.includes('[loaded] cli-main.mjs')).toBe(['absent', 'stale', 'other-v8'].includes(use));
	}, 60_000);
});
