import {createHash} from 'node:crypto';

/** What unblock's caches are keyed by: SHA-256 of the bytes, ~1 ms for all the shipped files. */
export function contentHash(bytes: Uint8Array | string): string {
	return createHash('sha256').update(bytes).digest('base64url');
}
