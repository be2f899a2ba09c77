import {describe, expect, test} from 'vitest';
import {factsOf} from '../../../source/core/detectors/container-evidence.js';
import {failingScript} from '../../../source/core/detectors/failing-script.js';
import type {ContainerSnapshot} from '../../../source/core/snapshot.js';
import {container, logEvery} from './snapshot-builders.js';

const exited = (overrides: Partial<ContainerSnapshot>) => container({name: 'web-1', state: 'exited', exitCode: 1, ...overrides});

describe('the script a container fails to start', () => {
	test.each([
		['the runtime names it', exited({entrypoint: ['docker-entrypoint.sh'], logs: logEvery(['exec /usr/local/bin/docker-entrypoint.sh: no such file or directory'], 1)}), '/usr/local/bin/docker-entrypoint.sh'],
		['the engine\'s start error names it', exited({error: 'failed to create task: exec: "/app/run.sh": exec /app/run.sh: permission denied'}), '/app/run.sh'],
		['a shell complains about a line of it', exited({logs: logEvery(['/srv/start.sh: line 2: $\'\\r\': command not found'], 1)}), '/srv/start.sh'],
		['the entrypoint names it by its path', exited({entrypoint: ['/bin/sh', '/opt/boot.sh']}), '/opt/boot.sh'],
		['nothing names one', exited({command: ['python', 'app.py']}), undefined],
	])('%s', (_case, subject, expected) => {
		expect(failingScript(subject)).toBe(expected);
	});

	test('the facts name the script, and the host file a bind mount puts there', () => {
		const subject = exited({
			entrypoint: ['/entry.sh'],
			logs: logEvery(['exec /entry.sh: no such file or directory'], 1),
			mounts: [{type: 'bind', source: '/home/dev/shop/entry.sh', destination: '/entry.sh', readWrite: true, mode: ''}],
		});
		expect(factsOf(subject)).toMatchObject({script: '/entry.sh', 'host-script': '/home/dev/shop/entry.sh'});
		expect(factsOf(exited({entrypoint: ['/entry.sh']}))).not.toHaveProperty('host-script');
		const inFolder = exited({entrypoint: ['/scripts/run/boot.sh'], mounts: [
			{type: 'bind', source: '/home/dev/shop', destination: '/scripts', readWrite: false, mode: 'ro'},
			{type: 'bind', source: '/home/dev/shop/bin/', destination: '/scripts/run/', readWrite: false, mode: 'ro'},
			{type: 'bind', source: '/home/dev/other', destination: '/scripts/runner', readWrite: false, mode: 'ro'},
		]});
		expect(factsOf(inFolder)['host-script']).toBe('/home/dev/shop/bin/boot.sh');
	});
});
