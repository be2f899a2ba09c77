import {createHash, randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {link, mkdir, open, readdir, readFile, rename, stat, unlink} from 'node:fs/promises';
import {hostname} from 'node:os';
import path from 'node:path';
import {UserError} from '../core/user-error.js';

/**
 * Changes a team's blocker log without ever leaving it torn or losing someone else's edit:
 * writers take turns through an exclusive `<file>.lock`; the new content goes to a temporary file
 * in the same directory, is flushed to disk, and replaces the original by rename only if the
 * original still holds what was read. If it changed meanwhile (an editor saved it), the change is
 * read back in and the update is rebuilt on top of it.
 */

/** The blocker log could not be written (exit code 2, as for an engine that cannot be reached). */
export class KnowledgeWriteError extends UserError {
	override readonly name = 'KnowledgeWriteError';
	declare readonly hint: string;

	constructor(message: string, hint: string) {
		super(message, {hint});
	}
}

export type UpdateOptions = {
	/** How long to wait for another writer's lock. */
	readonly lockTimeoutMs?: number;
	/** A lock older than this is someone's crash, not a writer at work. */
	readonly staleLockMs?: number;
	/** How often to rebuild when the file keeps changing under us. */
	readonly attempts?: number;
	/** Called after the new content is on disk and before it replaces the original (tests crash or race here). */
	readonly beforeReplace?: (file: string) => void | Promise<void>;
};

export type UpdateResult = {
	readonly file: string;
	readonly previous: string | undefined;
	readonly content: string;
};

/** Rewrites `file` to `build(current)` atomically; `current` is undefined when it does not exist yet. */
export async function updateFileAtomically(file: string, build: (current: string | undefined) => string, options: UpdateOptions = {}): Promise<UpdateResult> {
	const target = path.resolve(file);
	await mkdir(path.dirname(target), {recursive: true});
	// Built before the lock is taken: on a large log building takes a while, and nothing needs
	// cleaning up if it is interrupted then. Under the lock it is used only if the file is unchanged.
	const before = await readState(target);
	const prepared = {before, content: build(before.text)};
	return withInterruptionsDeferred(async interrupted => update({file, target}, build, prepared, options, interrupted));
}

/**
 * Ctrl-C or SIGTERM in the middle of a write would leave the lock and a temporary file behind.
 * While a write is under way they are held back: the write finishes (or, while still waiting for
 * another writer's lock, gives up), its files are cleaned up, and then the same signal is raised
 * again, so the process ends (or its own handler runs) as if it had come a moment later.
 */
async function withInterruptionsDeferred<T>(work: (interrupted: () => boolean) => Promise<T>): Promise<T> {
	let received: NodeJS.Signals | undefined;
	const hold = (signal: NodeJS.Signals) => {
		received ??= signal;
	};

	const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
	for (const signal of signals) {
		process.on(signal, hold);
	}

	try {
		return await work(() => received !== undefined);
	} finally {
		for (const signal of signals) {
			process.off(signal, hold);
		}

		if (received) {
			process.kill(process.pid, received);
		}
	}
}

type Prepared = {readonly before: FileState; readonly content: string};

async function update({file, target}: {readonly file: string; readonly target: string}, build: (current: string | undefined) => string, prepared: Prepared, options: UpdateOptions, interrupted: () => boolean): Promise<UpdateResult> {
	const release = await acquireLock(target, options, interrupted);
	try {
		await removeOrphanedTemporaryFiles(target);
		const attempts = options.attempts ?? 5;
		for (let attempt = 0; attempt < attempts; attempt++) {
			const {before, content} = attempt === 0 ? prepared : await rebuild(target, build);
			const temporary = await writeTemporary(target, content, before.mode);
			try {
				await options.beforeReplace?.(temporary);
				const now = await readState(target);
				if (now.hash !== before.hash) {
					continue;
				}

				await replace(temporary, target, before.text === undefined);
				await syncDirectory(path.dirname(target));
				return {file: target, previous: before.text, content};
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
					throw error;
				}
			} finally {
				await unlink(temporary).catch(() => undefined);
			}
		}

		throw new KnowledgeWriteError(
			`${file} kept changing while unblock tried to add to it`,
			'someone or something is editing it right now; save your changes there and run the command again',
		);
	} finally {
		await release();
	}
}

type FileState = {readonly text: string | undefined; readonly hash: string; readonly mode: number | undefined};

async function rebuild(file: string, build: (current: string | undefined) => string): Promise<Prepared> {
	const before = await readState(file);
	return {before, content: build(before.text)};
}

async function readState(file: string): Promise<FileState> {
	try {
		const [bytes, info] = await Promise.all([readFile(file), stat(file)]);
		return {text: bytes.toString('utf8'), hash: createHash('sha256').update(bytes).digest('hex'), mode: info.mode & 0o777};
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return {text: undefined, hash: 'absent', mode: undefined};
		}

		throw cannotRead(file, error);
	}
}

const temporarySuffix = '.unblock-tmp';

function temporaryName(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}${temporarySuffix}`);
}

async function writeTemporary(file: string, content: string, mode: number | undefined): Promise<string> {
	const temporary = temporaryName(file);
	const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o644);
	try {
		await handle.writeFile(content, 'utf8');
		await handle.sync();
	} finally {
		await handle.close();
	}

	return temporary;
}

/** An existing file is replaced by rename; a new one is created by link, which fails if someone created it meanwhile. */
async function replace(temporary: string, target: string, isNew: boolean): Promise<void> {
	if (isNew) {
		await link(temporary, target);
		return;
	}

	await rename(temporary, target);
}

async function syncDirectory(directory: string): Promise<void> {
	try {
		const handle = await open(directory, constants.O_RDONLY);
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		// Not every platform can fsync a directory (Windows); the rename itself is still atomic.
	}
}

/** Temporary files of writers that crashed (their process is gone) are removed. */
async function removeOrphanedTemporaryFiles(file: string): Promise<void> {
	const prefix = `.${path.basename(file)}.`;
	let names: string[];
	try {
		names = await readdir(path.dirname(file));
	} catch {
		return;
	}

	for (const name of names) {
		if (!name.startsWith(prefix) || !name.endsWith(temporarySuffix)) {
			continue;
		}

		const pid = Number(name.slice(prefix.length).split('.')[0]);
		if (Number.isInteger(pid) && !isAlive(pid)) {
			await unlink(path.join(path.dirname(file), name)).catch(() => undefined);
		}
	}
}

type LockOwner = {readonly pid: number; readonly host: string; readonly token: string; readonly since: number};

async function acquireLock(file: string, options: UpdateOptions, interrupted: () => boolean): Promise<() => Promise<void>> {
	const lockFile = `${file}.lock`;
	const owner: LockOwner = {pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), since: Date.now()};
	const deadline = Date.now() + (options.lockTimeoutMs ?? 10_000);
	const staleAfter = options.staleLockMs ?? 30_000;

	for (;;) {
		try {
			const handle = await open(lockFile, 'wx');
			try {
				await handle.writeFile(JSON.stringify(owner));
			} finally {
				await handle.close();
			}

			return async () => {
				const holder = await readLock(lockFile);
				if (holder?.token === owner.token) {
					await unlink(lockFile).catch(() => undefined);
				}
			};
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
				throw new KnowledgeWriteError(
					`cannot create the lock file ${lockFile} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
					'check that you can write to that directory',
				);
			}
		}

		const holder = await readLock(lockFile);
		if (await isStale(lockFile, holder, staleAfter)) {
			// Only the lock we judged stale is removed, not one a faster writer just took.
			const again = await readLock(lockFile);
			if (again?.token === holder?.token) {
				await unlink(lockFile).catch(() => undefined);
			}

			continue;
		}

		if (interrupted()) {
			throw new KnowledgeWriteError(`interrupted while waiting to write ${file}`, 'nothing was written; run the command again');
		}

		if (Date.now() > deadline) {
			throw new KnowledgeWriteError(
				`another unblock is writing ${file}${holder ? ` (process ${holder.pid})` : ''}`,
				`wait for it to finish and try again; if no unblock is running, delete ${lockFile}`,
			);
		}

		await delay(20 + Math.floor(Math.random() * 40));
	}
}

async function readLock(lockFile: string): Promise<LockOwner | undefined> {
	try {
		const data = JSON.parse(await readFile(lockFile, 'utf8')) as Partial<LockOwner>;
		return typeof data.pid === 'number' && typeof data.token === 'string'
			? {pid: data.pid, host: String(data.host ?? ''), token: data.token, since: Number(data.since ?? 0)}
			: undefined;
	} catch {
		// Missing, or caught half-written: treated as held until it is old.
		return undefined;
	}
}

async function isStale(lockFile: string, holder: LockOwner | undefined, staleAfter: number): Promise<boolean> {
	if (holder && holder.host === hostname() && !isAlive(holder.pid)) {
		return true;
	}

	try {
		const info = await stat(lockFile);
		return Date.now() - info.mtimeMs > staleAfter;
	} catch {
		// Gone already: try again at once.
		return true;
	}
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function delay(milliseconds: number): Promise<void> {
	return new Promise(resolve => {
		setTimeout(resolve, milliseconds);
	});
}

function cannotRead(file: string, error: unknown): KnowledgeWriteError {
	return new KnowledgeWriteError(
		`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
		'check that the file exists and you may read and write it',
	);
}
