import {readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {cachedPlaybook} from '../../source/adapters/playbook-cache.js';
import {loadPlaybooks} from '../../source/adapters/playbook-loader.js';
import {shippedPlaybooksDirectory} from '../../source/adapters/project-paths.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

// `npm test` builds first, and the build writes the cache this suite reads.
const fileName = 'healthcheck-tool-missing.yaml';
const file = path.join(shippedPlaybooksDirectory, fileName);

describe('the build-time playbook cache', () => {
	test('answers for a shipped file while its size and modification time are those of the build', () => {
		const stamp = statSync(file);
		expect(cachedPlaybook(fileName, stamp)?.data.id).toBe('healthcheck-tool-missing');
	});

	test('search data is trusted only from the build that wrote it: run from source there is no build stamp', () => {
		expect(cachedPlaybook(fileName, statSync(file))?.search).toBeUndefined();
	});

	test('misses for a file that changed since, so it is parsed again', () => {
		const stamp = statSync(file);
		expect(cachedPlaybook(fileName, {size: stamp.size + 1, mtimeMs: stamp.mtimeMs})).toBeUndefined();
		expect(cachedPlaybook(fileName, {size: stamp.size, mtimeMs: stamp.mtimeMs + 1})).toBeUndefined();
		expect(cachedPlaybook('not-a-playbook.yaml', stamp)).toBeUndefined();
	});
});

describe('loading with the cache', () => {
	const scratch = useScratchDirectory('unblock-cache-');

	test('a team copy of a shipped playbook is parsed from its own text, never taken from the cache', async () => {
		const directory = scratch.directoryWith('team', {'renamed.yaml': readFileSync(file)});
		const {playbooks, diagnostics} = await loadPlaybooks({cwd: scratch.root(), directories: [directory], withoutShipped: true});
		// Parsing checks the file name against the id; the cache would not have.
		expect(playbooks).toEqual([]);
		expect(diagnostics.map(diagnostic => diagnostic.message).join('\n')).toMatch(/renamed/);
	});
});
