import type {Detector, Evidence, Finding} from '../finding.js';
import type {ContainerSnapshot, Snapshot} from '../snapshot.js';
import {factsOf, findingBasics, isLoopback, logEvidence, matchTextOf, probeFailsAtItsTarget, sourcedTextOf, stillStarting, uptimeSeconds} from './container-evidence.js';
import {listenerAddress, loopbackOnlyFact, portNotServedFact, probeMissesListenerFact} from './fact-lines.js';

/**
 * A running container whose port nobody outside it can reach, by what its processes listen on
 * (read from its network namespace): a published or exposed port served on loopback only, a
 * published port nothing listens on while the process listens on another one, or a health check
 * that probes a port nothing listens on. Nothing listening at all says too little (a server still
 * starting, a UDP service), and a freshly started container is given time to open its ports.
 */
export const unreachablePortDetector: Detector = {
	id: 'unreachable-port',
	description: 'A running container whose published or exposed port is served on loopback only or not at all, or whose health check probes a port nothing listens on.',
	detect(snapshot) {
		return snapshot.containers.flatMap(container => {
			const finding = unreachablePort(container, snapshot);
			return finding ? [finding] : [];
		});
	},
};

/** Seconds a container is given to open the ports it serves before "nothing listens" is said. */
const startGraceSeconds = 15;

type PortProblem = {readonly fact: string; readonly hostPort?: number; readonly containerPort: number};

function unreachablePort(container: ContainerSnapshot, snapshot: Snapshot): Finding | undefined {
	const reading = container.listeners;
	if (container.state !== 'running' || !reading) {
		return undefined;
	}

	const {listeners} = reading;
	const settled = uptimeSeconds(container, snapshot.takenAt) >= startGraceSeconds;
	const problems: PortProblem[] = [];
	for (const served of servedPorts(container)) {
		const on = listeners.filter(listener => listener.port === served.containerPort);
		if (on.length > 0 && on.every(listener => isLoopback(listener.address))) {
			problems.push({fact: loopbackOnlyFact(served, on), ...served});
			continue;
		}

		const published = new Set(container.ports.map(binding => binding.containerPort));
		const elsewhere = listeners.filter(listener => !isLoopback(listener.address) && !published.has(listener.port));
		if (on.length === 0 && served.hostPort !== undefined && settled && elsewhere.length > 0) {
			// The port to publish (or to point the mapping at) is the one the process listens on.
			problems.push({fact: portNotServedFact(served, elsewhere), hostPort: served.hostPort, containerPort: elsewhere[0]!.port});
		}
	}

	const probed = probedPort(container);
	// Nothing open at all in the first minutes is a server still starting (the unhealthy finding says so), not a wrong port.
	if (probed !== undefined && settled && probeFailsAtItsTarget(container) && !listeners.some(listener => listener.port === probed) && !stillStarting(container, snapshot.takenAt)) {
		problems.push({fact: probeMissesListenerFact(probed, listeners), containerPort: probed});
	}

	const [first] = problems;
	if (!first) {
		return undefined;
	}

	const facts = problems.map(problem => problem.fact);
	const evidence: Evidence[] = [
		...facts.map(fact => ({kind: 'port' as const, text: fact})),
		{kind: 'port', text: `listening in the container (${reading.via === 'proc' ? 'its network namespace' : 'read by exec'}): ${listeners.length > 0 ? listeners.map(listener => listenerAddress(listener)).join(', ') : 'no TCP port'}`},
		...logEvidence(container, 3),
	];
	return {
		...findingBasics(container, snapshot.takenAt),
		symptom: 'unreachable-port',
		severity: 'error',
		summary: first.fact,
		evidence,
		// Running: the state's exit code of 0 says nothing about this.
		exitCode: undefined,
		matchText: matchTextOf(container, [], facts),
		sourcedText: sourcedTextOf(container, facts),
		facts: factsOf(container, {
			'container-port': String(first.containerPort),
			...(first.hostPort === undefined ? {} : {port: String(first.hostPort)}),
		}),
	};
}

/** Published TCP ports (one per container port), then ports only exposed to other containers. */
function servedPorts(container: ContainerSnapshot): Array<{hostPort?: number; containerPort: number}> {
	const served = new Map<number, {hostPort?: number; containerPort: number}>();
	for (const binding of container.ports) {
		if (binding.protocol === 'tcp' && binding.hostPort !== undefined && !served.has(binding.containerPort)) {
			served.set(binding.containerPort, {hostPort: binding.hostPort, containerPort: binding.containerPort});
		}
	}

	for (const port of container.exposedPorts ?? []) {
		if (!served.has(port)) {
			served.set(port, {containerPort: port});
		}
	}

	return [...served.values()];
}

/** The port the container's health check probes, when its command names one. */
export function probedPort(container: ContainerSnapshot): number | undefined {
	return probedPortOf(container.health?.test ?? []);
}

/**
 * The port a health check's command probes, when it names one: a URL's port, nc's port argument,
 * `-p`/`--port` options. The probe runs inside the container, so it is a container port.
 */
export function probedPortOf(test: readonly string[]): number | undefined {
	const command = test.slice(1).join(' ');
	const patterns = [
		/\b(?:https?|tcp|redis|postgres(?:ql)?|amqp|mongodb):\/\/(?:[^\s/@:]+@)?(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|[\w.-]+):(\d{1,5})\b/,
		/\b(?:localhost|127\.0\.0\.1):(\d{1,5})\b/,
		/\bnc\b[^|;&]*?\s(?:localhost|127\.0\.0\.1|0\.0\.0\.0)\s+(\d{1,5})\b/,
		/\s(?:-p|--port)[= ]?(\d{1,5})\b/,
	];
	for (const pattern of patterns) {
		const port = Number(pattern.exec(command)?.[1] ?? Number.NaN);
		if (Number.isInteger(port) && port > 0 && port < 65_536) {
			return port;
		}
	}

	return undefined;
}

