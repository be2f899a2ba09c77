/**
 * A CommonJS file run through V8's code cache: it runs as require would run it, the cache the
 * build writes is taken, a file edited in place (even to the same length, which is all V8
 * checks) runs its new text, never the old bytecode, and a cache made for another V8 is not
 * offered to this one. runIfCached runs the file only with a cache that fits.
 */
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {codeCacheFile, runCachedScript, runIfCached, writeCodeCache} from '../../source/adapters/cached-script.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

type Seen = {said?: string; filename?: string; required?: boolean};
const seen = globalThis as typeof globalThis & {cachedScriptTest?: Seen};

/** What the script run last said (reset to undefined before each run). */
const said = () => seen.cachedScriptTest?.said;

/** A script that says a word of its own length, and what require and __filename are to it. */
const script = (word: string) => `"use strict";
function say(word) { globalThis.cachedScriptTest = {said: word, filename: __filename, required: typeof require('node:path').join === 'function'}; }
say(${JSON.stringify(word)});
`;

describe('runCachedScript', () => {
	const scratch = useScratchDirectory('unblock-cached-script-');

	test('runs the file with require and __filename, and takes the cache written after a run', () => {
		const directory = scratch.directoryWith('dist', {'light.js': script('first')});
		mkdirSync(path.join(directory, 'cache'));
		const file = path.join(directory, 'light.js');

		const before = runCachedScript(file);
		expect(before.cache).toBe('absent');
		expect(seen.cachedScriptTest).toEqual({said: 'first', filename: file, required: true});

		writeCodeCache(file, before.script);
		seen.cachedScriptTest = undefined;
		expect(runCachedScript(file).cache).toBe('accepted');
		expect(seen.cachedScriptTest).toEqual({said: 'first', filename: file, required: true});
	});

	test('a file edited in place to the same length runs its new text, not the cached code', () => {
		const directory = scratch.directoryWith('edited', {'light.js': script('alpha')});
		mkdirSync(path.join(directory, 'cache'));
		const file = path.join(directory, 'light.js');
		writeCodeCache(file, runCachedScript(file).script);

		writeFileSync(file, script('omega'));
		const after = runCachedScript(file);
		expect(after.cache).toBe('stale');
		expect(seen.cachedScriptTest?.said).toBe('omega');
	});

	test('a cache made for another V8 is not offered to it, and runIfCached runs the file only with a cache that fits', () => {
		const directory = scratch.directoryWith('other-v8', {'light.js': script('beta')});
		mkdirSync(path.join(directory, 'cache'));
		const file = path.join(directory, 'light.js');
		seen.cachedScriptTest = undefined;
		expect(runIfCached(file)).toBe(false);
		expect(said()).toBeUndefined();

		writeCodeCache(file, runCachedScript(file).script);
		seen.cachedScriptTest = undefined;
		expect(runIfCached(file)).toBe(true);
		expect(said()).toBe('beta');

		const cache = readFileSync(codeCacheFile(file));
		const newline = cache.indexOf(0x0A);
		const [, length] = cache.toString('latin1', 0, newline).split(' ');
		writeFileSync(codeCacheFile(file), Buffer.concat([Buffer.from(`1.2.3/${process.arch}/1 ${length}\n`), cache.subarray(newline + 1)]));
		seen.cachedScriptTest = undefined;
		expect(runIfCached(file)).toBe(false);
		expect(said()).toBeUndefined();
		expect(runCachedScript(file).cache).toBe('other-v8');
		expect(said()).toBe('beta');
	});
});
