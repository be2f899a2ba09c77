/** What a destructive step destroys comes from the engine's facts: the volume by name, the lock file the log names. */
import {describe, expect, it} from 'vitest';
import {factsOf} from '../../../source/core/detectors/container-evidence.js';
import type {Mount} from '../../../source/core/snapshot.js';
import {container} from './snapshot-builders.js';

const volume = (destination: string): Mount => ({type: 'volume', name: 'shop_dbdata', source: '/var/lib/docker/volumes/shop_dbdata/_data', destination, readWrite: true, mode: 'z'});
const bind = (destination: string): Mount => ({type: 'bind', source: '/srv/shop/db', destination, readWrite: true, mode: ''});
const log = (...texts: string[]) => ({lines: texts.map(text => ({stream: 'stderr' as const, text})), truncated: false});

describe('mount facts', () => {
	it('name a volume by its name, never by the engine\'s path to its storage', () => {
		const facts = factsOf(container({name: 'db', mounts: [volume('/data/db')]}));
		expect(facts).toMatchObject({volume: 'shop_dbdata', 'mount-source': 'shop_dbdata', 'mount-destination': '/data/db'});
	});

	it('name a bind mount by its host path, and no volume', () => {
		const facts = factsOf(container({name: 'db', mounts: [bind('/data/db'), {...volume('/cache'), readWrite: false}]}));
		expect(facts['mount-source']).toBe('/srv/shop/db');
		expect(facts.volume).toBeUndefined();
	});

	it('carry the compose project\'s directory and files from its labels', () => {
		const facts = factsOf(container({name: 'db', labels: {'com.docker.compose.project.working_dir': '/home/me/shop', 'com.docker.compose.project.config_files': '/home/me/shop/compose.yaml'}}));
		expect(facts).toMatchObject({'compose-working-dir': '/home/me/shop', 'compose-config-files': '/home/me/shop/compose.yaml'});
	});
});

describe('the lock file', () => {
	it.each([
		['MongoDB names its lock file', {image: 'mongo:7', mounts: [volume('/data/db')], logs: log('{"attr":{"error":"DBPathInUse: Unable to lock the lock file: /data/db/mongod.lock (Resource temporarily unavailable). Another mongod instance is already running on the /data/db directory"}}')}, 'mongod.lock'],
		['Bitnami MongoDB keeps it deeper in the mount', {image: 'bitnami/mongodb:7.0', mounts: [volume('/bitnami/mongodb')], logs: log('DBPathInUse: Unable to lock the lock file: /bitnami/mongodb/data/db/mongod.lock (Resource temporarily unavailable).')}, 'data/db/mongod.lock'],
		['PostgreSQL names postmaster.pid and its data directory', {image: 'postgres:16', mounts: [volume('/var/lib/postgresql/data')], logs: log('FATAL:  lock file "postmaster.pid" already exists', 'HINT:  Is another postmaster (PID 1) running in data directory "/var/lib/postgresql/data/pgdata"?')}, 'pgdata/postmaster.pid'],
		['PostgreSQL\'s data directory from PGDATA', {image: 'postgres:16', env: ['PGDATA=/var/lib/postgresql/data/pgdata'], mounts: [volume('/var/lib/postgresql/data')], logs: log('FATAL:  lock file "postmaster.pid" already exists')}, 'pgdata/postmaster.pid'],
		['a MongoDB image whose log says nothing yet', {image: 'docker.io/library/mongo:6', mounts: [volume('/data/db')]}, 'mongod.lock'],
	])('%s', (_case, overrides, expected) => {
		expect(factsOf(container({name: 'db', ...overrides}))['lock-file']).toBe(expected);
	});

	it('is not postmaster.pid for a MongoDB container whose log names mongod.lock', () => {
		const facts = factsOf(container({name: 'db', image: 'mongo:7', env: ['PGDATA=/data/db'], mounts: [volume('/data/db')], logs: log('DBPathInUse: Unable to lock the lock file: /data/db/mongod.lock (Resource temporarily unavailable).')}));
		expect(facts['lock-file']).toBe('mongod.lock');
	});

	it.each([
		['a lock outside the mount', {image: 'mongo:7', mounts: [volume('/srv')], logs: log('DBPathInUse: Unable to lock the lock file: /data/db/mongod.lock (Resource temporarily unavailable).')}],
		['a path that walks up', {image: 'app:1', mounts: [volume('/data')], logs: log('DBPathInUse: Unable to lock the lock file: /data/../etc/mongod.lock (x)')}],
		['an image and log that name no database', {image: 'app:1', mounts: [volume('/data')], logs: log('error: something is locked')}],
	])('is not guessed for %s', (_case, overrides) => {
		expect(factsOf(container({name: 'db', ...overrides}))['lock-file']).toBeUndefined();
	});
});
