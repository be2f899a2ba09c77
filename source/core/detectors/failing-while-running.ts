import type {Detector, Evidence, Finding} from '../finding.js';
import type {EvidenceKey} from '../playbook-schema.js';
import type {ContainerSnapshot, Snapshot} from '../snapshot.js';
import {describeExitCode, factsOf, findingBasics, matchTextOf, reachableListeners, sourcedTextOf, stoppedOnRequest} from './container-evidence.js';
import {looksLikeError} from './important-log-lines.js';
import {describeDialFailure, failureKey, parseDialFailure, type DialFailure} from './dial-failures.js';
import {defaultBridgeFact, dependencyDownFact, dependencyElsewhereFact, loopbackDialFact, unknownNameFact} from './fact-lines.js';
import {describeSpan, repeatedLogFailure, type FailureParser, type RepeatedFailure} from './repeated-log-failure.js';

/**
 * A running container whose log, since it last started, keeps repeating that it cannot reach or
 * log in to a service, and says nothing after the last time that it got there. One that failed
 * a few times while its database started and then logged that it connected is fine; so is one
 * that stopped failing a while ago. What it dials is checked against the other containers: a
 * sibling service that listens on the port it dials on localhost, a name nobody has, a name whose
 * container is down or on another network.
 */
export const failingWhileRunningDetector: Detector = {
	id: 'failing-while-running',
	description: 'A running container whose log keeps repeating a connection, name or login failure with no sign of recovery since.',
	detect(snapshot) {
		return snapshot.containers.flatMap(container => {
			const repeated = container.state === 'running' ? repeatedFailure(container, snapshot.takenAt) : undefined;
			return repeated ? [failingFinding(container, repeated, snapshot)] : [];
		});
	},
};

const recovered = /\b(?:connected|reconnected|connection (?:established|successful|ok)|ready|listening|started|serving|accepting connections|succeeded|successful(?:ly)?|up and running|healthy|recovered)\b/i;

const dialFailures: FailureParser<DialFailure> = {parse: parseDialFailure, key: failureKey, recovers: isRecovery};

export function repeatedFailure(container: ContainerSnapshot, takenAt: string): RepeatedFailure<DialFailure> | undefined {
	return repeatedLogFailure(container, takenAt, dialFailures);
}

/** Words that turn a success into its absence: "database not ready", "still waiting for a connection". */
const negated = /\b(?:not|no|never|unable|waiting|still|cannot|can't|won't|isn't|wasn't|yet)\b/i;

function isRecovery(text: string): boolean {
	return recovered.test(text) && !negated.test(text) && !looksLikeError(text) && parseDialFailure(text) === undefined;
}

function failingFinding(container: ContainerSnapshot, repeated: RepeatedFailure<DialFailure>, snapshot: Snapshot): Finding {
	const cross = crossCheck(container, repeated.failure, snapshot);
	const facts = cross.fact ? [cross.fact] : [];
	const span = repeated.first !== undefined && repeated.last !== undefined ? ` in ${describeSpan(repeated.last - repeated.first)}` : '';
	const last = repeated.last === undefined ? '' : `, last at ${new Date(repeated.last * 1000).toISOString()}`;
	const evidence: Evidence[] = [
		{kind: 'log', text: `log (${repeated.count} times${last}): ${repeated.line}`},
		...(cross.fact ? [{kind: 'dependency' as const, text: cross.fact}] : []),
	];
	return {
		...findingBasics(container, snapshot.takenAt),
		symptom: 'failing-while-running',
		severity: 'error',
		summary: `keeps failing while running: ${describeDialFailure(repeated.failure)}, ${repeated.count} times${span}, and nothing since says it recovered`,
		evidence,
		exitCode: undefined,
		matchText: matchTextOf(container, [repeated.line], facts),
		sourcedText: sourcedTextOf(container, facts),
		facts: factsOf(container, cross.facts),
	};
}


type CrossCheck = {readonly fact?: string; readonly facts?: Partial<Record<EvidenceKey, string>>};

/** What the other containers say about the target of a failure. */
function crossCheck(container: ContainerSnapshot, failure: DialFailure, snapshot: Snapshot): CrossCheck {
	const host = failure.host?.toLowerCase();
	if (!host || failure.kind === 'authentication') {
		return {};
	}

	if (isLoopbackHost(host)) {
		return loopbackDial(container, failure, snapshot);
	}

	const others = snapshot.containers.filter(other => other.id !== container.id);
	const isAddress = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':');
	const ours = networksOf(container);
	// A name resolves on a network the two share, but for the default bridge, which has no DNS: the
	// containers that answer to it there come first, then those of the same compose project elsewhere,
	// then any other. An address is reached on any shared network.
	const answersOn = (other: ContainerSnapshot) => (other.attachments ?? [])
		.filter(attachment => ours.includes(attachment.network) && (isAddress || attachment.network !== defaultBridge) && (isAddress ? attachment.ipAddress === host : [...attachment.aliases, other.name].some(alias => alias.toLowerCase() === host)));
	const matches = isAddress
		? others.filter(other => (other.attachments ?? []).some(attachment => attachment.ipAddress === host))
		: others.filter(other => namesOf(other).has(host));
	const rank = (other: ContainerSnapshot) => (answersOn(other).length > 0 ? 0 : other.project === container.project ? 1 : 2);
	const sorted = [...matches].sort((left, right) => rank(left) - rank(right));
	const [first] = sorted;
	if (!first) {
		// A name with a dot may be outside this engine; an address of no container here, too.
		return failure.kind === 'unresolved' && !isAddress && !host.includes('.')
			? {fact: unknownNameFact(failure.host!, failure.port), facts: {hostname: failure.host!}}
			: {};
	}

	const closest = sorted.filter(other => rank(other) === rank(first));
	const name = isAddress ? first.service ?? first.name : failure.host!;
	const running = closest.filter(other => other.state === 'running');
	if (running.length === 0) {
		return {
			fact: dependencyDownFact(name, failure.port, first.name, stateWords(first)),
			facts: {hostname: name, 'dependency-container': first.name},
		};
	}

	if (rank(first) === 0) {
		// The name resolves and its container runs where this one can reach it: the failure is elsewhere.
		return {};
	}

	const target = running[0]!;
	if (!isAddress && networksOf(target).includes(defaultBridge) && ours.includes(defaultBridge)) {
		return {
			fact: defaultBridgeFact(name, failure.port, target.name),
			facts: {hostname: name, 'dependency-container': target.name},
		};
	}

	return {
		fact: dependencyElsewhereFact(name, failure.port, target.name, networksOf(target), ours),
		facts: {hostname: name, 'dependency-container': target.name, ...(networksOf(target)[0] ? {network: networksOf(target)[0]} : {})},
	};
}

/** A dial to localhost: nothing of this container listens there; which sibling does? */
function loopbackDial(container: ContainerSnapshot, failure: DialFailure, snapshot: Snapshot): CrossCheck {
	const {port} = failure;
	if (port === undefined || failure.kind !== 'refused' || container.networkMode === 'host') {
		return {};
	}

	if ((container.listeners?.listeners ?? []).some(listener => listener.port === port)) {
		return {};
	}

	const ours = networksOf(container);
	const siblings = snapshot.containers.filter(other => other.id !== container.id
		&& other.state === 'running'
		&& (container.project ? other.project === container.project : networksOf(other).some(network => ours.includes(network))));
	const listening = siblings.find(other => reachableListeners(other).some(listener => listener.port === port))
		?? siblings.find(other => !other.listeners && ((other.exposedPorts ?? []).includes(port) || other.ports.some(binding => binding.containerPort === port)));
	const name = listening ? listening.service ?? listening.attachments?.flatMap(attachment => attachment.aliases)[0] ?? listening.name : undefined;
	return {
		fact: loopbackDialFact(failure.host!.includes(':') ? `[${failure.host!}]` : failure.host!, port, name),
		facts: listening && name ? {hostname: name, 'dependency-container': listening.name} : {},
	};
}

/** `docker run` without --network: containers there reach each other by address only. */
const defaultBridge = 'bridge';

function isLoopbackHost(host: string): boolean {
	return host === 'localhost' || host === '::1' || host === '0.0.0.0' || /^127\./.test(host) || host.startsWith('::ffff:127.');
}

/** The names other containers reach this one by: its name, its compose service, its aliases. */
function namesOf(container: ContainerSnapshot): Set<string> {
	return new Set([
		container.name,
		...(container.service ? [container.service] : []),
		...(container.attachments ?? []).flatMap(attachment => attachment.aliases),
	].map(name => name.toLowerCase()));
}

function networksOf(container: ContainerSnapshot): string[] {
	return container.attachments?.map(attachment => attachment.network) ?? [...container.networks];
}

function stateWords(container: ContainerSnapshot): string {
	const requested = stoppedOnRequest(container);
	switch (container.state) {
		case 'exited':
		case 'dead': {
			return `${requested === 'stop' ? 'stopped' : requested === 'kill' ? 'killed' : container.state} (${describeExitCode(container.exitCode)})`;
		}

		case 'created': {
			return 'created, never started';
		}

		default: {
			return container.state;
		}
	}
}
