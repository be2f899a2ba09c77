/** Which start errors send unblock looking for the program, and in which folders it looks. */
import {describe, expect, it} from 'vitest';
import {pathFolders, programNotInPath} from '../../source/adapters/program-lookup.js';

describe('the program a start error says PATH lacks', () => {
	it.each([
		['runc', 'failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "start-api.sh": executable file not found in $PATH: unknown', 'start-api.sh'],
		['runc, older wording with escaped quotes', 'starting container process caused "exec: \\"gunicorn\\": executable file not found in $PATH": unknown', 'gunicorn'],
		['crun', 'crun: executable file `uvicorn` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found', 'uvicorn'],
	])('%s', (_name, error, name) => {
		expect(programNotInPath(error)).toBe(name);
	});

	it.each([
		['a path, which is not looked up in PATH', 'exec: "/app/run": stat /app/run: no such file or directory: unknown'],
		['a command written as one string (a name with spaces)', 'exec: "npm run start": executable file not found in $PATH: unknown'],
		['permission denied', 'exec: "/entrypoint.sh": permission denied: unknown'],
		['no error', undefined],
	])('none for %s', (_name, error) => {
		expect(programNotInPath(error)).toBeUndefined();
	});
});

describe('the folders looked in', () => {
	it('are the container\'s own PATH, absolute folders only, each once, without trailing slashes', () => {
		expect(pathFolders({Config: {Env: ['HOME=/root', 'PATH=/opt/venv/bin/:relative:/usr/bin::/usr/bin:/']}})).toEqual(['/opt/venv/bin', '/usr/bin', '/']);
	});

	it('are runc\'s default when the container sets no PATH', () => {
		expect(pathFolders({Config: {Env: ['HOME=/root']}})).toEqual(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);
	});
});
