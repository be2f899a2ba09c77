// What a build is made of, as one hash: every file of source/ and scripts/, the build script, and
// package.json with its lock file (the libraries' versions). The bundle carries it, and so do the
// files the build derives with that code (the shipped-data caches): code and data fit exactly when
// the hashes are equal. Tests run from source get the same hash (vitest.config.ts), so they trust
// a dist/ built from the source they run, and nothing else.
import {createHash} from 'node:crypto';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';

const inputs = ['build.mjs', 'package.json', 'package-lock.json', 'scripts', 'source'];

export function buildIdentity(root) {
	const hash = createHash('sha256');
	for (const file of inputs.flatMap(input => filesUnder(root, input))) {
		hash.update(`${file}\0`).update(readFileSync(path.join(root, file))).update('\0');
	}

	return hash.digest('base64url').slice(0, 22);
}

function filesUnder(root, relative) {
	if (!statSync(path.join(root, relative)).isDirectory()) {
		return [relative];
	}

	return readdirSync(path.join(root, relative), {withFileTypes: true})
		.sort((left, right) => (left.name < right.name ? -1 : (left.name > right.name ? 1 : 0)))
		.flatMap(entry => (entry.isDirectory() || entry.isFile() ? filesUnder(root, `${relative}/${entry.name}`) : []));
}
