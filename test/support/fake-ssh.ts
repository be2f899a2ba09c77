/**
 * A stand-in for `ssh` first on PATH, for the ssh transport's tests: it writes the arguments it
 * got to a log, one JSON array a line, then either fails the way ssh does when a key is refused or
 * relays its stdin and stdout to a unix socket, which is what `docker system dial-stdio` does on
 * the remote end. No vitest import: integration and unit suites both use it.
 */
import {chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type FakeSsh = {
	/** Arguments of every ssh started so far, in order. */
	calls(): string[][];
	/** Restores PATH and the variables the fake reads; removes its directory. */
	remove(): void;
};

const script = `#!${process.execPath}
const fs = require('node:fs');
const net = require('node:net');
fs.appendFileSync(process.env.UNBLOCK_FAKE_SSH_LOG, JSON.stringify(process.argv.slice(2)) + '\\n');
if (process.env.UNBLOCK_FAKE_SSH_REFUSE) {
	process.stderr.write('Warning: Permanently added the host key.\\n' + process.env.UNBLOCK_FAKE_SSH_REFUSE + '\\n');
	process.exit(255);
}

const socket = net.connect(process.env.UNBLOCK_FAKE_SSH_SOCKET);
process.stdin.pipe(socket);
socket.pipe(process.stdout);
socket.on('error', () => process.exit(1));
socket.on('close', () => process.exit(0));
`;

/** Puts the fake first on PATH of this process (and so of every child it starts). */
export function installFakeSsh(options: {socketPath: string; refuseWith?: string}): FakeSsh {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-fake-ssh-'));
	const log = path.join(directory, 'calls.log');
	writeFileSync(log, '');
	writeFileSync(path.join(directory, 'ssh'), script);
	chmodSync(path.join(directory, 'ssh'), 0o755);
	const saved = {
		PATH: process.env.PATH,
		UNBLOCK_FAKE_SSH_LOG: process.env.UNBLOCK_FAKE_SSH_LOG,
		UNBLOCK_FAKE_SSH_SOCKET: process.env.UNBLOCK_FAKE_SSH_SOCKET,
		UNBLOCK_FAKE_SSH_REFUSE: process.env.UNBLOCK_FAKE_SSH_REFUSE,
	};
	process.env.PATH = `${directory}${path.delimiter}${process.env.PATH ?? ''}`;
	process.env.UNBLOCK_FAKE_SSH_LOG = log;
	process.env.UNBLOCK_FAKE_SSH_SOCKET = options.socketPath;
	if (options.refuseWith === undefined) {
		delete process.env.UNBLOCK_FAKE_SSH_REFUSE;
	} else {
		process.env.UNBLOCK_FAKE_SSH_REFUSE = options.refuseWith;
	}

	return {
		calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as string[]),
		remove() {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) {
					delete process.env[key];
				} else {
					process.env[key] = value;
				}
			}

			rmSync(directory, {recursive: true, force: true});
		},
	};
}
