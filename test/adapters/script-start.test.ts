/** Which start failures send unblock reading the first line of the script. */
import {describe, expect, it} from 'vitest';
import {scriptThatFailed} from '../../source/adapters/script-start.js';

describe('the script a start failure names as missing', () => {
	it.each([
		['the engine\'s start error', {State: {Error: 'OCI runtime create failed: unable to start container process: exec /entrypoint.sh: no such file or directory: unknown'}}, undefined, '/entrypoint.sh'],
		['the log of a container that exited', {State: {}}, {truncated: false, lines: [{stream: 'stderr' as const, text: 'exec /app/start.sh: no such file or directory'}]}, '/app/start.sh'],
		['neither', {State: {Error: 'exec: "x": executable file not found in $PATH'}}, undefined, undefined],
		['a container running its first run (a child\'s failure, not its start)', {State: {Status: 'running'}, RestartCount: 0}, {truncated: false, lines: [{stream: 'stderr' as const, text: 'exec /app/hook.sh: no such file or directory'}]}, undefined],
	])('from %s', (_name, inspect, logs, script) => {
		expect(scriptThatFailed(inspect, logs)).toBe(script);
	});
});
