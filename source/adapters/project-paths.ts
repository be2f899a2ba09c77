import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {escapeControlCharacters} from '../core/neutralize-terminal-text.js';

/**
 * The installed package's root: where the shipped playbooks/ and knowledge/ live. Found by walking
 * up from this module, which sits at a different depth in source/ (tests) and in the dist/ bundle.
 */
export const packageRoot = findPackageRoot(moduleDirectory());

/**
 * import.meta.dirname where Node has it (20.11 on; build.mjs makes it __dirname in the CommonJS
 * bundle): turning import.meta.url into a path parses a URL, ~2 ms of a cold search.
 */
function moduleDirectory(): string {
	return (import.meta as Partial<ImportMeta>).dirname ?? path.dirname(fileURLToPath(import.meta.url));
}

function findPackageRoot(start: string): string {
	for (let directory = start; ; directory = path.dirname(directory)) {
		if (existsSync(path.join(directory, 'package.json')) && existsSync(path.join(directory, 'playbooks'))) {
			return directory;
		}

		if (path.dirname(directory) === directory) {
			return path.resolve(start, '..', '..');
		}
	}
}

export const shippedPlaybooksDirectory = path.join(packageRoot, 'playbooks');
export const shippedKnowledgeDirectory = path.join(packageRoot, 'knowledge');

/** The nearest directory at or above `start` that holds a `.git`, if any. */
export function findRepositoryRoot(start: string): string | undefined {
	let directory = path.resolve(start);
	for (;;) {
		if (existsSync(path.join(directory, '.git'))) {
			return directory;
		}

		const parent = path.dirname(directory);
		if (parent === directory) {
			return undefined;
		}

		directory = parent;
	}
}

/**
 * The path of an entry read from a directory whose path is normalized (made by path.join or
 * path.resolve): what path.join answers, without normalizing it again. path.join, run before it
 * is compiled, costs ~20 µs a call: ~2 ms for the shipped playbooks at every start.
 */
export function entryPath(directory: string, name: string): string {
	return directory.endsWith(path.sep) ? `${directory}${name}` : `${directory}${path.sep}${name}`;
}

/** `.unblock/` of the current repository (or of the working directory outside one). */
export function teamDirectory(cwd: string): string {
	return path.join(findRepositoryRoot(cwd) ?? cwd, '.unblock');
}

/**
 * A knowledge file (a blocker log) as shown to people: absolute, so it opens from wherever they
 * are, with any control character in a name written out.
 */
export function absolutePath(file: string, cwd = process.cwd()): string {
	return escapeControlCharacters(path.resolve(cwd, file));
}

/** A path as printed: relative to `cwd` when inside it, and with any control character in a name written out. */
export function displayPath(file: string, cwd = process.cwd()): string {
	const relative = path.relative(cwd, file);
	return escapeControlCharacters(relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file);
}
