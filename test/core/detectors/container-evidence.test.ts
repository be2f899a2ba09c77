/** The log lines findings are matched with and shown, picked once per log and never from another. */
import {describe, expect, it} from 'vitest';
import {engineErrorEvidence, factsOf, logEvidence, matchTextOf, sourcedTextOf, startFailureEvidence} from '../../../source/core/detectors/container-evidence.js';
import {looksLikeError} from '../../../source/core/detectors/important-log-lines.js';
import type {ContainerSnapshot, LogLine} from '../../../source/core/snapshot.js';

function container(texts: readonly string[]): ContainerSnapshot {
	const lines: LogLine[] = texts.map(text => ({stream: 'stdout', text}));
	return {
		id: 'app',
		name: 'app',
		image: 'app:1',
		labels: {},
		dependsOn: [],
		state: 'exited',
		restartCount: 0,
		exitCode: 1,
		oomKilled: false,
		mounts: [],
		ports: [],
		networks: [],
		entrypoint: [],
		command: [],
		memoryLimit: 0,
		env: [],
		logs: {lines, truncated: false},
	};
}

describe('important log lines', () => {
	it('keeps error lines and the last lines, each once', () => {
		const app = container(['starting', 'Error: connect ECONNREFUSED 10.0.0.2:5432', 'retrying', 'Error: connect ECONNREFUSED 10.0.0.2:5432', '  ', 'giving up']);
		expect(matchTextOf(app)).toBe('Error: connect ECONNREFUSED 10.0.0.2:5432\nretrying\ngiving up');
		expect(sourcedTextOf(app).log).toBe('Error: connect ECONNREFUSED 10.0.0.2:5432\nretrying\ngiving up');
		expect(logEvidence(app)).toEqual([{kind: 'log', text: 'log: Error: connect ECONNREFUSED 10.0.0.2:5432'}]);
	});

	it('reads a container whose logs changed from its new lines, not the ones picked before', () => {
		const before = container(['fatal: could not open /data/state.db: permission denied']);
		expect(matchTextOf(before)).toBe('fatal: could not open /data/state.db: permission denied');
		const after = {...before, logs: {lines: [{stream: 'stderr' as const, text: 'panic: out of memory'}], truncated: false}};
		expect(matchTextOf(after)).toBe('panic: out of memory');
		expect(matchTextOf(before)).toBe('fatal: could not open /data/state.db: permission denied');
	});

	it('gives a container without logs no log lines', () => {
		expect(matchTextOf({...container([]), logs: undefined})).toBe('');
	});
});

describe('the program the engine could not find in PATH', () => {
	const error = 'OCI runtime create failed: runc create failed: unable to start container process: exec: "run.sh": executable file not found in $PATH: unknown';
	const failed = (program: ContainerSnapshot['program']): ContainerSnapshot => ({...container([]), state: 'created', exitCode: 127, error, program});

	it('is stated as a fact where it is there without an execute bit, and shown under the engine error', () => {
		const subject = failed({name: 'run.sh', searched: ['/usr/local/bin', '/bin'], found: {path: '/bin/run.sh', mode: '644'}});
		expect(sourcedTextOf(subject).facts).toBe('run.sh is at /bin/run.sh in the container (mode 644), but not executable');
		expect(engineErrorEvidence(subject).map(item => item.text)).toEqual([`engine error: ${error}`, 'run.sh is at /bin/run.sh in the container (mode 644), but not executable']);
		expect(factsOf(subject).script).toBe('/bin/run.sh');
	});

	it('is stated as absent from every folder looked in', () => {
		expect(sourcedTextOf(failed({name: 'run.sh', searched: ['/usr/local/bin', '/bin']})).facts).toBe('run.sh is in none of the container\'s PATH folders (/usr/local/bin:/bin)');
	});

	it('says nothing when the file found is executable after all', () => {
		expect(sourcedTextOf(failed({name: 'run.sh', searched: ['/bin'], found: {path: '/bin/run.sh', mode: '755'}})).facts).toBe('');
	});
});

describe('the first line of a script that "does not exist" but does', () => {
	const failed = (scriptStart: ContainerSnapshot['scriptStart']): ContainerSnapshot => ({...container(['exec /app/run.sh: no such file or directory']), scriptStart});

	it('says the script has Windows line endings when its first line ends in a carriage return', () => {
		expect(sourcedTextOf(failed({path: '/app/run.sh', crlf: true, interpreter: '/bin/sh', interpreterFound: true})).facts).toBe('the script /app/run.sh has Windows (CRLF) line endings');
	});

	it('says the interpreter its first line names is not in the container', () => {
		const subject = failed({path: '/app/run.sh', crlf: false, interpreter: '/bin/bash', interpreterFound: false});
		expect(sourcedTextOf(subject).facts).toBe('the script /app/run.sh starts with #!/bin/bash, and /bin/bash is not in the container');
		expect(startFailureEvidence(subject).map(item => item.text)).toEqual(['the script /app/run.sh starts with #!/bin/bash, and /bin/bash is not in the container']);
	});

	it('says nothing when the interpreter is there and the line ends cleanly', () => {
		expect(sourcedTextOf(failed({path: '/app/run.sh', crlf: false, interpreter: '/bin/sh', interpreterFound: true})).facts).toBe('');
	});
});

describe('what reads like an error', () => {
	it.each([
		'KeyError: \'DATABASE_URL\'',
		'ModuleNotFoundError: No module named \'app\'',
		'java.lang.NullPointerException',
		'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError)',
		'Error: connect ECONNREFUSED 127.0.0.1:5432',
	])('%s', text => {
		expect(looksLikeError(text)).toBe(true);
	});

	it.each([
		'Mirrors synced',
		'Terror of the deep: chapter 2 loaded',
		'errorHandler registered',
		'listening on 0.0.0.0:8080',
	])('not %s', text => {
		expect(looksLikeError(text)).toBe(false);
	});
});
