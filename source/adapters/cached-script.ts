import {isAscii} from 'node:buffer';
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

/**
 * Runs a CommonJS file of dist/ as Node's require would (wrapped in a function of exports,
 * require, module, __filename and __dirname), compiled with the V8 code cache the build wrote for
 * it: Node 20 caches no compiled code of its own, and compiling the light commands' file and the
 * functions a search calls is ~10 ms of every cold search. The file may not use import(): a script
 * compiled this way has no loader for it (build.mjs turns its lazy imports into require).
 *
 * The cache says what it was made for (V8's version and the machine's architecture, and V8's own
 * tag for them with its flags and CPU features) and holds the very source it was made from, which
 * the file must equal byte for byte, since V8 checks no more than the source's length: a file
 * edited in place never runs on bytecode of its old text (comparing is cheaper than hashing, and
 * needs no hash module). A cache made for another V8 (another Node, other V8 flags) is not
 * offered to it; one V8 turns down anyway costs the compile it would have cost without one.
 */
export type CacheUse = 'accepted' | 'rejected' | 'stale' | 'absent' | 'other-v8';

/** What the cache says; the file's bytes once read (not when there is no cache). */
type Prepared = {readonly bytes?: Buffer; readonly data?: Buffer; readonly use: CacheUse};

export function codeCacheFile(file: string): string {
	return path.join(path.dirname(file), 'cache', `${path.basename(file, '.js')}.v8`);
}

export function runCachedScript(file: string): {readonly script: vm.Script; readonly cache: CacheUse} {
	const {script, cache} = compile(file, prepare(file));
	run(script, file);
	return {script, cache};
}

/**
 * Runs the file only with a cache made from it for this V8, and says whether it ran: without one,
 * a program that has another way to start (the wizard, from the ES modules) need not compile the
 * whole file. A cache V8 turns down after all has been compiled by then, and runs.
 */
export function runIfCached(file: string): boolean {
	const prepared = prepare(file);
	if (prepared.use !== 'accepted') {
		return false;
	}

	run(compile(file, prepared).script, file);
	return true;
}

/** The file compiled, with its cache when it has a fresh one that V8 takes, not yet run. */
export function compileCachedScript(file: string): {readonly script: vm.Script; readonly cache: CacheUse} {
	return compile(file, prepare(file));
}

/** The build's step: the code V8 has compiled for the file so far (after running it, the functions it called too). */
export function writeCodeCache(file: string, script: vm.Script): void {
	const cacheFile = codeCacheFile(file);
	const temporary = `${cacheFile}.${process.pid}.tmp`;
	const madeFor = [process.versions.v8, process.arch, versionTag(file)].join('/');
	const source = readFileSync(file);
	writeFileSync(temporary, Buffer.concat([Buffer.from(`${madeFor} ${source.length}\n`), source, script.createCachedData()]));
	renameSync(temporary, cacheFile);
}

function prepare(file: string): Prepared {
	let cache: Buffer;
	try {
		cache = readFileSync(codeCacheFile(file));
	} catch {
		return {use: 'absent'};
	}

	const bytes = readFileSync(file);
	const newline = cache.indexOf(0x0A);
	const [madeFor = '', length = ''] = (newline > 0 ? cache.toString('latin1', 0, newline) : '').split(' ');
	const dataStart = newline + 1 + bytes.length;
	if (length !== String(bytes.length) || dataStart > cache.length || !bytes.equals(cache.subarray(newline + 1, dataStart))) {
		return {bytes, use: 'stale'};
	}

	return madeForThisV8(madeFor, file) ? {bytes, data: cache.subarray(dataStart), use: 'accepted'} : {bytes, use: 'other-v8'};
}

function madeForThisV8(madeFor: string, file: string): boolean {
	const [version, architecture, tag] = madeFor.split('/');
	// The build writes caches without V8 flags; a node started without any is told apart by its
	// version and architecture alone. With flags, V8's tag says it (its module costs ~1.5 ms to load).
	if (process.execArgv.length === 0 && !process.env.NODE_OPTIONS) {
		return version === process.versions.v8 && architecture === process.arch;
	}

	return tag === String(versionTag(file));
}

/** V8's tag for the caches it takes; node:v8 is required only here, as few starts need it. */
function versionTag(file: string): number {
	return (createRequire(file)('node:v8') as typeof import('node:v8')).cachedDataVersionTag();
}

function compile(file: string, {bytes = readFileSync(file), data, use}: Prepared): {readonly script: vm.Script; readonly cache: CacheUse} {
	// A bundle of ASCII alone is read as one byte a character: no UTF-8 decoding, and half the string.
	const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
	const script = new vm.Script(wrap(source), {filename: file, ...(data ? {cachedData: data} : {})});
	return {script, cache: use === 'accepted' && script.cachedDataRejected ? 'rejected' : use};
}

function run(script: vm.Script, file: string): void {
	const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
	const module = {exports: {}};
	compiled.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
}

function wrap(source: string): string {
	return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}
