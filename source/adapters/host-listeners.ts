/**
 * Which host processes listen on which TCP ports, read from Linux /proc: /proc/net/tcp{,6} give
 * the listening sockets and their inodes; /proc/<pid>/fd links name the process owning an inode.
 * Without /proc (macOS, Windows, a remote engine) the list is simply empty. Only the named ports
 * are traced back to a process, since walking every process's descriptors costs time.
 */
import {readdir, readFile, readlink} from 'node:fs/promises';
import type {HostListener} from '../core/snapshot.js';

const listenState = '0A';

export async function readHostListeners(portsOfInterest: ReadonlySet<number>, procRoot = '/proc'): Promise<HostListener[]> {
	const sockets = [
		...parseProcNetTcp(await readOptional(`${procRoot}/net/tcp`)),
		...parseProcNetTcp(await readOptional(`${procRoot}/net/tcp6`)),
	].filter(socket => portsOfInterest.has(socket.port));

	if (sockets.length === 0) {
		return [];
	}

	const owners = await findSocketOwners(new Set(sockets.map(socket => socket.inode)), procRoot);
	return sockets.map(socket => {
		const owner = owners.get(socket.inode);
		return {
			port: socket.port,
			protocol: 'tcp' as const,
			address: socket.address,
			...(owner ? {pid: owner.pid, process: owner.process} : {}),
		};
	});
}

export type ListeningSocket = {
	readonly address: string;
	readonly port: number;
	readonly inode: string;
};

/**
 * Parses /proc/net/tcp or tcp6 (or both, one after the other, as `cat` prints them) and keeps the
 * sockets in LISTEN state. Each line's address says its family: 8 hex digits IPv4, 32 IPv6.
 */
export function parseProcNetTcp(text: string): ListeningSocket[] {
	const sockets: ListeningSocket[] = [];
	for (const line of text.split('\n')) {
		const fields = line.trim().split(/\s+/);
		const [local, state, inode] = [fields[1], fields[3], fields[9]];
		if (!local || state !== listenState || !inode) {
			continue;
		}

		const [addressHex = '', portHex = ''] = local.split(':');
		const address = addressHex.length === 8 ? ipv4FromHex(addressHex) : addressHex.length === 32 ? ipv6FromHex(addressHex) : undefined;
		const port = Number.parseInt(portHex, 16);
		if (address !== undefined && /^[\dA-F]{4}$/i.test(portHex)) {
			sockets.push({address, port, inode});
		}
	}

	return sockets;
}

/** /proc/net/tcp stores the address as one little-endian 32-bit word. */
function ipv4FromHex(hex: string): string {
	const bytes = hex.match(/../g) ?? [];
	return bytes.reverse().map(byte => Number.parseInt(byte, 16)).join('.');
}

/** Four little-endian 32-bit words; shown compressed enough to read ("::" for any, "::1"). */
function ipv6FromHex(hex: string): string {
	const words = hex.match(/.{8}/g) ?? [];
	const bytes = words.flatMap(word => (word.match(/../g) ?? []).reverse());
	const groups: string[] = [];
	for (let index = 0; index < bytes.length; index += 2) {
		groups.push(Number.parseInt(`${bytes[index]}${bytes[index + 1]}`, 16).toString(16));
	}

	const text = groups.join(':');
	if (text === '0:0:0:0:0:0:0:0') {
		return '::';
	}

	if (text === '0:0:0:0:0:0:0:1') {
		return '::1';
	}

	return text.replace(/^0:0:0:0:0:ffff:/, '::ffff:');
}

async function findSocketOwners(inodes: ReadonlySet<string>, procRoot: string): Promise<Map<string, {pid: number; process: string}>> {
	const owners = new Map<string, {pid: number; process: string}>();
	let entries: string[];
	try {
		entries = await readdir(procRoot);
	} catch {
		return owners;
	}

	for (const entry of entries) {
		if (owners.size === inodes.size) {
			break;
		}

		if (!/^\d+$/.test(entry)) {
			continue;
		}

		let descriptors: string[];
		try {
			descriptors = await readdir(`${procRoot}/${entry}/fd`);
		} catch {
			continue;
		}

		for (const descriptor of descriptors) {
			const target = await readlink(`${procRoot}/${entry}/fd/${descriptor}`).catch(() => '');
			const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
			if (inode && inodes.has(inode) && !owners.has(inode)) {
				owners.set(inode, {pid: Number(entry), process: await processName(procRoot, entry)});
			}
		}
	}

	return owners;
}

/** Bounded, but generously: the scan redacts before it shortens, so a password in it is not cut in half. */
const maximumCommandLineLength = 4096;

async function processName(procRoot: string, pid: string): Promise<string> {
	const commandLine = (await readOptional(`${procRoot}/${pid}/cmdline`)).split('\0').filter(Boolean);
	if (commandLine.length > 0) {
		return commandLine.join(' ').slice(0, maximumCommandLineLength);
	}

	return (await readOptional(`${procRoot}/${pid}/comm`)).trim();
}

/** A file's text, or "" when it cannot be read (a process that ended, a path that is not there). */
export async function readOptional(file: string): Promise<string> {
	try {
		return await readFile(file, 'utf8');
	} catch {
		return '';
	}
}
