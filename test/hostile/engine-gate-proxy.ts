/**
 * A pass-through to a real engine's socket that can hold requests, so a test can stop or restart
 * the engine at a known point of a scan: while a gate is closed, every request whose path matches
 * waits in the proxy, unsent. Each connection to the proxy has its own connection to the engine
 * and is closed when that one is, as a kept-alive connection to the engine itself would be when
 * the engine goes away; a held request goes out on a fresh one, or closes its connection when the
 * engine is not there. Requests are read one chunk at a time (the client sends each in one write).
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {connect, createServer, type Socket} from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type Gate = {
	/** How many requests wait at the gate now. */
	held(): number;
	/** Lets every waiting request through, and every later one. */
	open(): void;
};

export type GateProxy = {
	/** DOCKER_HOST for it. */
	readonly host: string;
	/** Holds every request whose path (with the API version and query) matches, until opened. */
	closeGate(path: RegExp): Gate;
	/** Requests sent on to the engine that it has not begun to answer. */
	unanswered(): number;
	/** Opens every gate: what a test held is let through whether or not it got as far as opening its own. */
	openGates(): void;
	close(): Promise<void>;
};

type ClosedGate = {readonly path: RegExp; waiting: number; readonly opened: Promise<void>; isOpen: boolean; release(): void};

export async function startGateProxy(engineSocket: string): Promise<GateProxy> {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-gate-proxy-'));
	const socketPath = path.join(directory, 'proxy.sock');
	const gates: ClosedGate[] = [];
	const clients = new Set<Socket>();
	let unanswered = 0;

	const server = createServer(client => {
		clients.add(client);
		let engine: Socket | undefined;
		let holding = false;
		let awaitingAnswer = false;
		let forwarding = Promise.resolve();
		const answered = () => {
			if (awaitingAnswer) {
				awaitingAnswer = false;
				unanswered--;
			}
		};

		const connectToEngine = async () => new Promise<Socket | undefined>(resolve => {
			const socket = connect(engineSocket);
			socket.once('connect', () => {
				resolve(socket);
			});
			socket.once('error', () => {
				resolve(undefined);
			});
			socket.on('data', (data: Buffer) => {
				answered();
				client.write(data);
			});
			socket.on('close', () => {
				if (engine === socket) {
					answered();
					engine = undefined;
					if (!holding) {
						client.destroy();
					}
				}
			});
		});

		client.on('data', (chunk: Buffer) => {
			forwarding = forwarding.then(async () => {
				const requestPath = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r\n/.exec(chunk.toString('latin1', 0, 4096))?.[1];
				const gate = requestPath === undefined ? undefined : gates.find(candidate => !candidate.isOpen && candidate.path.test(requestPath));
				if (gate) {
					holding = true;
					gate.waiting++;
					await gate.opened;
					gate.waiting--;
					holding = false;
				}

				engine ??= await connectToEngine();
				if (!engine) {
					client.destroy();
					return;
				}

				if (!awaitingAnswer) {
					awaitingAnswer = true;
					unanswered++;
				}

				engine.write(chunk);
			});
		});
		client.on('error', () => undefined);
		client.on('close', () => {
			clients.delete(client);
			engine?.destroy();
		});
	});

	const openGates = () => {
		for (const gate of gates.splice(0)) {
			gate.release();
		}
	};

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, resolve);
	});

	return {
		host: `unix://${socketPath}`,
		closeGate(pattern) {
			let release = () => undefined as void;
			const opened = new Promise<void>(resolve => {
				release = resolve;
			});
			const gate: ClosedGate = {
				path: pattern,
				waiting: 0,
				isOpen: false,
				opened,
				release() {
					gate.isOpen = true;
					release();
				},
			};
			gates.push(gate);
			return {held: () => gate.waiting, open: gate.release};
		},
		unanswered: () => unanswered,
		openGates,
		async close() {
			openGates();
			for (const client of clients) {
				client.destroy();
			}

			await new Promise(resolve => {
				server.close(resolve);
			});
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
