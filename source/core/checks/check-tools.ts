import type {CommandResult} from '../command-result.js';

/** What a check reads of a container's inspect answer (the engine's own field names). */
export type ContainerStateAnswer = {
	/** When the container was created (RFC 3339). */
	readonly Created?: string;
	readonly RestartCount?: number;
	readonly HostConfig?: {
		readonly RestartPolicy?: {readonly Name?: string; readonly MaximumRetryCount?: number} | null;
	} | null;
	readonly State?: {
		readonly Status?: string;
		readonly Restarting?: boolean;
		readonly OOMKilled?: boolean;
		readonly ExitCode?: number;
		readonly StartedAt?: string;
		readonly Health?: {
			readonly Status?: string;
			readonly FailingStreak?: number;
			readonly Log?: ReadonlyArray<{readonly ExitCode?: number; readonly Output?: string}> | null;
		} | null;
	};
};

export type PathFacts =
	| {readonly exists: false}
	| {readonly exists: true; readonly uid: number; readonly gid: number; readonly mode: number; readonly kind: 'file' | 'directory' | 'other'};

export type RunningMount = {readonly type: string; readonly name?: string; readonly source: string; readonly destination: string};

/**
 * Everything a check may ask of the world, handed in (adapters/checks/check-tools.ts is the real
 * one): the engine, this host's ports, files and processes, the clock. Engine calls reject as the
 * engine does; describeEngineError turns that into a line.
 */
export type CheckTools = {
	inspectContainer(container: string, signal: AbortSignal): Promise<ContainerStateAnswer>;
	/** argv run inside the container (no shell, stdin closed): its exit code and output, raw. */
	execInContainer(container: string, argv: readonly string[], signal: AbortSignal): Promise<{readonly exitCode: number; readonly output: string}>;
	/** The container's log since `since` (epoch ms), raw, newest lines when it is long. */
	containerLogSince(container: string, since: number, signal: AbortSignal): Promise<string>;
	/** One line saying why an engine call about `container` failed. */
	describeEngineError(error: unknown, container: string): string;
	/** The engine answered that there is no such container (it may be on its way: a recreate). */
	isMissingContainer(error: unknown): boolean;
	/** argv run on this host (no shell), its output redacted of the step's secrets. */
	runOnHost(argv: readonly string[], options: {readonly timeoutSeconds: number; readonly signal: AbortSignal}): Promise<CommandResult>;
	/** GET url, redirects not followed: the status, or why there was none ("connection refused"). */
	httpStatus(url: URL, signal: AbortSignal): Promise<{readonly status: number} | {readonly error: string}>;
	/** true when a TCP connection to host:port opens, else why not ("connection refused"). */
	connect(host: string, port: number, signal: AbortSignal): Promise<true | string>;
	/** Binding the port on all addresses: free, in use, or not allowed (below 1024 without privileges). */
	bindPort(port: number): Promise<'free' | 'in-use' | 'not-allowed'>;
	/** The running containers with their mounts (a volume's name, a bind mount's host path), from the engine. */
	runningMounts(signal: AbortSignal): Promise<ReadonlyArray<{readonly name: string; readonly mounts: readonly RunningMount[]}>>;
	/** A path on this host, or why it could not be looked at. */
	hostPath(path: string): Promise<PathFacts | string>;
	now(): number;
	/** Resolves after `milliseconds`, or at once when `signal` aborts. */
	sleep(milliseconds: number, signal: AbortSignal): Promise<void>;
};
