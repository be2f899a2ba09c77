import type {Detector, Evidence, Finding} from '../finding.js';
import type {EvidenceKey} from '../playbook-schema.js';
import type {ContainerSnapshot, HostListener, Snapshot} from '../snapshot.js';
import {engineErrorEvidence, factsOf, findingBasics, matchTextOf, sourcedTextOf} from './container-evidence.js';
import {portHolderFact} from './fact-lines.js';

const bindFailure = /port is already allocated|address already in use|bind: /i;
// "Bind for 0.0.0.0:8080 failed", "listen tcp4 0.0.0.0:8080: bind", "[::]:8080".
const boundAddress = /(?:\d{1,3}(?:\.\d{1,3}){3}|\[[\da-f:]*\]|::):(\d{1,5})\b/i;

/**
 * The engine could not publish a port because something on the host already holds it. Who holds
 * it decides the cause: a `kubectl port-forward` or an `ssh -L` tunnel left running is a forward
 * to end (port-forward-orphan); another container or any other process is a conflict to resolve
 * (host-port-conflict). The holder's pid and command line are the evidence.
 */
export const portConflictDetector: Detector = {
	id: 'port-conflict',
	description: 'A container that could not bind its published port, naming who holds the port.',
	detect(snapshot) {
		return snapshot.containers.filter(container => bindFailure.test(container.error ?? '')).map((container): Finding => {
			const port = Number(boundAddress.exec(container.error ?? '')?.[1] ?? container.ports.find(binding => binding.hostPort)?.hostPort ?? Number.NaN);
			const holder = Number.isFinite(port) ? findHolder(snapshot, container, port) : undefined;
			const facts = holder ? [portHolderFact(port, holder.fact)] : [];
			const evidence: Evidence[] = [
				...(Number.isFinite(port) ? [{kind: 'port' as const, text: `host port ${port} is already taken${holder ? `: held by ${holder.shown}` : ''}`}] : []),
				...(holder?.commandLine ? [{kind: 'port' as const, text: `holder: pid ${holder.pid ?? '?'}: ${holder.commandLine}`}] : []),
				...engineErrorEvidence(container),
			];
			return {
				...findingBasics(container, snapshot.takenAt),
				symptom: 'port-conflict',
				severity: 'error',
				summary: Number.isFinite(port) ? `cannot publish port ${port}: ${holder ? `held by ${holder.shown}` : 'already in use'}` : 'cannot publish its port: already in use',
				evidence,
				matchText: matchTextOf(container, [], facts),
				sourcedText: sourcedTextOf(container, facts),
				facts: factsOf(container, {...(Number.isFinite(port) ? {port: String(port)} : {}), ...holder?.facts}),
			};
		});
	},
};

type Holder = {
	/** As the evidence shows it: "container shop-db-1", "host process node (pid 4242)". */
	readonly shown: string;
	/** As the fact line says it (fact-lines.ts): "kubectl port-forward (pid 4242)". */
	readonly fact: string;
	readonly pid?: number;
	readonly commandLine?: string;
	readonly facts: Partial<Record<EvidenceKey, string>>;
};

/** Another container from the snapshot, else the host process listening there, where it can be seen. */
function findHolder(snapshot: Snapshot, container: ContainerSnapshot, port: number): Holder | undefined {
	const other = snapshot.containers.find(candidate => candidate.name !== container.name
		&& (candidate.state === 'running' || candidate.state === 'restarting' || candidate.state === 'paused')
		&& candidate.ports.some(binding => binding.hostPort === port));
	if (other) {
		return {shown: `container ${other.name}`, fact: `container ${other.name}`, facts: {'other-container': other.name}};
	}

	const listener = snapshot.hostListeners.find(candidate => candidate.port === port && candidate.process)
		?? snapshot.hostListeners.find(candidate => candidate.port === port);
	if (!listener) {
		return undefined;
	}

	return listener.process ? processHolder(snapshot, listener, listener.process) : {shown: `a host process listening on ${listener.address}:${port}`, fact: 'a host process', facts: {}};
}

function processHolder(snapshot: Snapshot, listener: HostListener, commandLine: string): Holder {
	const pid = listener.pid === undefined ? '' : ` (pid ${listener.pid})`;
	const proxyPid = `pid ${listener.pid ?? '?'}`;
	const base = {commandLine, ...(listener.pid === undefined ? {} : {pid: listener.pid}), facts: listener.pid === undefined ? {} : {pid: String(listener.pid)}};
	const program = programName(commandLine);
	const words = commandLine.split(/\s+/);
	if (/^(?:kubectl|oc)$/.test(program) && words.includes('port-forward')) {
		return {...base, shown: `${program} port-forward${pid}`, fact: `${program} port-forward${pid}`};
	}

	if (/^(?:ssh|autossh)$/.test(program) && words.some(word => /^-[A-Za-z]*[LR]/.test(word))) {
		return {...base, shown: `an ssh tunnel${pid}`, fact: `an ssh tunnel${pid}`};
	}

	if (program === 'docker-proxy' || program === 'rootlessport') {
		// docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80
		const address = /-container-ip\s+(\S+)/.exec(commandLine)?.[1];
		const owner = address ? snapshot.containers.find(candidate => (candidate.attachments ?? []).some(attachment => attachment.ipAddress === address)) : undefined;
		return owner
			? {...base, shown: `container ${owner.name} (${program}, ${proxyPid})`, fact: `container ${owner.name}`, facts: {...base.facts, 'other-container': owner.name}}
			: {...base, shown: `another container (${program}, ${proxyPid})`, fact: `another container's ${program}${pid}`};
	}

	return {...base, shown: `host process ${program}${pid}`, fact: `host process ${program}${pid}`};
}

/** "/usr/local/bin/node server.js" → "node". */
function programName(commandLine: string): string {
	const program = commandLine.split(' ')[0] ?? commandLine;
	return program.split('/').at(-1) || program;
}
