/**
 * Which containers a benchmark fleet of N holds and how each is started: a fixed repeating
 * pattern, so the first 10 of the fleet of 200 are the fleet of 10 and a fleet grows in place.
 * Quiet on purpose: health checks every 15 s, restarts slowed by the engine's backoff.
 */
export const containerKinds = ['running', 'healthy', 'unhealthy', 'exited-ok', 'exited-error', 'restarting'] as const;
export type ContainerKind = typeof containerKinds[number];

/** Four plain running, two passing health checks, one failing, one clean and one failed exit, one restarting. */
const pattern: readonly ContainerKind[] = ['running', 'healthy', 'unhealthy', 'running', 'exited-ok', 'running', 'exited-error', 'healthy', 'restarting', 'running'];

export const benchLabelKey = 'unblock.bench';
export const healthIntervalSeconds = 15;

export type FleetMember = {
	readonly index: number;
	readonly kind: ContainerKind;
	readonly name: string;
};

export type FleetIdentity = {
	/** Value of the `unblock.bench` label on everything this run creates. */
	readonly runId: string;
	/** The compose project label the fleet carries, so `diagnose --project` reads only it. */
	readonly project: string;
};

export function fleetIdentity(runId: string): FleetIdentity {
	return {runId, project: `unblock-bench-${runId}`};
}

export function planFleet(count: number, identity: FleetIdentity): FleetMember[] {
	return Array.from({length: count}, (_, index) => {
		const kind = pattern[index % pattern.length]!;
		return {index, kind, name: `${identity.project}-${String(index + 1).padStart(3, '0')}-${kind}`};
	});
}

export function countKinds(members: readonly FleetMember[]): Record<ContainerKind, number> {
	const counts = Object.fromEntries(containerKinds.map(kind => [kind, 0])) as Record<ContainerKind, number>;
	for (const member of members) {
		counts[member.kind]++;
	}

	return counts;
}

/** Sixty lines of log first, so every `logs --tail 50` has a full tail to read. */
const chatter = 'i=0; while [ $i -lt 60 ]; do echo "worker: handled batch $i in 12 ms"; i=$((i+1)); done';

const commands: Record<ContainerKind, string> = {
	running: `${chatter}; exec sleep 86400`,
	healthy: `${chatter}; exec sleep 86400`,
	unhealthy: `${chatter}; echo "waiting for database at db:5432"; exec sleep 86400`,
	'exited-ok': `${chatter}; echo "migrations applied"; exit 0`,
	'exited-error': `${chatter}; echo "Error: connect ECONNREFUSED 172.18.0.5:5432" >&2; exit 1`,
	restarting: `${chatter}; echo "fatal: could not open /data/state.db: permission denied" >&2; sleep 5; exit 1`,
};

const healthChecks: Partial<Record<ContainerKind, string>> = {
	healthy: 'true',
	unhealthy: 'echo "connection refused: db:5432" >&2; exit 1',
};

/** `docker run` arguments for one member: detached, labelled, with its kind's health check and restart policy. */
export function runArguments(member: FleetMember, identity: FleetIdentity, image: string): string[] {
	const healthCheck = healthChecks[member.kind];
	return [
		'run', '--detach', '--name', member.name,
		'--label', `${benchLabelKey}=${identity.runId}`,
		'--label', `com.docker.compose.project=${identity.project}`,
		'--label', `com.docker.compose.service=${member.kind}-${member.index + 1}`,
		...(healthCheck === undefined ? [] : ['--health-cmd', healthCheck, '--health-interval', `${healthIntervalSeconds}s`, '--health-timeout', '5s', '--health-retries', '1']),
		...(member.kind === 'restarting' ? ['--restart', 'always'] : []),
		image, 'sh', '-c', commands[member.kind],
	];
}

export type ContainerState = {
	readonly name: string;
	readonly status: string;
	readonly health?: string;
	readonly restartCount: number;
};

/** `--format` for `docker inspect` that parseContainerStates reads. */
export const stateFormat = '{{.Name}}|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}|{{.RestartCount}}';

export function parseContainerStates(text: string): ContainerState[] {
	return text.split('\n').filter(line => line.trim()).map(line => {
		const [name = '', status = '', health = '', restarts = '0'] = line.trim().split('|');
		return {name: name.replace(/^\//, ''), status, ...(health ? {health} : {}), restartCount: Number(restarts) || 0};
	});
}

/** Whether a member shows what it is there to show: unhealthy reported unhealthy, a restart counted, and so on. */
export function hasSettled(kind: ContainerKind, state: ContainerState): boolean {
	switch (kind) {
		case 'running': {
			return state.status === 'running';
		}

		case 'healthy': {
			return state.status === 'running' && state.health === 'healthy';
		}

		case 'unhealthy': {
			return state.health === 'unhealthy';
		}

		case 'exited-ok':
		case 'exited-error': {
			return state.status === 'exited';
		}

		case 'restarting': {
			return state.restartCount >= 1;
		}
	}
}
