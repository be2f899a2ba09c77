import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';

export type ScratchDirectory = {
	/** The suite's temporary root, made before its tests and removed after them. */
	readonly root: () => string;
	/** A directory under the root holding exactly these files. */
	readonly directoryWith: (name: string, files: Record<string, string | Buffer>) => string;
};

export function useScratchDirectory(prefix: string): ScratchDirectory {
	let root = '';
	beforeAll(() => {
		root = mkdtempSync(path.join(os.tmpdir(), prefix));
	});
	afterAll(() => {
		rmSync(root, {recursive: true, force: true});
	});

	return {
		root: () => root,
		directoryWith(name, files) {
			const directory = path.join(root, name);
			mkdirSync(directory, {recursive: true});
			for (const [file, content] of Object.entries(files)) {
				writeFileSync(path.join(directory, file), content);
			}

			return directory;
		},
	};
}
