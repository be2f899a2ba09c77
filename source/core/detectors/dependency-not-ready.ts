import type {Detector, Finding} from '../finding.js';
import type {ContainerSnapshot, Snapshot} from '../snapshot.js';
import {conditionsOf, describeExitCode, factsOf, isRestartLoop, stoppedOnRequest} from './container-evidence.js';

/**
 * A compose service waits (never started, or gave up) because a service it depends on is
 * unhealthy, exited or restarting. Reported on the waiting container; the dependency's own
 * problem is reported by the other detectors.
 */
export const dependencyNotReadyDetector: Detector = {
	id: 'dependency-not-ready',
	description: 'A service that waits for a dependency which is unhealthy, exited or restarting.',
	detect(snapshot) {
		const findings: Finding[] = [];
		for (const container of snapshot.containers) {
			if (!container.project || container.dependsOn.length === 0 || !isWaiting(container, snapshot)) {
				continue;
			}

			const blockers = container.dependsOn.flatMap(service => dependencyContainers(snapshot, container.project ?? '', service)
				.map(dependency => ({dependency, problem: dependencyProblem(dependency, snapshot)}))
				.filter((entry): entry is {dependency: ContainerSnapshot; problem: DependencyProblem} => entry.problem !== undefined));
			if (blockers.length === 0) {
				continue;
			}

			findings.push({
				symptom: 'dependency-not-ready',
				container: container.name,
				severity: 'error',
				summary: `waits for ${blockers.map(({dependency, problem}) => `${dependency.service ?? dependency.name} (${problem.short})`).join(', ')}`,
				evidence: [
					{kind: 'state', text: `state: ${container.state === 'created' ? 'created, never started' : container.state}`},
					...blockers.map(({dependency, problem}) => ({kind: 'dependency' as const, text: `depends on ${dependency.service ?? dependency.name}: container ${dependency.name} ${problem.long}`})),
				],
				conditions: conditionsOf(container, snapshot.takenAt),
				// What compose itself prints when it refuses to start the dependent.
				matchText: blockers.map(({dependency, problem}) => problem.unhealthy
					? `dependency failed to start: container ${dependency.name} is unhealthy`
					: `dependency failed to start: container ${dependency.name} ${problem.long}`).join('\n'),
				facts: factsOf(container),
			});
		}

		return findings;
	},
};

type DependencyProblem = {readonly short: string; readonly long: string; readonly unhealthy: boolean};

function isWaiting(container: ContainerSnapshot, snapshot: Snapshot): boolean {
	return container.state === 'created'
		|| container.state === 'exited'
		|| container.state === 'dead'
		|| isRestartLoop(container, snapshot.takenAt);
}

function dependencyContainers(snapshot: Snapshot, project: string, service: string): ContainerSnapshot[] {
	return snapshot.containers.filter(candidate => candidate.project === project && candidate.service === service);
}

function dependencyProblem(dependency: ContainerSnapshot, snapshot: Snapshot): DependencyProblem | undefined {
	if (dependency.health?.status === 'unhealthy') {
		return {short: 'unhealthy', long: 'is unhealthy', unhealthy: true};
	}

	if (isRestartLoop(dependency, snapshot.takenAt)) {
		return {short: 'restarting', long: `keeps restarting (${dependency.restartCount} restarts)`, unhealthy: false};
	}

	const requested = stoppedOnRequest(dependency);
	if (requested) {
		const word = requested === 'stop' ? 'stopped' : 'killed';
		return {short: word, long: `was ${word} on request (${describeExitCode(dependency.exitCode)})`, unhealthy: false};
	}

	if ((dependency.state === 'exited' || dependency.state === 'dead') && dependency.exitCode !== 0) {
		return {short: 'exited', long: `exited with ${describeExitCode(dependency.exitCode)}`, unhealthy: false};
	}

	if (dependency.state === 'created' && (dependency.error || dependency.exitCode !== 0)) {
		return {short: 'never started', long: 'never started', unhealthy: false};
	}

	return undefined;
}
