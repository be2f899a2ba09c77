#!/usr/bin/env node
import packageJson from '../package.json' with {type: 'json'};
import {helpText} from './cli-help.js';

// `unblock --version` and `unblock --help` need nothing else; everything else loads with the command
// that runs. The build makes this file CommonJS, which Node starts several milliseconds sooner than
// a module, and the rest ES modules (build.mjs).
const argv = process.argv.slice(2);
if (argv.length === 1 && argv[0] === '--version') {
	process.stdout.write(`${packageJson.version}\n`);
} else if (argv.length === 1 && argv[0] === '--help') {
	process.stdout.write(`${helpText}\n`);
} else {
	void import('./cli-main.js');
}
