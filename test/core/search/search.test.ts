import {describe, expect, test} from 'vitest';
import type {Note} from '../../../source/core/note.js';
import {playbookSchema, type Playbook, type PlaybookInput} from '../../../source/core/playbook-schema.js';
import {buildSearchIndex, search} from '../../../source/core/search/search.js';
import {tokenize} from '../../../source/core/search/tokenize.js';
import {buildVocabulary} from '../../../source/core/search/vocabulary.js';

function playbook(input: Partial<PlaybookInput> & Pick<PlaybookInput, 'id' | 'cause'>): Playbook {
	const data = playbookSchema.parse({
		title: input.id,
		summary: 'A cause.',
		symptoms: ['something is wrong'],
		steps: [{id: 'look', title: 'Look', explanation: 'Look at it.', manual: 'Look.', risk: 'read-only'}],
		...input,
	});
	return {...data, origin: {file: `playbooks/${input.id}.yaml`, source: 'shipped'}};
}

const healthTool = playbook({
	id: 'healthcheck-tool-missing',
	cause: 'healthcheck-tool-missing',
	title: 'Health check calls curl, but the image has none',
	symptoms: ['container is unhealthy but the service works', 'qdrant unhealthy'],
	tags: ['qdrant', 'healthcheck'],
	signatures: [{pattern: 'exec: "curl": executable file not found', source: 'health', when: {conditions: ['unhealthy']}, examples: ['exec: "curl": executable file not found in $PATH']}],
});
const commandMissing = playbook({
	id: 'command-not-found',
	cause: 'command-not-found',
	title: 'The command is not in the image',
	symptoms: ['container will not start, command not found'],
	signatures: [{pattern: 'exec: "[^"]+": executable file not found', when: {conditions: ['created', 'exited'], exitCodes: [127]}, examples: ['exec: "nosuchcmd": executable file not found in $PATH']}],
});
const permissions = playbook({
	id: 'volume-permission-uid-mismatch',
	cause: 'volume-permission-uid-mismatch',
	title: 'A non-root process cannot write its mounted volume',
	symptoms: ['postgres keeps restarting with permission denied', 'celery beat permission denied on the schedule file'],
	tags: ['postgres', 'celery', 'nextjs'],
	signatures: [{pattern: 'PermissionError: \\[Errno 13\\]', examples: ['PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'']}],
});
const portConflict = playbook({
	id: 'host-port-conflict',
	cause: 'host-port-conflict',
	title: 'The host port is already taken',
	symptoms: ['port is already in use', 'cannot start redis because the port is taken'],
	tags: ['redis', 'postgres'],
});

const index = buildSearchIndex([healthTool, commandMissing, permissions, portConflict]);
const ids = (query: string, options = {}) => search(index, query, options).map(result => result.id);

describe('tokenize', () => {
	test('drops glue words, ids, short numbers and timestamps but keeps exit codes and ports', () => {
		expect(tokenize('2026-11-22T10:00:01Z the container 4f1a290940b1 exited with code 137 on port 5432').map(token => token.word))
			.toEqual(['container', 'exited', 'code', '137', 'port', '5432']);
	});

	test('reads an exit code glued onto its word as the word and the code', () => {
		expect(tokenize('it exits with code137, exit1 and status 2').map(token => token.word)).toEqual(['exits', 'code', '137', 'exit', 'status']);
		expect(tokenize('python3 and ipv6 stay as written').map(token => token.word)).toEqual(['python3', 'ipv6', 'stay', 'written']);
	});

	test('stems word forms to one term', () => {
		expect(tokenize('restarting restarts').map(token => token.term)).toEqual(['restart', 'restart']);
	});
});

describe('search', () => {
	test('an exact signature hit outranks a playbook with more shared words', () => {
		const results = search(index, 'exec: "curl": executable file not found in $PATH');
		expect(results[0]?.id).toBe('healthcheck-tool-missing');
		expect(results[0]?.why[0]).toBe('signature /exec: "curl": executable file not found/ matched "exec: "curl": executable file not found in $PATH"');
		expect(results[0]!.score).toBeGreaterThanOrEqual(0.75);
	});

	test('the container condition decides between two signatures that both match', () => {
		const text = 'exec: "curl": executable file not found in $PATH';
		expect(ids(text, {conditions: ['unhealthy']})[0]).toBe('healthcheck-tool-missing');
		expect(ids(text, {conditions: ['created'], exitCode: 127})[0]).toBe('command-not-found');
		expect(search(index, text, {conditions: ['unhealthy']})[0]?.why[0]).toMatch(/, container is unhealthy$/);
	});

	test('a signature that names its source is tried only on that part of a finding\'s text', () => {
		const line = 'exec: "curl": executable file not found in $PATH';
		const fromEngine = search(index, line, {sourcedText: {'engine-error': line, health: '', log: ''}});
		const fromHealth = search(index, line, {sourcedText: {'engine-error': '', health: line, log: ''}});
		expect(fromEngine.find(result => result.id === 'healthcheck-tool-missing')?.why[0] ?? '').not.toMatch(/^signature/);
		expect(fromHealth[0]?.id).toBe('healthcheck-tool-missing');
		expect(fromHealth[0]?.why[0]).toMatch(/^signature /);
	});

	test('tolerates typos in typed symptoms', () => {
		const [best] = search(index, 'postgres keps restartng permision denied');
		expect(best?.id).toBe('volume-permission-uid-mismatch');
		expect(best?.why.join(' ')).toContain('"permision" ≈ "permission"');
	});

	test('reads what a program wrote as written: a container name is not a typo of a word', () => {
		// "postgress" is how someone named a service; put right, it would read "postgres".
		const line = 'shop-postgress-1: keeps restarting: exit code 1';
		expect(search(index, line).flatMap(result => result.why).join(' ')).toContain('≈');
		expect(search(index, line, {machineText: true}).flatMap(result => result.why).join(' ')).not.toContain('≈');
	});

	test('finds the key line in a long pasted log full of noise', () => {
		const noise = Array.from({length: 38}, (_, line) => `[2026-11-22 10:00:${String(line).padStart(2, '0')},123: INFO/MainProcess] beat: Starting... scheduler tick ${line}`);
		const log = [...noise.slice(0, 20), 'PermissionError: [Errno 13] Permission denied: \'celerybeat-schedule\'', ...noise.slice(20)].join('\n');
		expect(ids(log)[0]).toBe('volume-permission-uid-mismatch');
	});

	test('ranks by words when no signature matches', () => {
		expect(ids('redis port already taken')[0]).toBe('host-port-conflict');
	});

	test('returns nothing for words it does not know', () => {
		expect(search(index, 'zzqxv wqpzz')).toEqual([]);
	});

	test('scores stay between 0 and 1 and come best first', () => {
		const results = search(index, 'permission denied port curl unhealthy restarting');
		expect(results.length).toBeGreaterThan(1);
		for (const [position, result] of results.entries()) {
			expect(result.score).toBeGreaterThan(0);
			expect(result.score).toBeLessThanOrEqual(1);
			if (position > 0) {
				expect(result.score).toBeLessThanOrEqual(results[position - 1]!.score);
			}
		}
	});

	test('indexes notes beside playbooks', () => {
		const note: Note = {
			id: 'blockers#localstack',
			title: 'LocalStack Windows/WSL2 Volume Permission Issue',
			file: 'knowledge/blockers.md',
			line: 12,
			problem: 'LocalStack container failed to start',
			errors: ['OSError: [Errno 16] Device or resource busy: \'/tmp/localstack\''],
			attempted: [],
			tradeoffs: [],
			lessons: [],
			status: 'resolved',
			body: '',
		};
		const withNotes = buildSearchIndex([healthTool, permissions], [note]);
		const [best] = search(withNotes, 'Device or resource busy: \'/tmp/localstack\'');
		expect(best).toMatchObject({kind: 'note', id: 'blockers#localstack'});
	});

	test('respects the limit', () => {
		expect(search(index, 'container', {limit: 1})).toHaveLength(1);
	});

	test('what the user rules out counts against the cause that holds it', () => {
		expect(ids('redis will not start, permission denied')[0]).toBe('volume-permission-uid-mismatch');
		expect(ids('redis will not start, it is not a permission problem, port 6379')[0]).toBe('host-port-conflict');
	});

	test('explains in the user\'s own words, and says which line of a paste decided', () => {
		const log = [
			...Array.from({length: 8}, (_, line) => `beat-1  | [2026-11-22 10:00:0${line},123: INFO/MainProcess] beat: tick ${line}`),
			'beat-1  | could not write the schedule: permissions of the mounted volume',
		].join('\n');
		const [best] = search(index, log);
		expect(best?.id).toBe('volume-permission-uid-mismatch');
		expect(best?.why).toEqual(['words: beat, write, schedule, permissions, mounted, volume', 'line: beat-1  | could not write the schedule: permissions of the mounted volume']);
	});
});

describe('search with a vocabulary', () => {
	const vocabulary = buildVocabulary([
		{id: 'port-taken', meaning: 'the port is held', role: 'symptom', phrasings: ['port is already in use', 'address already in use', 'port is busy']},
		{id: 'permission-denied', meaning: 'access refused', role: 'symptom', phrasings: ['permission denied', 'EACCES', 'not writable', 'permission problem']},
	]);
	const withVocabulary = buildSearchIndex([healthTool, commandMissing, permissions, portConflict], [], vocabulary);

	test('a phrasing the playbooks never use meets the one they do', () => {
		const [best] = search(withVocabulary, 'redis: the port is busy');
		expect(best?.id).toBe('host-port-conflict');
		expect(best?.why[0]).toBe('words: "port is busy", redis');
		expect(ids('the folder is not writable')).not.toContain('volume-permission-uid-mismatch');
		expect(search(withVocabulary, 'the folder is not writable')[0]?.id).toBe('volume-permission-uid-mismatch');
	});

	test('a phrasing inside what the user rules out counts against its cause, not for it', () => {
		const results = search(withVocabulary, 'redis will not start, it is not a permission problem, port 6379');
		expect(results[0]?.id).toBe('host-port-conflict');
		expect(results.flatMap(result => result.why).join(' ')).not.toContain('permission problem');
	});

	test('one cause takes one place: a note of the same cause stands under its playbook', () => {
		const note: Note = {
			id: 'team#port-taken', title: 'Port 6379 taken by a local redis', file: 'knowledge/team.md', line: 3,
			problem: 'redis port is already in use', errors: [], attempted: [], tradeoffs: [], lessons: [], status: 'resolved', body: '', cause: 'host-port-conflict',
		};
		const results = search(buildSearchIndex([permissions, portConflict], [note], vocabulary), 'redis port is already in use');
		expect(results.map(result => result.id)).toEqual(['host-port-conflict']);
		expect(results[0]?.also.map(variant => variant.id)).toEqual(['team#port-taken']);
	});
});

describe('a concept the query denies', () => {
	const published = playbook({
		id: 'service-port-not-published',
		cause: 'service-port-not-published',
		title: 'The port is not published to the host',
		symptoms: ['the app is unreachable from the host, no port mapping', 'connection refused from the browser'],
	});
	const loopback = playbook({
		id: 'app-binds-loopback-in-container',
		cause: 'app-binds-loopback-in-container',
		title: 'The server listens on loopback inside its container',
		symptoms: ['the port is published, yet the app is unreachable from the host', 'empty reply from the server'],
	});
	const concepts = [{id: 'port-not-mapped', meaning: 'never published', role: 'symptom' as const, phrasings: ['port mapping', 'not published'], opposites: ['port is published', 'despite the port mapping']}];
	const withOpposites = buildSearchIndex([published, loopback], [], buildVocabulary(concepts));
	const withoutOpposites = buildSearchIndex([published, loopback], [], buildVocabulary(concepts.map(({opposites: _, ...concept}) => concept)));

	test.each([
		'the app is unreachable from the host despite the port mapping',
		'the port is published but the app is unreachable from the host',
	])('%j counts against the concept instead of for it', query => {
		const scoreOf = (results: ReturnType<typeof search>) => results.find(result => result.id === 'service-port-not-published')?.score ?? 0;
		expect(scoreOf(search(withOpposites, query))).toBeLessThan(scoreOf(search(withoutOpposites, query)));
		expect(search(withOpposites, query)[0]?.id).toBe('app-binds-loopback-in-container');
	});

	test('without the opposite, the phrasing inside it wins', () => {
		expect(search(withoutOpposites, 'the app is unreachable from the host despite the port mapping')[0]?.id).toBe('service-port-not-published');
	});

	test('a phrasing outside the denial still counts', () => {
		expect(search(withOpposites, 'the app is unreachable from the host, no port mapping')[0]?.id).toBe('service-port-not-published');
	});
});

describe('an exit code the text states', () => {
	const crash = playbook({
		id: 'app-crash-on-startup', cause: 'app-crash-on-startup', title: 'The app crashes while starting',
		symptoms: ['the container stops after start'],
		signatures: [{pattern: 'Traceback \\(most recent call last\\)', when: {conditions: ['exited'], exitCodes: [1]}, examples: ['Traceback (most recent call last):']}],
	});
	const idle = playbook({
		id: 'no-foreground-process', cause: 'no-foreground-process', title: 'Nothing stays in the foreground',
		symptoms: ['the container stops after start'],
		signatures: [{pattern: 'daemonized', when: {conditions: ['exited'], exitCodes: [0]}, examples: ['daemonized']}],
	});
	const exitCodes = buildSearchIndex([crash, idle]);

	test.each([
		['the container stops after start, it exited with code 0', 'no-foreground-process'],
		['the container stops after start: exit code 1', 'app-crash-on-startup'],
	])('%j favours the cause that ends with it', (query, expected) => {
		expect(search(exitCodes, query)[0]?.id).toBe(expected);
	});

	test('the line a signature matched counts once: the code it states does not weigh that cause again', () => {
		const finished = (when?: {exitCodes: number[]}) => playbook({
			id: 'no-foreground-process', cause: 'no-foreground-process', title: 'Nothing stays in the foreground',
			symptoms: ['the logs show up late'],
			signatures: [{pattern: 'exited with code 0\\b', generic: true, ...(when ? {when} : {}), examples: ['web-1 exited with code 0']}],
		});
		const query = 'the logs show up late\nweb-1 exited with code 0';
		const scoreOf = (index: ReturnType<typeof buildSearchIndex>) => search(index, query).find(result => result.id === 'no-foreground-process')?.score;
		expect(scoreOf(buildSearchIndex([finished({exitCodes: [0]}), crash]))).toBe(scoreOf(buildSearchIndex([finished(), crash])));
	});
});

describe('the languages a text names', () => {
	const lockFile = playbook({
		id: 'python-lockfile-mismatch', cause: 'python-lockfile-mismatch', title: 'poetry.lock is out of date',
		symptoms: ['the build fails because the lock file and the dependencies do not match'],
	});
	const cacheMount = playbook({
		id: 'build-cache-mount-stale', cause: 'build-cache-mount-stale', title: 'A cache mount keeps old build output',
		symptoms: ['the build fails because old artifacts do not match'],
	});
	const languages = [
		{id: 'python', role: 'ecosystem', meaning: 'Python', phrasings: ['python', 'poetry']},
		{id: 'rust', role: 'ecosystem', meaning: 'Rust', phrasings: ['cargo', 'rust']},
	] as const;
	const withLanguages = buildSearchIndex([lockFile, cacheMount], [], buildVocabulary(languages));
	const withoutLanguages = buildSearchIndex([lockFile, cacheMount], [], buildVocabulary([]));
	const scoreOf = (index: ReturnType<typeof buildSearchIndex>, query: string, id: string) => search(index, query).find(result => result.id === id)?.score ?? 0;

	test('a playbook whose title names one language weighs less when the text names only another', () => {
		const query = 'the cargo build fails, the dependencies do not match the lock file';
		expect(scoreOf(withLanguages, query, 'python-lockfile-mismatch')).toBeLessThan(scoreOf(withoutLanguages, query, 'python-lockfile-mismatch'));
		expect(scoreOf(withLanguages, query, 'build-cache-mount-stale')).toBe(scoreOf(withoutLanguages, query, 'build-cache-mount-stale'));
	});

	test.each([
		['names its language', 'the python build fails, the dependencies do not match the lock file'],
		['names its language beside another', 'the cargo build of my python wheel fails, the dependencies do not match the lock file'],
		['names no language', 'the build fails, the dependencies do not match the lock file'],
		['rules the other language out', 'the build fails, the dependencies do not match the lock file, not a rust problem'],
	])('nothing changes when the text %s', (_case, query) => {
		expect(scoreOf(withLanguages, query, 'python-lockfile-mismatch')).toBe(scoreOf(withoutLanguages, query, 'python-lockfile-mismatch'));
	});
});

describe('a text that denies what a title names', () => {
	const pullPolicy = playbook({
		id: 'k8s-latest-tag-pull-policy', cause: 'k8s-latest-tag-pull-policy', title: 'A latest tag makes the cluster pull the image again',
		symptoms: ['the pod cannot pull the image I built on my laptop'],
	});
	const notLoaded = playbook({
		id: 'local-image-not-in-cluster-runtime', cause: 'local-image-not-in-cluster-runtime', title: 'The cluster does not have the image',
		symptoms: ['the pod cannot pull the image I built on my laptop'],
	});
	const tags = buildSearchIndex([pullPolicy, notLoaded], [], buildVocabulary([
		{id: 'latest-tag', role: 'context', meaning: 'the tag latest', phrasings: ['latest tag', 'tagged latest'], opposites: ['not the latest tag']},
	]));
	const scoreOf = (query: string, id: string) => search(tags, query).find(result => result.id === id)?.score ?? 0;

	test('weighs down the cause whose title it denies, beyond the denied words themselves', () => {
		const query = 'the pod cannot pull the image I built on my laptop, and it is not the latest tag';
		expect(search(tags, query)[0]?.id).toBe('local-image-not-in-cluster-runtime');
		expect(scoreOf(query, 'k8s-latest-tag-pull-policy')).toBeLessThan(0.8 * scoreOf('the pod cannot pull the image I built on my laptop', 'k8s-latest-tag-pull-policy'));
	});
});

describe('typo correction', () => {
	const redisPort = playbook({id: 'redis-port', cause: 'host-port-conflict', title: 'Redis cannot take port 6379', symptoms: ['port 6379 is taken on the host']});
	const withPort = buildSearchIndex([redisPort, permissions]);

	test('never turns one number into another, while words are still corrected', () => {
		expect(search(withPort, 'port 6378 is taken')[0]?.why[0]).toBe('words: port, taken');
		expect(search(withPort, 'porrt 6379 is taken')[0]?.why[0]).toBe('words: "porrt" ≈ "port", 6379, taken');
	});
});

describe('a signature qualified by mentions', () => {
	const onWindows = playbook({
		id: 'db-data-on-host-bind-mount',
		cause: 'db-data-on-host-bind-mount',
		title: 'The database data directory is a Windows folder',
		signatures: [{pattern: 'has wrong ownership', mentions: ['windows', 'wsl2'], examples: ['on windows: data directory "/pg" has wrong ownership']}],
	});
	const anywhere = playbook({
		id: 'db-data-dir-permissions',
		cause: 'db-data-dir-permissions',
		title: 'The data directory has the wrong owner',
		signatures: [{pattern: 'has wrong ownership', examples: ['data directory "/pg" has wrong ownership']}],
	});
	const qualified = buildSearchIndex([anywhere, onWindows]);

	test('counts only where the text mentions one, and then outranks the same error without', () => {
		expect(search(qualified, 'FATAL: data directory "/var/lib/postgresql/data" has wrong ownership').map(result => result.id)[0]).toBe('db-data-dir-permissions');
		const [best] = search(qualified, 'FATAL: data directory "/var/lib/postgresql/data" has wrong ownership\nDocker Desktop on Windows 11');
		expect(best?.id).toBe('db-data-on-host-bind-mount');
		expect(best?.why[0]).toMatch(/, mentions windows$/);
	});
});
