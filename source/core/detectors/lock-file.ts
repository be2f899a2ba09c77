/**
 * The lock file a database finds held or left behind, as a path relative to the top of the mount
 * that holds it: what a helper container that mounts the same data at /x reaches as /x/<it>. The
 * log says which file it is (MongoDB names the whole path; PostgreSQL names postmaster.pid and, in
 * its hint, the data directory); without it the image says which database runs (PGDATA, or the
 * database's own data directory). A lock nothing names, or one outside the mount, is not guessed.
 */
import type {ContainerSnapshot, Mount} from '../snapshot.js';

const mongoLock = /Unable to lock the lock file: (\/[^\s"'()]{1,500}\/mongod\.lock)\b/;
const postgresLock = /lock file "([^"\n]{0,500}postmaster\.pid)" already exists/;
const postgresDataDirectory = /running in data directory "(\/[^"\n]{1,500})"/;

const postgresImage = /(?:^|\/)(?:postgres|postgis|timescaledb[\w-]*|pgvector|postgresql)(?::|@|$)/i;
const mongoImage = /(?:^|\/)mongo(?:db)?(?:-[\w-]+)?(?::|@|$)/i;
const postgresDefaultData = '/var/lib/postgresql/data';
const mongoDefaultData = '/data/db';

export function lockFileIn(container: ContainerSnapshot, mount: Mount): string | undefined {
	const path = lockFilePath(container);
	return path === undefined ? undefined : relativeTo(mount.destination, path);
}

/** The lock file's absolute path inside the container, or undefined when neither log nor image says. */
export function lockFilePath(container: ContainerSnapshot): string | undefined {
	const texts = (container.logs?.lines ?? []).map(line => line.text);
	for (const text of [...texts].reverse()) {
		const mongo = mongoLock.exec(text);
		if (mongo) {
			return mongo[1];
		}
	}

	const postgres = texts.map(text => postgresLock.exec(text)?.[1]).findLast(Boolean);
	const dataDirectory = texts.map(text => postgresDataDirectory.exec(text)?.[1]).findLast(Boolean)
		?? environment(container, 'PGDATA');
	if (postgres !== undefined) {
		return postgres.startsWith('/') ? postgres : join(dataDirectory ?? postgresDefaultData, postgres);
	}

	if (postgresImage.test(container.image)) {
		return join(dataDirectory ?? postgresDefaultData, 'postmaster.pid');
	}

	return mongoImage.test(container.image) ? join(mongoDefaultData, 'mongod.lock') : undefined;
}

/** `path` below `directory`, without a leading slash; undefined when it is not below it or walks up. */
function relativeTo(directory: string, path: string): string | undefined {
	const top = directory.replace(/\/+$/, '');
	if (!path.startsWith(`${top}/`)) {
		return undefined;
	}

	const rest = path.slice(top.length + 1);
	const parts = rest.split('/');
	return parts.every(part => part !== '' && part !== '.' && part !== '..') ? rest : undefined;
}

function join(directory: string, file: string): string {
	return `${directory.replace(/\/+$/, '')}/${file.replace(/^\.\//, '')}`;
}

function environment(container: ContainerSnapshot, name: string): string | undefined {
	const entry = container.env.findLast(item => item.startsWith(`${name}=`));
	const value = entry?.slice(name.length + 1);
	return value?.startsWith('/') ? value : undefined;
}
