import type {Detector, Evidence, Finding} from '../finding.js';
import type {ContainerSnapshot, Snapshot} from '../snapshot.js';
import {engineErrorEvidence, factsOf, findingBasics} from './container-evidence.js';

const bindFailure = /port is already allocated|address already in use|bind: /i;
// "Bind for 0.0.0.0:8080 failed", "listen tcp4 0.0.0.0:8080: bind", "[::]:8080".
const boundAddress = /(?:\d{1,3}(?:\.\d{1,3}){3}|\[[\da-f:]*\]|::):(\d{1,5})\b/i;

/** The engine could not publish a port because something on the host already holds it. */
export const portConflictDetector: Detector = {
	id: 'port-conflict',
	description: 'A container that could not bind its published port, naming who holds the port.',
	detect(snapshot) {
		return snapshot.containers.filter(container => bindFailure.test(container.error ?? '')).map((container): Finding => {
			const port = Number(boundAddress.exec(container.error ?? '')?.[1] ?? container.ports.find(binding => binding.hostPort)?.hostPort ?? Number.NaN);
			const holder = Number.isFinite(port) ? describeHolder(snapshot, container, port) : undefined;
			const evidence: Evidence[] = [
				...(Number.isFinite(port) ? [{kind: 'port' as const, text: `host port ${port} is already taken${holder ? `: held by ${holder}` : ''}`}] : []),
				...engineErrorEvidence(container),
			];
			return {
				...findingBasics(container, snapshot.takenAt),
				symptom: 'port-conflict',
				severity: 'error',
				summary: Number.isFinite(port) ? `cannot publish port ${port}: ${holder ? `held by ${holder}` : 'already in use'}` : 'cannot publish its port: already in use',
				evidence,
				facts: factsOf(container, Number.isFinite(port) ? {port: String(port)} : {}),
			};
		});
	},
};

/** Another container from the snapshot, else the host process listening there, where it can be seen. */
function describeHolder(snapshot: Snapshot, container: ContainerSnapshot, port: number): string | undefined {
	const other = snapshot.containers.find(candidate => candidate.name !== container.name
		&& (candidate.state === 'running' || candidate.state === 'restarting' || candidate.state === 'paused')
		&& candidate.ports.some(binding => binding.hostPort === port));
	if (other) {
		return `container ${other.name}`;
	}

	const listener = snapshot.hostListeners.find(candidate => candidate.port === port && candidate.process)
		?? snapshot.hostListeners.find(candidate => candidate.port === port);
	if (!listener) {
		return undefined;
	}

	if (listener.process && /(^|\/)docker-proxy\b/.test(listener.process)) {
		return `another container (docker-proxy, pid ${listener.pid ?? '?'})`;
	}

	if (listener.process) {
		return `host process ${programName(listener.process)}${listener.pid === undefined ? '' : ` (pid ${listener.pid})`}`;
	}

	return `a host process listening on ${listener.address}:${port}`;
}

/** "/usr/local/bin/node server.js" → "node". */
function programName(commandLine: string): string {
	const program = commandLine.split(' ')[0] ?? commandLine;
	return program.split('/').at(-1) || program;
}
