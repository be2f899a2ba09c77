/**
 * Turns the engine's inspect answer (and the logs read for it) into the core's ContainerSnapshot.
 * No I/O: the engine adapter calls it during a scan and tests call it on recorded answers. Every
 * text that came from the container is neutralised and redacted here, once.
 */
import {cleanUntrustedLines, cleanUntrustedText} from '../core/clean-untrusted-text.js';
import {argumentSecretValues, redactArguments, redactEnvironment, secretValues} from '../core/redact-secrets.js';
import type {
	ContainerHealth,
	ContainerSnapshot,
	ContainerState,
	HealthStatus,
	ListenerReading,
	LogLine,
	Mount,
	MountOwner,
	NetworkAttachment,
	PortBinding,
	ProgramLookup,
	RunEnding,
	ScriptStart,
} from '../core/snapshot.js';
import type {RawLogs} from './container-logs.js';
import type {InspectAnswer} from './engine-answers.js';

export type InspectExtras = {
	readonly logs?: RawLogs;
	/** Owners of mount sources, by source path, where the host could read them. */
	readonly mountOwners?: ReadonlyMap<string, MountOwner>;
	/** What its processes listen on, where it was read. */
	readonly listeners?: ListenerReading;
	/** How its last run ended, from the engine's events. */
	readonly lastRun?: RunEnding;
	/** Where the program its start error says PATH lacks is, looked for in its file system. */
	readonly program?: ProgramLookup;
	/** The first line of the script its start error says could not be executed. */
	readonly scriptStart?: ScriptStart;
	/** Receives the container's secret values, so fix steps that echo them can be redacted too. */
	readonly collectSecrets?: (values: readonly string[]) => void;
};

const containerStates: readonly ContainerState[] = ['created', 'running', 'restarting', 'exited', 'paused', 'dead', 'removing'];
const healthStatuses: readonly HealthStatus[] = ['none', 'starting', 'healthy', 'unhealthy'];
const mountTypes: ReadonlyArray<Mount['type']> = ['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image'];

/** Health output and engine errors are short; log lines are capped shorter than the default. */
const maximumLogLineLength = 1000;

export function containerFromInspect(inspect: InspectAnswer, extras: InspectExtras = {}): ContainerSnapshot {
	const rawEnvironment = inspect.Config?.Env ?? [];
	const argvs = [argv(inspect.Config?.Entrypoint), argv(inspect.Config?.Cmd), inspect.Config?.Healthcheck?.Test ?? []];
	// A password passed as "--password value" is as secret as one in the environment, wherever it is echoed.
	const secrets = [...new Set([...secretValues(rawEnvironment), ...argvs.flatMap(parts => argumentSecretValues(parts))])]
		.sort((left, right) => right.length - left.length);
	extras.collectSecrets?.(secrets);
	const clean = (text: string, maximumLineLength?: number) => cleanUntrustedText(text, {secrets, maximumLineLength});
	const labels = inspect.Config?.Labels ?? {};
	const state = inspect.State ?? {};
	const status = (state.Status ?? '').toLowerCase();

	const snapshot: ContainerSnapshot = {
		id: inspect.Id ?? '',
		name: clean((inspect.Name ?? inspect.Id ?? '').replace(/^\//, '')),
		image: clean(inspect.Config?.Image ?? ''),
		labels: Object.fromEntries(Object.entries(labels).map(([key, value]) => [clean(key), clean(value)])),
		project: optional(labels['com.docker.compose.project'], clean),
		service: optional(labels['com.docker.compose.service'], clean),
		dependsOn: parseDependsOn(labels['com.docker.compose.depends_on']).map(name => clean(name)),
		state: containerStates.includes(status as ContainerState) ? status as ContainerState : fallbackState(state),
		health: health(inspect, clean),
		restartCount: inspect.RestartCount ?? 0,
		restartPolicy: restartPolicy(inspect),
		exitCode: state.ExitCode ?? 0,
		oomKilled: state.OOMKilled ?? false,
		error: optional(state.Error, text => clean(text)),
		createdAt: inspect.Created,
		startedAt: realTime(state.StartedAt),
		finishedAt: realTime(state.FinishedAt),
		mounts: (inspect.Mounts ?? []).map(mount => {
			const source = mount.Source ?? '';
			const owner = extras.mountOwners?.get(source);
			return {
				type: mountTypes.includes(mount.Type as Mount['type']) ? mount.Type as Mount['type'] : 'bind',
				source: clean(source),
				...(mount.Name ? {name: clean(mount.Name)} : {}),
				destination: clean(mount.Destination ?? ''),
				readWrite: mount.RW ?? true,
				mode: clean(mount.Mode ?? ''),
				...(owner ? {owner} : {}),
			};
		}),
		ports: ports(inspect),
		networks: Object.keys(inspect.NetworkSettings?.Networks ?? {}).map(name => clean(name)),
		attachments: attachments(inspect, clean),
		...(inspect.HostConfig?.NetworkMode ? {networkMode: clean(inspect.HostConfig.NetworkMode)} : {}),
		...(inspect.Config?.Hostname ? {hostname: clean(inspect.Config.Hostname)} : {}),
		exposedPorts: exposedPorts(inspect),
		...(extras.listeners ? {listeners: extras.listeners} : {}),
		...(extras.program ? {program: cleanProgram(extras.program, clean)} : {}),
		...(extras.scriptStart ? {scriptStart: cleanScriptStart(extras.scriptStart, clean)} : {}),
		user: optional(inspect.Config?.User, clean),
		entrypoint: redactArguments(argv(inspect.Config?.Entrypoint)).map(part => clean(part)),
		command: redactArguments(argv(inspect.Config?.Cmd)).map(part => clean(part)),
		memoryLimit: inspect.HostConfig?.Memory ?? 0,
		env: redactEnvironment(rawEnvironment).map(entry => clean(entry)),
		...(extras.logs ? {logs: logs(extras.logs, secrets)} : {}),
	};
	return extras.lastRun ? withRunEnding(snapshot, extras.lastRun) : snapshot;
}

/**
 * The container with how its last run ended. An oom event in that run counts as the kernel
 * killing it for memory where the engine's flag missed it; for a running container only when the
 * engine brought it back after that death itself (a loop): a start by hand clears the flag.
 */
export function withRunEnding(container: ContainerSnapshot, lastRun: RunEnding): ContainerSnapshot {
	const oomKilled = container.oomKilled
		|| (lastRun.oomKilled === true && (container.state !== 'running' || container.restartCount > 0));
	return {...container, lastRun, oomKilled};
}

function cleanProgram(program: ProgramLookup, clean: (text: string) => string): ProgramLookup {
	return {
		name: clean(program.name),
		searched: program.searched.map(folder => clean(folder)),
		...(program.found ? {found: {path: clean(program.found.path), mode: clean(program.found.mode)}} : {}),
	};
}

function cleanScriptStart(start: ScriptStart, clean: (text: string) => string): ScriptStart {
	return {
		path: clean(start.path),
		crlf: start.crlf,
		...(start.interpreter === undefined ? {} : {interpreter: clean(start.interpreter), interpreterFound: start.interpreterFound ?? false}),
	};
}

/** Whether the container is plainly fine, so its logs need not be read. */
export function looksHealthy(inspect: InspectAnswer): boolean {
	const state = inspect.State ?? {};
	const health = state.Health?.Status;
	const calm = (inspect.RestartCount ?? 0) === 0 && !state.OOMKilled && !state.Error;
	if (state.Status === 'running') {
		return calm && (!health || health === 'healthy' || health === 'none');
	}

	return state.Status === 'exited' && calm && (state.ExitCode ?? 0) === 0;
}

/** "db:service_healthy:false,cache:service_started:true" → ["db", "cache"]. */
function parseDependsOn(label: string | undefined): string[] {
	if (!label) {
		return [];
	}

	return label.split(',').map(entry => entry.split(':')[0]?.trim() ?? '').filter(Boolean);
}

function health(inspect: InspectAnswer, clean: (text: string, maximum?: number) => string): ContainerHealth | undefined {
	const raw = inspect.State?.Health;
	const test = inspect.Config?.Healthcheck?.Test ?? undefined;
	if (!raw) {
		return undefined;
	}

	const status = (raw.Status ?? 'none').toLowerCase();
	return {
		status: healthStatuses.includes(status as HealthStatus) ? status as HealthStatus : 'none',
		failingStreak: raw.FailingStreak ?? 0,
		...(test ? {test: redactArguments(test).map(part => clean(part))} : {}),
		log: (raw.Log ?? []).map(probe => ({
			start: probe.Start ?? '',
			end: probe.End ?? '',
			exitCode: probe.ExitCode ?? 0,
			output: clean(probe.Output ?? '').trim(),
		})),
	};
}

function restartPolicy(inspect: InspectAnswer): string | undefined {
	const policy = inspect.HostConfig?.RestartPolicy;
	if (!policy?.Name || policy.Name === 'no') {
		return policy?.Name || undefined;
	}

	return policy.Name === 'on-failure' && policy.MaximumRetryCount ? `on-failure:${policy.MaximumRetryCount}` : policy.Name;
}

/**
 * Published ports: what the running container got (NetworkSettings.Ports), else what it asked for
 * (HostConfig.PortBindings) — a container that never started has only the latter.
 */
function ports(inspect: InspectAnswer): PortBinding[] {
	const actual = inspect.NetworkSettings?.Ports ?? {};
	const hasActual = Object.values(actual).some(bindings => (bindings ?? []).some(binding => binding.HostPort));
	const source = hasActual ? actual : inspect.HostConfig?.PortBindings ?? {};
	const result: PortBinding[] = [];
	for (const [key, bindings] of Object.entries(source)) {
		const [portText = '', protocolText = 'tcp'] = key.split('/');
		const protocol = (['tcp', 'udp', 'sctp'] as const).find(candidate => candidate === protocolText) ?? 'tcp';
		for (const binding of bindings ?? []) {
			const hostPort = Number.parseInt(binding.HostPort ?? '', 10);
			result.push({
				containerPort: Number.parseInt(portText, 10),
				protocol,
				hostIp: binding.HostIp ?? '',
				...(Number.isFinite(hostPort) && hostPort > 0 ? {hostPort} : {}),
			});
		}
	}

	return result;
}

function attachments(inspect: InspectAnswer, clean: (text: string) => string): NetworkAttachment[] {
	return Object.entries(inspect.NetworkSettings?.Networks ?? {}).map(([network, endpoint]) => {
		const address = endpoint?.IPAddress || endpoint?.GlobalIPv6Address;
		return {
			network: clean(network),
			aliases: [...new Set((endpoint?.Aliases ?? []).map(alias => clean(alias)))],
			...(address ? {ipAddress: clean(address)} : {}),
		};
	});
}

/** "8080/tcp" keys of Config.ExposedPorts, TCP only. */
function exposedPorts(inspect: InspectAnswer): number[] {
	return Object.keys(inspect.Config?.ExposedPorts ?? {}).flatMap(key => {
		const match = /^(\d{1,5})(?:\/tcp)?$/.exec(key);
		return match ? [Number(match[1])] : [];
	});
}

function logs(raw: RawLogs, secrets: readonly string[]): {lines: LogLine[]; truncated: boolean} {
	const texts = cleanUntrustedLines(raw.lines.map(line => line.text), {secrets, maximumLineLength: maximumLogLineLength});
	return {
		lines: raw.lines.map((line, index) => ({
			stream: line.stream,
			text: texts[index] ?? '',
			...(line.timestamp ? {timestamp: line.timestamp} : {}),
		})),
		truncated: raw.truncated,
	};
}

function argv(value: readonly string[] | string | null | undefined): readonly string[] {
	if (!value) {
		return [];
	}

	return typeof value === 'string' ? [value] : value;
}

function optional(value: string | undefined | null, clean: (text: string) => string): string | undefined {
	return value ? clean(value) : undefined;
}

function fallbackState(state: NonNullable<InspectAnswer['State']>): ContainerState {
	if (state.Restarting) {
		return 'restarting';
	}

	if (state.Running) {
		return 'running';
	}

	return state.Dead ? 'dead' : 'exited';
}

/** The engine writes 0001-01-01T00:00:00Z for "never". */
function realTime(value: string | undefined): string | undefined {
	return value && !value.startsWith('0001-') ? value : undefined;
}
