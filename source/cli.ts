#!/usr/bin/env node
import path from 'node:path';
import packageJson from '../package.json' with {type: 'json'};
import {helpText} from './cli-help.js';

/**
 * The bin. `unblock --version` and `--help` need nothing else. The commands that need neither the
 * engine nor a terminal UI (search, playbooks, lint) run from one CommonJS file, which Node
 * loads faster than the chunks of the ES module build, and V8's code cache faster still;
 * everything else runs from that build, whose cli-main handles every command. A command line that does not parse goes to the light program,
 * which reports it as any program would. build.mjs makes this file and the light program CommonJS.
 */
const lightCommands: ReadonlySet<string | undefined> = new Set(['search', 'playbooks', 'lint']);

const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
	process.stdout.write(`${packageJson.version}\n`);
} else if (argv.length === 1 && argv[0] === '--help') {
	process.stdout.write(`${helpText}\n`);
} else if (isLight(argv)) {
	// Through V8's code cache, which the build wrote for it (adapters/cached-script.ts).
	const {runCachedScript} = require('./adapters/cached-script.js') as typeof import('./adapters/cached-script.js');
	runCachedScript(path.join(__dirname, 'light-commands.js'));
} else {
	void import('./cli-main.js');
}

function isLight(args: readonly string[]): boolean {
	// Required here, not imported above: the bundle evaluates imports first, and --version need not parse.
	const {parseCliArguments} = require('./cli-arguments.js') as typeof import('./cli-arguments.js');
	try {
		return lightCommands.has(parseCliArguments(args).command);
	} catch {
		return true;
	}
}
