/** Which containers' listeners a scan reads: each reading costs the kernel a walk of its socket tables. */
import {describe, expect, it} from 'vitest';
import {listenersMatter} from '../../source/adapters/container-listeners.js';
import type {InspectAnswer} from '../../source/adapters/engine-answers.js';

const running = (extra: {ports?: Record<string, unknown>; exposed?: Record<string, unknown>; mode?: string; health?: string; test?: string[]; status?: string}): InspectAnswer => ({
	Id: 'a',
	State: {Status: extra.status ?? 'running', ...(extra.health ? {Health: {Status: extra.health}} : {})},
	Config: {ExposedPorts: extra.exposed ?? null, Healthcheck: extra.test ? {Test: extra.test} : null},
	HostConfig: {NetworkMode: extra.mode ?? 'bridge'},
	NetworkSettings: {Ports: (extra.ports ?? {}) as never},
});

describe('whose listeners are read', () => {
	it.each([
		['a published TCP port', running({ports: {'8080/tcp': [{HostIp: '0.0.0.0', HostPort: '38081'}]}}), true],
		['an exposed port', running({exposed: {'5432/tcp': {}}}), true],
		['only a UDP port', running({ports: {'53/udp': [{HostIp: '0.0.0.0', HostPort: '5353'}]}, exposed: {'53/udp': {}}}), false],
		['an exposed port that is not published (null bindings)', running({ports: {'8080/tcp': null}}), false],
		['the host network', running({mode: 'host', exposed: {'80/tcp': {}}}), false],
		['another container\'s network', running({mode: 'container:abc', exposed: {'80/tcp': {}}}), false],
		['not running', running({status: 'exited', exposed: {'80/tcp': {}}}), false],
		['a failing probe that names a port', running({health: 'unhealthy', test: ['CMD-SHELL', 'curl -f http://localhost:8080/health']}), true],
		['a failing probe that names none', running({health: 'unhealthy', test: ['CMD-SHELL', 'test -f /tmp/ready']}), false],
		['a passing probe that names a port', running({health: 'healthy', test: ['CMD-SHELL', 'curl -f http://localhost:8080/health']}), false],
	])('%s -> %s', (_name, inspect, expected) => {
		expect(listenersMatter(inspect)).toBe(expected);
	});
});
