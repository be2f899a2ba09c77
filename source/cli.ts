#!/usr/bin/env node
import path from 'node:path';
import packageJson from '../package.json' with {type: 'json'};
import {helpText} from './cli-help.js';
import {nodeChannels, standardOutput} from './adapters/standard-output.js';

/**
 * The bin. `unblock --version` and `--help` need nothing else. The commands that need neither the
 * engine nor a terminal UI (search, playbooks, lint) run from one CommonJS file, which Node
 * loads faster than the chunks of the ES module build, and V8's code cache faster still; so does
 * diagnose, from a CommonJS file of its own whose cache holds what a scan runs, and the wizard
 * (`unblock` alone), whose cache holds what drew its first frame. The other commands run from the
 * ES module build, whose cli-main handles every command. A command line that does not parse goes
 * to the light program, which reports it as any program would. build.mjs makes this file and the
 * programs CommonJS.
 */
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '--help')) {
	standardOutput(1, () => process.exit(), nodeChannels(1, () => true)).write(`${argv[0] === '--version' ? packageJson.version : helpText}\n`);
} else {
	const program = programFor(argv);
	if (program === 'light-commands' || program === 'diagnose') {
		cachedScripts().runCachedScript(path.join(__dirname, `${program}.js`));
	} else if (program === 'modules' || !cachedScripts().runIfCached(path.join(__dirname, 'wizard.js'))) {
		// The wizard's program holds every screen: without a cache for this Node, the ES modules start it sooner.
		void import('./cli-main.js');
	}
}

/** Programs run through V8's code cache, which the build wrote for them (adapters/cached-script.ts). */
function cachedScripts(): typeof import('./adapters/cached-script.js') {
	return require('./adapters/cached-script.js') as typeof import('./adapters/cached-script.js');
}

function programFor(args: readonly string[]): 'light-commands' | 'wizard' | 'diagnose' | 'modules' {
	// Required here, not imported above: the bundle evaluates imports first, and --version need not parse.
	const {lightCommands, parseCliArguments} = require('./cli-arguments.js') as typeof import('./cli-arguments.js');
	let command: string | undefined;
	try {
		command = parseCliArguments(args).command;
	} catch {
		return 'light-commands';
	}

	if (lightCommands.has(command)) {
		return 'light-commands';
	}

	return command === undefined ? 'wizard' : (command === 'diagnose' ? 'diagnose' : 'modules');
}
