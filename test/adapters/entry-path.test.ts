import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {entryPath} from '../../source/adapters/project-paths.js';

describe('entryPath', () => {
	test.each([
		['/usr/lib/node_modules/unblock/playbooks', 'db-data-dir-permissions.yaml'],
		['/', 'playbooks'],
		[path.resolve('relative', 'dir'), '.hidden.yml'],
		['/srv/team playbooks', 'name with spaces.yaml'],
	])('in %s, %s is where path.join puts it', (directory, name) => {
		expect(entryPath(directory, name)).toBe(path.join(directory, name));
	});
});
