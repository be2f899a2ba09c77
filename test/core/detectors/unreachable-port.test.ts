/** Which ports nobody outside the container can reach, by what its processes listen on. */
import {describe, expect, it} from 'vitest';
import {probedPort, unreachablePortDetector} from '../../../source/core/detectors/unreachable-port.js';
import type {ContainerListener, ContainerSnapshot} from '../../../source/core/snapshot.js';
import {container, secondsBefore, snapshot} from './snapshot-builders.js';

const listening = (...addresses: string[]): {listeners: ContainerListener[]; via: 'proc'} => ({
	listeners: addresses.map(address => {
		const [, host = '', port = ''] = /^(.*):(\d+)$/.exec(address) ?? [];
		return {address: host, port: Number(port)};
	}),
	via: 'proc',
});

const web = (overrides: Partial<ContainerSnapshot>) => container({
	name: 'web',
	startedAt: secondsBefore(600),
	ports: [{containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 38081}, {containerPort: 8080, protocol: 'tcp', hostIp: '::', hostPort: 38081}],
	...overrides,
});

const probe = (command: string) => ({status: 'unhealthy' as const, failingStreak: 3, test: ['CMD-SHELL', command], log: [{start: '', end: '', exitCode: 1, output: 'wget: can\'t connect to remote host (127.0.0.1): Connection refused'}]});

describe('unreachable-port', () => {
	it.each([
		['loopback only behind a published port', web({listeners: listening('127.0.0.1:8080')}), 'publishes 38081->8080, but the process listens on 127.0.0.1:8080 only'],
		['IPv6 and IPv4 loopback', web({listeners: listening('127.0.0.1:8080', '::1:8080')}), 'publishes 38081->8080, but the process listens on 127.0.0.1:8080, [::1]:8080 only'],
		['an exposed port on loopback', container({name: 'api', exposedPorts: [3000], listeners: listening('127.0.0.1:3000')}), 'exposes 3000 to other containers, but the process listens on 127.0.0.1:3000 only'],
		['a published port nothing listens on, the server on another', web({listeners: listening('0.0.0.0:3000')}), 'publishes 38081->8080, but nothing in the container listens on port 8080; it listens on 0.0.0.0:3000, which is not published'],
		['a probe of a port nothing listens on', container({name: 'site', startedAt: secondsBefore(60), health: probe('wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'), listeners: listening(':::3000')}), 'the health check probes port 8080, where nothing in the container listens; it listens on [::]:3000'],
	])('reports %s', (_name, subject, fact) => {
		const [finding] = unreachablePortDetector.detect(snapshot([subject]));
		expect(finding?.summary).toBe(fact);
		expect(finding?.evidence[0]?.text).toBe(fact);
		expect(finding?.sourcedText?.facts?.split('\n')).toContain(fact);
		expect(finding?.exitCode).toBeUndefined();
	});

	it.each([
		['all interfaces', web({listeners: listening('0.0.0.0:8080')})],
		['all IPv6 interfaces (dual stack)', web({listeners: listening(':::8080')})],
		['the container\'s own address', web({listeners: listening('172.18.0.4:8080')})],
		['loopback and all interfaces', web({listeners: listening('127.0.0.1:8080', '0.0.0.0:8080')})],
		['nothing listening at all (starting, or a UDP service)', web({listeners: listening()})],
		['a published port nothing listens on, in its first seconds', web({startedAt: secondsBefore(5), listeners: listening('0.0.0.0:3000')})],
		['a second published port that is served', web({ports: [{containerPort: 3000, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 3000}, {containerPort: 8080, protocol: 'tcp', hostIp: '0.0.0.0', hostPort: 8080}], listeners: listening('0.0.0.0:3000')})],
		['an exposed port nothing listens on (images expose what they may not use)', container({name: 'db', exposedPorts: [5432], listeners: listening('0.0.0.0:5433')})],
		['listeners not read', web({})],
		['not running', web({state: 'exited', exitCode: 0, listeners: listening('127.0.0.1:8080')})],
		['a probe of the port that is served', container({name: 'site', startedAt: secondsBefore(60), health: probe('curl -f http://localhost:3000/health'), listeners: listening('0.0.0.0:3000')})],
		['a probe whose own program is not in the image (it says nothing about the port)', container({name: 'site', startedAt: secondsBefore(60), health: {...probe('curl -f http://localhost:8080/health'), log: [{start: '', end: '', exitCode: 127, output: '/bin/sh: curl: not found'}]}, listeners: listening(':::3000')})],
	])('does not report %s', (_name, subject) => {
		expect(unreachablePortDetector.detect(snapshot([subject]))).toEqual([]);
	});

	it('fills the container port and the host port for the playbook', () => {
		const [loopback] = unreachablePortDetector.detect(snapshot([web({listeners: listening('127.0.0.1:8080')})]));
		expect(loopback?.facts).toMatchObject({container: 'web', port: '38081', 'container-port': '8080'});
		// The port to publish, or to point the mapping at, is the one the server listens on.
		const [elsewhere] = unreachablePortDetector.detect(snapshot([web({listeners: listening('0.0.0.0:3000')})]));
		expect(elsewhere?.facts).toMatchObject({port: '38081', 'container-port': '3000'});
	});
});

describe('the port a health check probes', () => {
	it.each([
		[['CMD-SHELL', 'curl -f http://localhost:8080/health || exit 1'], 8080],
		[['CMD', 'wget', '-q', '-O-', 'http://127.0.0.1:3000/'], 3000],
		[['CMD-SHELL', 'nc -z localhost 5672'], 5672],
		[['CMD', 'redis-cli', '-p', '6380', 'ping'], 6380],
		[['CMD-SHELL', 'pg_isready --port=5433'], 5433],
		[['CMD-SHELL', 'curl -f http://localhost/health'], undefined],
		[['CMD-SHELL', 'test -f /tmp/ready'], undefined],
	])('%j -> %s', (test, port) => {
		expect(probedPort(container({name: 'x', health: {status: 'unhealthy', failingStreak: 1, test, log: []}}))).toBe(port);
	});
});
