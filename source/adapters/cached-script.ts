import {isAscii} from 'node:buffer';
import {readFileSync, renameSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import {contentHash} from './content-hash.js';

/**
 * Runs a CommonJS file of dist/ as Node's require would (wrapped in a function of exports,
 * require, module, __filename and __dirname), compiled with the V8 code cache the build wrote for
 * it: Node 20 caches no compiled code of its own, and compiling the light commands' file and the
 * functions a search calls is ~10 ms of every cold search. The file may not use import(): a script
 * compiled this way has no loader for it (build.mjs turns its lazy imports into require).
 *
 * The cache starts with the hash of the source it was made from, since V8 checks no more than the
 * source's length: a file edited in place never runs on bytecode of its old text. A cache V8 turns
 * down (another Node version, other V8 flags) costs the compile it would have cost without one.
 */
export type CacheUse = 'accepted' | 'rejected' | 'stale' | 'absent';

export function codeCacheFile(file: string): string {
	return path.join(path.dirname(file), 'cache', `${path.basename(file, '.js')}.v8`);
}

export function runCachedScript(file: string): {readonly script: vm.Script; readonly cache: CacheUse} {
	const {script, cache} = compileCachedScript(file);
	const compiled = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
	const module = {exports: {}};
	compiled.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
	return {script, cache};
}

/** The file compiled, with its cache when it has a fresh one that V8 takes, not yet run. */
export function compileCachedScript(file: string): {readonly script: vm.Script; readonly cache: CacheUse} {
	const bytes = readFileSync(file);
	const {data, use} = readCodeCache(file, bytes);
	// A bundle of ASCII alone is read as one byte a character: no UTF-8 decoding, and half the string.
	const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
	const script = new vm.Script(wrap(source), {filename: file, ...(data ? {cachedData: data} : {})});
	return {script, cache: use === 'absent' || use === 'stale' ? use : (script.cachedDataRejected ? 'rejected' : 'accepted')};
}

/** The build's step: the code V8 has compiled for the file so far (after running it, the functions it called too). */
export function writeCodeCache(file: string, script: vm.Script): void {
	const cacheFile = codeCacheFile(file);
	const temporary = `${cacheFile}.${process.pid}.tmp`;
	writeFileSync(temporary, Buffer.concat([Buffer.from(`${contentHash(readFileSync(file))}\n`), script.createCachedData()]));
	renameSync(temporary, cacheFile);
}

function readCodeCache(file: string, source: Buffer): {data?: Buffer; use: CacheUse} {
	let bytes: Buffer;
	try {
		bytes = readFileSync(codeCacheFile(file));
	} catch {
		return {use: 'absent'};
	}

	const newline = bytes.indexOf(0x0A);
	return newline > 0 && bytes.toString('latin1', 0, newline) === contentHash(source) ? {data: bytes.subarray(newline + 1), use: 'accepted'} : {use: 'stale'};
}

function wrap(source: string): string {
	return `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
}
