/**
 * How a diagnosed container looks in the newest scan, for the header of its playbook and its fix:
 * what is wrong with it now, or its state and that nothing is detected any more, or that it is
 * gone. Pure.
 */
import {summarizeContainer} from './container-summary.js';
import type {DiagnoseResult} from './diagnose-report.js';

export function describeContainerNow(result: DiagnoseResult, container: string): string {
	const snapshot = result.containers.find(candidate => candidate.name === container);
	if (!snapshot) {
		return 'no longer on the engine';
	}

	const finding = result.findings.find(candidate => candidate.container === container);
	return finding ? finding.summary : `${summarizeContainer(snapshot, {separator: ' · ', exitCode: 'stopped', ports: false})}, nothing detected now`;
}
