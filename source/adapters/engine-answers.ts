/**
 * The parts of dockerode's answers that unblock reads, everything optional since engines (Docker,
 * Podman, old API versions) differ; and the check that an answer has the shape of JSON at all
 * before anything reads it (docker-modem hands back the raw bytes of an answer that is not JSON).
 */

/** One entry of listContainers (GET /containers/json). */
export type ContainerSummary = {
	readonly Id: string;
	readonly Names?: readonly string[] | null;
	readonly State?: string;
	readonly Status?: string;
	readonly Labels?: Readonly<Record<string, string>> | null;
	readonly Mounts?: ReadonlyArray<{readonly Type?: string; readonly Name?: string; readonly Source?: string; readonly Destination?: string}> | null;
};

/** version() (GET /version). */
export type EngineVersion = {
	readonly Version?: string;
	readonly ApiVersion?: string;
	readonly Os?: string;
	readonly Components?: ReadonlyArray<{readonly Name?: string}> | null;
};

/** info() (GET /info). */
export type EngineInfoAnswer = {
	readonly SecurityOptions?: readonly string[] | null;
};

/** An exec's inspect (GET /exec/{id}/json). */
export type ExecInspect = {
	readonly Running?: boolean;
	readonly ExitCode?: number | null;
};

/** The parts of GET /containers/{id}/json that unblock reads; everything optional, engines differ. */
export type InspectAnswer = {
	readonly Id?: string;
	readonly Name?: string;
	readonly Created?: string;
	readonly RestartCount?: number;
	readonly State?: {
		readonly Status?: string;
		readonly Running?: boolean;
		readonly Restarting?: boolean;
		readonly OOMKilled?: boolean;
		readonly Dead?: boolean;
		readonly ExitCode?: number;
		readonly Error?: string;
		/** The main process on the engine's host; 0 when not running. */
		readonly Pid?: number;
		readonly StartedAt?: string;
		readonly FinishedAt?: string;
		readonly Health?: {
			readonly Status?: string;
			readonly FailingStreak?: number;
			readonly Log?: ReadonlyArray<{readonly Start?: string; readonly End?: string; readonly ExitCode?: number; readonly Output?: string}> | null;
		} | null;
	};
	readonly Config?: {
		readonly Image?: string;
		readonly Hostname?: string;
		readonly User?: string;
		readonly ExposedPorts?: Readonly<Record<string, unknown>> | null;
		readonly Tty?: boolean;
		readonly Env?: readonly string[] | null;
		readonly Entrypoint?: readonly string[] | string | null;
		readonly Cmd?: readonly string[] | string | null;
		readonly Labels?: Readonly<Record<string, string>> | null;
		readonly Healthcheck?: {readonly Test?: readonly string[] | null} | null;
		/** Seconds `docker stop` waits before it kills. */
		readonly StopTimeout?: number | null;
	};
	readonly HostConfig?: {
		readonly Memory?: number;
		readonly NetworkMode?: string;
		readonly RestartPolicy?: {readonly Name?: string; readonly MaximumRetryCount?: number} | null;
		readonly PortBindings?: Readonly<Record<string, ReadonlyArray<{readonly HostIp?: string; readonly HostPort?: string}> | null>> | null;
	};
	readonly Mounts?: ReadonlyArray<{
		readonly Type?: string;
		readonly Name?: string;
		readonly Source?: string;
		readonly Destination?: string;
		readonly Mode?: string;
		readonly RW?: boolean;
	}> | null;
	readonly NetworkSettings?: {
		readonly Ports?: Readonly<Record<string, ReadonlyArray<{readonly HostIp?: string; readonly HostPort?: string}> | null>> | null;
		readonly Networks?: Readonly<Record<string, NetworkEndpoint | null>> | null;
	};
};

/** One network of a container's inspect answer. */
export type NetworkEndpoint = {
	readonly Aliases?: readonly string[] | null;
	readonly IPAddress?: string;
	readonly GlobalIPv6Address?: string;
	readonly NetworkID?: string;
};

/** One entry of GET /networks. */
export type NetworkSummary = {
	readonly Id?: string;
	readonly Name?: string;
	readonly Driver?: string;
	readonly Labels?: Readonly<Record<string, string>> | null;
};

/** One event of GET /events, as the engine sends it a line at a time. */
export type EngineEvent = {
	readonly Type?: string;
	readonly Action?: string;
	readonly status?: string;
	readonly id?: string;
	readonly Actor?: {readonly ID?: string; readonly Attributes?: Readonly<Record<string, string>> | null};
	readonly time?: number;
	readonly timeNano?: number;
};

/** The engine answered, but not with what the API promises. */
export class UnexpectedAnswerError extends Error {
	override readonly name = 'UnexpectedAnswerError';
}

/** The answer when it is a JSON object; else an UnexpectedAnswerError naming what was asked. */
export function jsonObject<T>(answer: unknown, asked: string): T {
	if (answer === null || typeof answer !== 'object' || Array.isArray(answer) || Buffer.isBuffer(answer)) {
		throw new UnexpectedAnswerError(`the engine's answer to ${asked} is not a JSON object`);
	}

	return answer as T;
}

/** The answer when it is a JSON array of objects with an Id; else an UnexpectedAnswerError. */
export function containerList(answer: unknown): ContainerSummary[] {
	if (!Array.isArray(answer) || !answer.every(entry => typeof (entry as {Id?: unknown} | null)?.Id === 'string')) {
		throw new UnexpectedAnswerError('the engine\'s list of containers is not a JSON array of containers');
	}

	return answer as ContainerSummary[];
}
