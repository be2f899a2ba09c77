/**
 * Every detector, most specific first. A container with several problems (a restart loop that is
 * OOM kills, a never-started container whose port is taken) yields one finding: the most specific
 * detector's, with the others' evidence, conditions and text merged in, so nothing is said twice.
 */
import type {Detector, Evidence, Finding} from '../finding.js';
import type {Snapshot} from '../snapshot.js';
import {unique} from './container-evidence.js';
import {dependencyNotReadyDetector} from './dependency-not-ready.js';
import {exitedWithErrorDetector} from './exited-with-error.js';
import {failingToWriteDetector} from './failing-to-write.js';
import {failingWhileRunningDetector} from './failing-while-running.js';
import {neverStartedDetector} from './never-started.js';
import {oomKilledDetector} from './oom-killed.js';
import {portConflictDetector} from './port-conflict.js';
import {registryOffClusterNetworkDetector} from './registry-off-cluster-network.js';
import {restartLoopDetector} from './restart-loop.js';
import {unhealthyDetector} from './unhealthy.js';
import {unreachablePortDetector} from './unreachable-port.js';

export const detectors: readonly Detector[] = [
	portConflictDetector,
	neverStartedDetector,
	oomKilledDetector,
	unhealthyDetector,
	restartLoopDetector,
	unreachablePortDetector,
	failingWhileRunningDetector,
	failingToWriteDetector,
	registryOffClusterNetworkDetector,
	exitedWithErrorDetector,
	dependencyNotReadyDetector,
];

export function detectFindings(snapshot: Snapshot, active: readonly Detector[] = detectors): Finding[] {
	const byContainer = new Map<string, Finding[]>();
	for (const detector of active) {
		for (const finding of detector.detect(snapshot)) {
			byContainer.set(finding.container, [...byContainer.get(finding.container) ?? [], finding]);
		}
	}

	const order = new Map(snapshot.containers.map((container, index) => [container.name, index]));
	return [...byContainer.values()]
		.map(findings => mergeFindings(findings))
		.sort((left, right) => (order.get(left.container) ?? 0) - (order.get(right.container) ?? 0));
}

/** The first (most specific) finding leads; the rest add what it does not already say. */
function mergeFindings(findings: readonly Finding[]): Finding {
	const [primary, ...rest] = findings;
	if (!primary) {
		throw new Error('mergeFindings needs at least one finding');
	}

	if (rest.length === 0) {
		return primary;
	}

	const evidence: Evidence[] = [];
	const seen = new Set<string>();
	for (const item of findings.flatMap(finding => finding.evidence)) {
		if (!seen.has(item.text)) {
			seen.add(item.text);
			evidence.push(item);
		}
	}

	return {
		...primary,
		severity: findings.some(finding => finding.severity === 'error') ? 'error' : primary.severity,
		evidence,
		conditions: unique(findings.flatMap(finding => finding.conditions)),
		exitCode: primary.exitCode ?? rest.find(finding => finding.exitCode !== undefined)?.exitCode,
		matchText: unique(findings.flatMap(finding => finding.matchText.split('\n')).filter(Boolean)).join('\n'),
		// Every finding of one container read the same container, so the primary's sources stand for
		// all, except the facts, which each detector adds its own to.
		sourcedText: mergeFacts(findings),
		facts: Object.assign({}, ...[...findings].reverse().map(finding => finding.facts)) as Finding['facts'],
	};
}

function mergeFacts(findings: readonly Finding[]): Finding['sourcedText'] {
	const [primary] = findings;
	const facts = unique(findings.flatMap(finding => (finding.sourcedText?.facts ?? '').split('\n')).filter(Boolean));
	if (!primary?.sourcedText && facts.length === 0) {
		return undefined;
	}

	return {...primary?.sourcedText, facts: facts.join('\n')};
}
