/** A process's descendants and peak memory, read from /proc (Linux). */
import {readdirSync, readFileSync} from 'node:fs';

/** The parent pid from the text of /proc/<pid>/stat; the command name in it may hold spaces and parentheses. */
export function parentFromStat(stat: string): number | undefined {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const parent = Number(fields[1]);
	return Number.isInteger(parent) ? parent : undefined;
}

/** VmHWM of /proc/<pid>/status (kB) in megabytes. */
export function peakFromStatus(status: string): number | undefined {
	const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
	return match ? Number(match[1]) / 1024 : undefined;
}

export function descendantPids(root: number): number[] {
	const children = new Map<number, number[]>();
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}

		const parent = parentFromStat(readOrEmpty(`/proc/${entry}/stat`));
		if (parent !== undefined) {
			children.set(parent, [...children.get(parent) ?? [], Number(entry)]);
		}
	}

	const found: number[] = [];
	const queue = [root];
	while (queue.length > 0) {
		for (const child of children.get(queue.shift()!) ?? []) {
			found.push(child);
			queue.push(child);
		}
	}

	return found;
}

/** The first descendant whose command line contains `fragment` (the node process a wrapper started). */
export function findDescendant(root: number, fragment: string): number | undefined {
	return descendantPids(root).find(pid => readOrEmpty(`/proc/${pid}/cmdline`).split('\0').some(argument => argument.includes(fragment)));
}

export function peakResidentMegabytes(pid: number): number | undefined {
	return peakFromStatus(readOrEmpty(`/proc/${pid}/status`));
}

/** SIGKILL to a process and everything under it, including processes in sessions of their own (a pty's child). */
export function killProcessTree(root: number): void {
	for (const pid of [...descendantPids(root).reverse(), root]) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// Already gone.
		}
	}
}

function readOrEmpty(file: string): string {
	try {
		return readFileSync(file, 'utf8');
	} catch {
		return '';
	}
}
