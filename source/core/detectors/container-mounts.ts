/**
 * A container's mounts as evidence: which one a problem most likely concerns, and whether its
 * owner and mode keep the container's user from writing there while the container says so.
 */
import type {Evidence} from '../finding.js';
import type {ContainerSnapshot, Mount} from '../snapshot.js';
import {mountOwnerFact} from './fact-lines.js';
import {importantLogLines} from './important-log-lines.js';

/** A write the process was refused: what makes a mount's owner worth weighing. */
const writeRefused = /permission denied|\bEACCES\b|\[Errno 13\]|Operation not permitted|AccessDeniedException|\bEPERM\b/i;

/**
 * A writable mount that the container's user neither owns nor may write through group or other
 * bits, while the container reports a write it was refused.
 */
export function mountOwnerFacts(container: ContainerSnapshot): string[] {
	const user = numericUserAndGroup(container.user);
	if (!user || user.uid === 0) {
		return [];
	}

	const refused = [container.error ?? '', ...importantLogLines(container).errors].some(line => writeRefused.test(line));
	if (!refused) {
		return [];
	}

	const facts: string[] = [];
	for (const mount of container.mounts) {
		const owner = mount.owner;
		if (!owner || !mount.readWrite || (mount.type !== 'bind' && mount.type !== 'volume') || owner.uid === user.uid) {
			continue;
		}

		const bits = Number.parseInt(owner.mode, 8);
		const groupMay = user.gid !== undefined && user.gid === owner.gid && (bits & 0o020) !== 0;
		if (Number.isFinite(bits) && ((bits & 0o002) !== 0 || groupMay)) {
			continue;
		}

		facts.push(mountOwnerFact(owner.uid, owner.mode, user.uid));
	}

	return [...new Set(facts)];
}

/**
 * The mount a problem most likely concerns: the one whose destination holds a path named in the
 * errors (longest match), else a writable mount the container's user does not own, else the
 * first writable one.
 */
export function relevantMount(container: ContainerSnapshot): Mount | undefined {
	const writable = container.mounts.filter(mount => mount.readWrite && mount.type !== 'tmpfs');
	const text = [container.error ?? '', ...importantLogLines(container).errors].join('\n');
	const named = [...container.mounts]
		.filter(mount => mount.destination && mount.destination !== '/' && pathMentioned(text, mount.destination))
		.sort((left, right) => right.destination.length - left.destination.length)[0];
	if (named) {
		return named;
	}

	const uid = numericUser(container.user);
	return writable.find(mount => mount.owner && uid !== undefined && mount.owner.uid !== uid) ?? writable[0];
}

/** Evidence about who owns the relevant mount versus who the process runs as. */
export function mountEvidence(container: ContainerSnapshot): Evidence[] {
	const mount = relevantMount(container);
	if (!mount) {
		return [];
	}

	const owner = mount.owner ? `, owned by uid ${mount.owner.uid} mode ${mount.owner.mode}` : '';
	const user = container.user ? `; the container runs as ${container.user}` : '; the container runs as the image\'s default user';
	const source = mount.type === 'volume' ? `volume ${mount.name ?? mount.source}` : mount.source;
	return [{kind: 'mount', text: `mount: ${source} -> ${mount.destination} (${mount.readWrite ? 'rw' : 'ro'}${owner})${user}`}];
}

function pathMentioned(text: string, destination: string): boolean {
	const escaped = destination.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return new RegExp(`${escaped}(?:$|[/'"\\s:,)])`, 'm').test(text);
}

/** "1000", "1000:1000" → 1000; no user set means root (0); a name cannot be resolved without the image's passwd. */
export function numericUser(user: string | undefined): number | undefined {
	return numericUserAndGroup(user)?.uid;
}

function numericUserAndGroup(user: string | undefined): {uid: number; gid?: number} | undefined {
	if (!user) {
		return {uid: 0};
	}

	const match = /^(\d+)(?::(\d+))?$/.exec(user);
	return match ? {uid: Number(match[1]), ...(match[2] === undefined ? {} : {gid: Number(match[2])})} : undefined;
}

/** A listening address only the container itself can reach. */
