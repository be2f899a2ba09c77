import path from 'node:path';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadKnowledgeBase, type KnowledgeBase} from '../../../source/adapters/knowledge-base.js';
import {search} from '../../../source/core/search/search.js';

/**
 * Causes that look alike from the outside. For each group, texts a developer would see or type
 * for one member must rank that member first, not its neighbours.
 */
const groups: Record<string, Array<{text: string; cause: string}>> = {
	'who owns the mounted directory': [
		{cause: 'volume-permission-uid-mismatch', text: 'touch: /data/celerybeat-schedule: Permission denied'},
		{cause: 'volume-permission-uid-mismatch', text: 'the app runs as user node and cannot write into the bind mounted uploads folder'},
		{cause: 'db-data-on-host-bind-mount', text: 'postgres data folder mounted from C:\\Users\\me\\pgdata on docker desktop windows keeps failing'},
		{cause: 'db-data-on-host-bind-mount', text: 'FATAL:  could not fsync file "pg_wal/000000010000000000000001": Invalid argument'},
		{cause: 'rootless-userns-mapping', text: 'with rootless podman the files my container writes show up owned by 100999 on my laptop'},
	],
	'where a connection goes': [
		{cause: 'localhost-inside-container', text: 'Error: connect ECONNREFUSED 127.0.0.1:5432'},
		{cause: 'localhost-inside-container', text: 'my worker container uses localhost:6379 to reach redis and gets connection refused'},
		{cause: 'app-binds-loopback-in-container', text: ' * Running on http://127.0.0.1:8000'},
		{cause: 'app-binds-loopback-in-container', text: 'the server inside the container only listens on 127.0.0.1 so the published port gives empty reply'},
		{cause: 'host-docker-internal-linux', text: 'getaddrinfo ENOTFOUND host.docker.internal'},
		{cause: 'host-docker-internal-linux', text: 'host.docker.internal works on my mac but not on the linux ci runner'},
	],
	'why a health check fails': [
		{cause: 'healthcheck-tool-missing', text: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown'},
		{cause: 'healthcheck-wrong-port', text: 'curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused'},
		{cause: 'healthcheck-start-period-too-short', text: 'the database container is marked unhealthy while it is still running its first migrations, later it would be fine'},
	],
};

let base: KnowledgeBase;

beforeAll(async () => {
	base = await loadKnowledgeBase({cwd: path.join(import.meta.dirname, '..', '..', '..')});
});

describe.each(Object.entries(groups))('neighbour causes: %s', (_group, cases) => {
	test.each(cases)('$cause first for "$text"', ({text, cause}) => {
		const firstPlaybook = search(base.index, text, {limit: 5}).find(result => result.kind === 'playbook');
		expect(firstPlaybook?.cause).toBe(cause);
	});
});
