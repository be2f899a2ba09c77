import type {SecretValues} from './secret-values.js';

/**
 * What one scan of the engine saw. The engine adapter builds it once; detectors, matching and
 * reports only read it. Every text in it that came from a container (logs, health output,
 * environment) is already neutralised and redacted by the adapter.
 */

export type EngineInfo = {
	readonly reachable: boolean;
	/** Where unblock looked: unix:///var/run/docker.sock, tcp://..., ssh://... */
	readonly host: string;
	/** The docker context the endpoint came from (--context, DOCKER_CONTEXT or the current one). */
	readonly context?: string;
	readonly version?: string;
	readonly apiVersion?: string;
	readonly os?: string;
	/** Podman answers the Docker API too; it names itself in the version's components. */
	readonly product?: 'docker' | 'podman';
	readonly rootless?: boolean;
};

export type ContainerState = 'created' | 'running' | 'restarting' | 'exited' | 'paused' | 'dead' | 'removing';

export type HealthStatus = 'none' | 'starting' | 'healthy' | 'unhealthy';

export type HealthProbe = {
	readonly start: string;
	readonly end: string;
	readonly exitCode: number;
	readonly output: string;
};

export type ContainerHealth = {
	readonly status: HealthStatus;
	readonly failingStreak: number;
	/** The probe as configured, e.g. ["CMD", "curl", "-f", "http://localhost/health"]. */
	readonly test?: readonly string[];
	/** Newest last, as the engine keeps them (at most five). */
	readonly log: readonly HealthProbe[];
};

export type MountOwner = {
	readonly uid: number;
	readonly gid: number;
	/** Permission bits as octal text, e.g. "755". */
	readonly mode: string;
};

export type Mount = {
	readonly type: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
	/** The host path of a bind mount; for a volume the engine's own path to it (its storage, not a host path to use: see `name`). */
	readonly source: string;
	readonly name?: string;
	readonly destination: string;
	readonly readWrite: boolean;
	readonly mode: string;
	/** Read from the host where the path is local and readable; absent otherwise. */
	readonly owner?: MountOwner;
};

export type PortBinding = {
	readonly containerPort: number;
	readonly protocol: 'tcp' | 'udp' | 'sctp';
	readonly hostIp: string;
	readonly hostPort?: number;
};

/** A TCP port the container's own network namespace listens on. */
export type ContainerListener = {
	/** "127.0.0.1", "0.0.0.0", "::", "::1", "::ffff:127.0.0.1". */
	readonly address: string;
	readonly port: number;
};

export type ListenerReading = {
	readonly listeners: readonly ContainerListener[];
	/** Read from the host's /proc for the container's process, or by an exec in the container. */
	readonly via: 'proc' | 'exec';
};

/**
 * Where the program the engine could not find in PATH ("exec: \"start.sh\": executable file not
 * found in $PATH") is in the container's file system: runc says so both for a program that is not
 * there and for a file that is there without an execute bit.
 */
export type ProgramLookup = {
	readonly name: string;
	/** The PATH folders looked in, in order. */
	readonly searched: readonly string[];
	/** The first regular file of that name in them, with its permission bits ("644"). */
	readonly found?: {readonly path: string; readonly mode: string};
};

/**
 * The first line of the script the runtime could not execute ("exec /x.sh: no such file or
 * directory" for a file that is there).
 */
export type ScriptStart = {
	readonly path: string;
	/** The first line ends in a carriage return: the file has Windows line endings. */
	readonly crlf: boolean;
	/** The interpreter its `#!` line names, and whether the container has it. */
	readonly interpreter?: string;
	readonly interpreterFound?: boolean;
};

/** A network the container is attached to, and the names it answers to there. */
export type NetworkAttachment = {
	readonly network: string;
	/** Aliases on this network (the compose service name, `--network-alias`), not the container name. */
	readonly aliases: readonly string[];
	readonly ipAddress?: string;
};

/** How the container's last run ended, from the engine's events (and its state) where they reach back. */
export type RunEnding = {
	readonly exitCode: number;
	/** When it ended, as the engine stamped it. */
	readonly at?: string;
	/**
	 * Someone asked the engine to end it: `docker stop` / `compose stop|down` ('stop'), or
	 * `docker kill` ('kill'). Absent: it ended on its own (a crash, an exit, the OOM killer).
	 */
	readonly requested?: 'stop' | 'kill';
	/** The engine logged an oom event in that run: the kernel killed for memory, whatever OOMKilled says. */
	readonly oomKilled?: true;
};

export type NetworkSnapshot = {
	readonly id: string;
	readonly name: string;
	readonly driver?: string;
	readonly labels: Readonly<Record<string, string>>;
};

export type LogLine = {
	readonly stream: 'stdout' | 'stderr';
	readonly text: string;
	readonly timestamp?: string;
};

export type ContainerLogs = {
	readonly lines: readonly LogLine[];
	/** Older lines or bytes were left out to keep the tail bounded. */
	readonly truncated: boolean;
};

export type ContainerSnapshot = {
	readonly id: string;
	readonly name: string;
	readonly image: string;
	readonly labels: Readonly<Record<string, string>>;
	readonly project?: string;
	readonly service?: string;
	/** Compose services this one waits for (com.docker.compose.depends_on). */
	readonly dependsOn: readonly string[];
	readonly state: ContainerState;
	readonly health?: ContainerHealth;
	readonly restartCount: number;
	readonly restartPolicy?: string;
	readonly exitCode: number;
	readonly oomKilled: boolean;
	/** The engine's own start error (State.Error), e.g. "port is already allocated". */
	readonly error?: string;
	readonly createdAt?: string;
	readonly startedAt?: string;
	readonly finishedAt?: string;
	readonly mounts: readonly Mount[];
	readonly ports: readonly PortBinding[];
	readonly networks: readonly string[];
	/** The same networks with the aliases and address the container has on each. */
	readonly attachments?: readonly NetworkAttachment[];
	/** "bridge", "host", "none", "container:<id>", or a network's name. */
	readonly networkMode?: string;
	readonly hostname?: string;
	/** TCP ports the image or `expose:` declares (documentation; publishing is `ports`). */
	readonly exposedPorts?: readonly number[];
	/** What its processes listen on; absent when not read (not running, no ports, no way to look). */
	readonly listeners?: ListenerReading;
	/** The last run that ended, with who ended it; absent when nothing says more than the state does. */
	readonly lastRun?: RunEnding;
	/** The program its start error says is not in PATH, looked for; absent when that is not the error or the look failed. */
	readonly program?: ProgramLookup;
	/** The first line of the script its start error says could not be executed; absent when that is not the error or it could not be read. */
	readonly scriptStart?: ScriptStart;
	readonly user?: string;
	readonly entrypoint: readonly string[];
	readonly command: readonly string[];
	/** Bytes; 0 means no limit. */
	readonly memoryLimit: number;
	/** Environment as NAME=value with credential-like values already redacted. */
	readonly env: readonly string[];
	readonly logs?: ContainerLogs;
};

export type HostListener = {
	readonly port: number;
	readonly protocol: 'tcp' | 'udp';
	readonly address: string;
	readonly pid?: number;
	readonly process?: string;
};

export type ScanProblem = {
	/** The container the request was about, if any. */
	readonly container?: string;
	readonly operation: string;
	readonly message: string;
};

/** The message of a container that went away between the list and its inspect: not a failure to read it. */
export const removedDuringScan = 'the container was removed during the scan';

/** Whether the problem is a container that went away mid-scan rather than one that could not be read. */
export function wasRemovedDuringScan(problem: ScanProblem): boolean {
	return problem.operation === 'inspect' && problem.message === removedDuringScan;
}

export type Snapshot = {
	readonly engine: EngineInfo;
	readonly takenAt: string;
	readonly containers: readonly ContainerSnapshot[];
	/** Sockets listening on the host, where they can be read (Linux /proc). */
	readonly hostListeners: readonly HostListener[];
	/** The engine's networks; absent when they were not listed. */
	readonly networks?: readonly NetworkSnapshot[];
	/** Requests that failed; the scan went on without them. */
	readonly problems: readonly ScanProblem[];
	/** The containers' secret values, for redacting what fix steps print; never shown. */
	readonly secrets?: SecretValues;
};
