// The light commands' V8 code cache (source/adapters/cached-script.ts), run by build.mjs in a
// process of its own: one search as a user types it, then the code V8 compiled for the file, the
// functions that search called included, goes to dist/cache/.
import {runCachedScript, writeCodeCache} from '../source/adapters/cached-script.js';

const [file] = process.argv.slice(2);
if (!file) {
	throw new Error('write-code-cache: name the light commands\' file');
}

process.argv = [process.argv[0]!, file, 'search', 'my container keeps restarting: permission denied'];
const {script} = runCachedScript(file);
process.once('exit', () => {
	writeCodeCache(file, script);
});
