/**
 * What a running container's processes listen on, read from its own network namespace. On a
 * local Linux engine that is /proc/<pid>/net/tcp{,6} of its main process, once its cgroup shows
 * the pid really is that container's (a socket that only looks local, such as a VM's forwarded
 * one, has other pids behind it). Otherwise, or when /proc cannot be read, an exec of `cat` on the
 * same two files inside the container: read-only, bounded in time and bytes; an image without
 * `cat` gives nothing. Only containers with a TCP port to serve are looked at, and only those
 * with a network namespace of their own.
 */
import {probedPortOf} from '../core/detectors/unreachable-port.js';
import type {ListenerReading} from '../core/snapshot.js';
import {execInContainer} from './checks/container-exec.js';
import type {EngineConnection} from './docker-client.js';
import type {InspectAnswer} from './engine-answers.js';
import {parseProcNetTcp, readOptional} from './host-listeners.js';

/** The exec's command; the event watch knows it, so its own exec events are not taken for changes. */
export const listenerCommand: readonly string[] = ['cat', '/proc/net/tcp', '/proc/net/tcp6'];

export type ListenerOptions = {
	/** The engine runs on this machine, so its pids may be this machine's. */
	readonly local: boolean;
	readonly timeoutMs: number;
	readonly procRoot?: string;
};

/**
 * Whether what the container listens on matters: it runs in a namespace of its own and has
 * ports to serve, or a failing health check whose probe names a port (it may knock on the wrong
 * one). Reading costs the kernel a walk of its socket tables (~5 ms a file here), so no more.
 */
export function listenersMatter(inspect: InspectAnswer): boolean {
	if (inspect.State?.Status !== 'running') {
		return false;
	}

	const mode = inspect.HostConfig?.NetworkMode ?? '';
	if (mode === 'host' || mode === 'none' || mode.startsWith('container:') || mode.startsWith('service:')) {
		return false;
	}

	const published = [inspect.NetworkSettings?.Ports, inspect.HostConfig?.PortBindings].some(ports =>
		Object.entries(ports ?? {}).some(([key, bindings]) => key.endsWith('/tcp') && (bindings ?? []).length > 0));
	const exposed = Object.keys(inspect.Config?.ExposedPorts ?? {}).some(key => !key.endsWith('/udp') && !key.endsWith('/sctp'));
	const probed = inspect.State?.Health?.Status === 'unhealthy' && probedPortOf(inspect.Config?.Healthcheck?.Test ?? []) !== undefined;
	return published || exposed || probed;
}

/** The container's listening TCP sockets, or undefined when they cannot be read. Never throws. */
export async function readContainerListeners(connection: EngineConnection, inspect: InspectAnswer, options: ListenerOptions): Promise<ListenerReading | undefined> {
	const fromProc = options.local && process.platform === 'linux' ? await readFromProc(inspect, options.procRoot ?? '/proc') : undefined;
	if (fromProc) {
		return fromProc;
	}

	return readByExec(connection, inspect.Id ?? '', options.timeoutMs);
}

async function readFromProc(inspect: InspectAnswer, procRoot: string): Promise<ListenerReading | undefined> {
	const pid = inspect.State?.Pid;
	const id = inspect.Id ?? '';
	if (!pid || pid <= 0 || !/^[\da-f]{12,64}$/.test(id)) {
		return undefined;
	}

	const cgroup = await readOptional(`${procRoot}/${pid}/cgroup`);
	if (!cgroup.includes(id)) {
		return undefined;
	}

	const [tcp, tcp6] = await Promise.all([readOptional(`${procRoot}/${pid}/net/tcp`), readOptional(`${procRoot}/${pid}/net/tcp6`)]);
	if (!tcp && !tcp6) {
		return undefined;
	}

	return {listeners: unique(parseProcNetTcp(`${tcp}\n${tcp6}`)), via: 'proc'};
}

async function readByExec(connection: EngineConnection, id: string, timeoutMs: number): Promise<ListenerReading | undefined> {
	try {
		const result = await execInContainer(connection, id, listenerCommand, AbortSignal.timeout(timeoutMs));
		// cat prints what it can read; a kernel without IPv6 has no tcp6 and cat exits 1 for that alone.
		const sockets = parseProcNetTcp(result.output);
		return result.exitCode === 0 || sockets.length > 0 || /\bsl\s+local_address\b/.test(result.output)
			? {listeners: unique(sockets), via: 'exec'}
			: undefined;
	} catch {
		return undefined;
	}
}

/** The engine's DNS server, which it runs in every container of a user-defined network; not the container's own. */
const engineResolver = '127.0.0.11';

function unique(sockets: ReadonlyArray<{address: string; port: number}>): Array<{address: string; port: number}> {
	const seen = new Set<string>();
	return sockets.flatMap(({address, port}) => {
		const key = `${address}:${port}`;
		if (seen.has(key) || address === engineResolver) {
			return [];
		}

		seen.add(key);
		return [{address, port}];
	}).sort((left, right) => left.port - right.port || left.address.localeCompare(right.address));
}
