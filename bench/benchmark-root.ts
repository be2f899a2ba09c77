/**
 * The unblock checkout the benchmark measures: the nearest directory at or above the working
 * directory (`npm run bench` runs in the package root), else above this module, whose
 * package.json is unblock's.
 */
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export function findBenchmarkRoot(cwd = process.cwd()): string | undefined {
	return findUp(cwd) ?? findUp(path.dirname(fileURLToPath(import.meta.url)));
}

function findUp(start: string): string | undefined {
	for (let directory = path.resolve(start); ; directory = path.dirname(directory)) {
		if (isUnblockPackage(path.join(directory, 'package.json'))) {
			return directory;
		}

		if (path.dirname(directory) === directory) {
			return undefined;
		}
	}
}

function isUnblockPackage(file: string): boolean {
	try {
		return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as {name?: unknown}).name === 'unblock';
	} catch {
		return false;
	}
}
