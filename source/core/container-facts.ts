import {factsOf} from './detectors/container-evidence.js';
import type {DiagnosedFinding, DiagnoseResult} from './diagnose-report.js';
import type {EvidenceKey} from './playbook-schema.js';

export type ContainerFacts = {
	readonly facts: Partial<Record<EvidenceKey, string>>;
	/** The container's finding the facts came from, if it has one. */
	readonly finding?: DiagnosedFinding;
};

/**
 * The facts of a named container that fill a playbook's variables: its finding's when it has one
 * (preferring a finding this playbook matches), else what the container itself shows. Undefined
 * when the scan did not see the container. `unblock fix --container` and the wizard both ask here.
 */
export function containerFactsFor(result: Pick<DiagnoseResult, 'containers' | 'findings'>, name: string, playbookId: string): ContainerFacts | undefined {
	const findings = result.findings.filter(finding => finding.container === name);
	const finding = findings.find(candidate => candidate.matches.some(match => match.playbook === playbookId)) ?? findings[0];
	if (finding) {
		return {facts: finding.facts, finding};
	}

	const container = result.containers.find(candidate => candidate.name === name);
	return container ? {facts: factsOf(container)} : undefined;
}
