import {stoppedOnRequest} from './detectors/container-evidence.js';
import {compareIds} from './search/compare-ids.js';
import type {ContainerSnapshot} from './snapshot.js';

export type ContainerSummaryOptions = {
	/** Between the parts: ', ' in the diagnose report, ' · ' in the wizard. */
	readonly separator: string;
	/**
	 * 'not-running': a created container says whether it failed to start, and any other container
	 * that is neither running nor paused shows its exit code (the report). 'stopped': only exited
	 * and dead containers show it (the wizard, where the line is short).
	 */
	readonly exitCode: 'not-running' | 'stopped';
	/** The ports published on the host, "8080→80/tcp". */
	readonly ports: boolean;
};

/**
 * A container's state in one line: "exited, unhealthy, 5 restarts, OOM-killed, exit 137"; one
 * that someone stopped or killed says so instead of "exited" ("stopped, exit 137").
 */
export function summarizeContainer(container: ContainerSnapshot, options: ContainerSummaryOptions): string {
	const requested = stoppedOnRequest(container);
	const parts: string[] = [requested === 'stop' ? 'stopped' : requested === 'kill' ? 'killed' : container.state];
	if (container.health && container.health.status !== 'none') {
		parts.push(container.health.status);
	}

	if (container.restartCount > 0) {
		parts.push(`${container.restartCount} restart${container.restartCount === 1 ? '' : 's'}`);
	}

	if (container.oomKilled) {
		parts.push('OOM-killed');
	}

	const exit = exitPart(container, options.exitCode);
	if (exit) {
		parts.push(exit);
	}

	if (options.ports) {
		const ports = [...new Set(container.ports
			.filter(binding => binding.hostPort !== undefined)
			.map(binding => `${binding.hostPort}→${binding.containerPort}/${binding.protocol}`))];
		if (ports.length > 0) {
			parts.push(ports.join(' '));
		}
	}

	return parts.join(options.separator);
}

function exitPart(container: ContainerSnapshot, shown: ContainerSummaryOptions['exitCode']): string | undefined {
	if (shown === 'stopped') {
		return container.state === 'exited' || container.state === 'dead' ? `exit ${container.exitCode}` : undefined;
	}

	if (container.state === 'created') {
		return container.error || container.exitCode !== 0 ? 'failed to start' : 'not started';
	}

	return container.state === 'running' || container.state === 'paused' ? undefined : `exit ${container.exitCode}`;
}

/** Containers by compose project: projects by name, loose containers last (the report and the wizard list them so). */
export function groupByProject(containers: readonly ContainerSnapshot[]): Array<[string | undefined, ContainerSnapshot[]]> {
	const groups = new Map<string | undefined, ContainerSnapshot[]>();
	for (const container of containers) {
		const group = groups.get(container.project);
		if (group) {
			group.push(container);
		} else {
			groups.set(container.project, [container]);
		}
	}

	return [...groups.entries()].sort(([left], [right]) =>
		left === undefined ? 1 : right === undefined ? -1 : compareIds(left, right));
}
