// The V8 code caches of the CommonJS programs (source/adapters/cached-script.ts), run by build.mjs
// in a process of its own for each: the program run once as a user runs it, then the code V8
// compiled for the file, the functions that run called included, goes to dist/cache/. The light
// commands run one search; the wizard draws its first frame, into a stand-in terminal; diagnose
// scans a stand-in engine (scripts/stand-in-engine.ts), so no engine of the build's is read.
import {writeSync} from 'node:fs';
import path from 'node:path';
import {Readable, Writable} from 'node:stream';
import tty from 'node:tty';
import type vm from 'node:vm';
import {runCachedScript, writeCodeCache} from '../source/adapters/cached-script.js';
import {startStandInEngine} from './stand-in-engine.js';

/** What the wizard's first frame says (source/ui/screens/scan-screen.tsx), as the benchmark waits for it. */
const firstFrameText = 'Scanning the Docker engine';

const [file] = process.argv.slice(2);
if (!file) {
	throw new Error('write-code-cache: name the program\'s file');
}

if (path.basename(file) === 'wizard.js') {
	process.argv = [process.argv[0]!, file];
	const program: {script?: vm.Script} = {};
	let written = false;
	const said = standInTerminal(text => {
		if (program.script && !written && text.includes(firstFrameText)) {
			writeCodeCache(file, program.script);
			written = true;
			process.exit(0);
		}
	});
	process.once('exit', () => {
		if (!written) {
			process.exitCode = 1;
			writeSync(2, `write-code-cache: the wizard drew no first frame\n${said.join('')}\n`);
		}
	});
	// The first frame comes on a later turn, once the program has loaded Yoga: the script is known by then.
	program.script = runCachedScript(file).script;
} else if (path.basename(file) === 'diagnose.js') {
	const engine = await startStandInEngine();
	process.argv = [process.argv[0]!, file, 'diagnose', '--json', '--host', engine.host];
	const {script} = runCachedScript(file);
	process.once('exit', code => {
		engine.close();
		// The stand-in project has problems: a diagnose that scanned it ends with 1. Anything else
		// means it never got to the scan, whose code the cache is for.
		if (code !== 1) {
			writeSync(2, `write-code-cache: diagnose of the stand-in engine ended with ${code}, not 1 (problems found)\n`);
			process.exitCode = 1;
			return;
		}

		writeCodeCache(file, script);
		process.exitCode = 0;
	});
} else {
	process.argv = [process.argv[0]!, file, 'search', 'my container keeps restarting: permission denied'];
	const {script} = runCachedScript(file);
	process.once('exit', () => {
		writeCodeCache(file, script);
	});
}

/**
 * A 120x40 terminal on both ends, as the wizard sees one: what it writes goes to `onOutput`; what
 * it writes to stderr (the cursor shown again on exit, an error) is kept, in the array returned.
 */
function standInTerminal(onOutput: (text: string) => void): string[] {
	delete process.env.CI;
	process.env.TERM = 'xterm-256color';
	const said: string[] = [];
	const terminal = (write: (text: string) => void) => Object.assign(new Writable({
		write(chunk: Buffer | string, _encoding, done) {
			write(String(chunk));
			done();
		},
	}), {isTTY: true, columns: 120, rows: 40});
	const stdout = terminal(onOutput);
	const stderr = terminal(text => said.push(text));
	const stdin = Object.assign(new Readable({read() {}}), {isTTY: true, setRawMode: () => stdin});
	Object.defineProperty(process, 'stdout', {configurable: true, get: () => stdout});
	Object.defineProperty(process, 'stderr', {configurable: true, get: () => stderr});
	Object.defineProperty(process, 'stdin', {configurable: true, get: () => stdin});
	tty.isatty = () => true;
	return said;
}
