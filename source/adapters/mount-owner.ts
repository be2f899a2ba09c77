/**
 * Who owns a mount's source on the host: the usual reason a non-root process in the container
 * cannot write it. Only meaningful when the engine runs on this machine; unreadable paths give
 * nothing rather than an error.
 */
import {stat} from 'node:fs/promises';
import type {MountOwner} from '../core/snapshot.js';

export async function readMountOwner(source: string): Promise<MountOwner | undefined> {
	if (!source.startsWith('/')) {
		return undefined;
	}

	try {
		const info = await stat(source);
		return {uid: info.uid, gid: info.gid, mode: (info.mode & 0o7777).toString(8).padStart(3, '0')};
	} catch {
		return undefined;
	}
}
