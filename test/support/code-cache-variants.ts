import {appendFileSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {codeCacheFile, type CacheUse} from '../../source/adapters/cached-script.js';

/**
 * The ways a copy of dist/ can hold a program run through V8's code cache (adapters/cached-script.ts):
 * as built, or with its cache missing, stale (the program edited in place), made for another V8 or
 * refused by V8; with the use each leads to, and what makes the copy so.
 */
export function codeCacheVariants(program: string): ReadonlyArray<readonly [name: string, use: CacheUse, change: (copyOfDist: string) => void]> {
	return [
		['as built', 'accepted', () => undefined],
		['without its cache', 'absent', copy => {
			rmSync(codeCacheFile(path.join(copy, program)));
		}],
		['edited after its cache was written', 'stale', copy => {
			appendFileSync(path.join(copy, program), '\n// edited\n');
		}],
		['with a cache made for another V8', 'other-v8', copy => {
			rewriteCache(path.join(copy, program), (_madeFor, data) => ['9.9.9/x64/1', data]);
		}],
		['with a cache V8 refuses', 'rejected', copy => {
			rewriteCache(path.join(copy, program), madeFor => [madeFor, Buffer.alloc(4096, 7)]);
		}],
	];
}

/** The program's cache file (a line "<made for> <source length>", the source, then V8's data) with what it was made for and its data changed. */
function rewriteCache(program: string, change: (madeFor: string, data: Buffer) => [string, Buffer]): void {
	const cache = codeCacheFile(program);
	const bytes = readFileSync(cache);
	const newline = bytes.indexOf(0x0A);
	const [madeFor = '', length = ''] = bytes.toString('latin1', 0, newline).split(' ');
	const source = bytes.subarray(newline + 1, newline + 1 + Number(length));
	const [newMadeFor, data] = change(madeFor, bytes.subarray(newline + 1 + Number(length)));
	writeFileSync(cache, Buffer.concat([Buffer.from(`${newMadeFor} ${length}\n`), source, data]));
}
