import type {Detector, Finding} from '../finding.js';
import {describeExitCode, engineErrorEvidence, findingBasics} from './container-evidence.js';

/** Created, but the engine failed to start it: its State.Error says why. */
export const neverStartedDetector: Detector = {
	id: 'never-started',
	description: 'A container that was created but could not be started, with the engine\'s start error.',
	detect(snapshot) {
		return snapshot.containers
			.filter(container => container.state === 'created' && (container.error !== undefined || container.exitCode !== 0))
			.map((container): Finding => ({
				...findingBasics(container, snapshot.takenAt),
				symptom: 'never-started',
				severity: 'error',
				summary: `never started: ${container.error ? shortError(container.error) : describeExitCode(container.exitCode)}`,
				evidence: [
					{kind: 'state', text: `state: created, never started (${describeExitCode(container.exitCode)})`},
					...engineErrorEvidence(container),
				],
			}));
	},
};

/** The runtime's error is a chain ("failed to create shim task: OCI runtime create failed: ..."); the end says what happened. */
function shortError(error: string): string {
	const parts = error.split(/: (?=[a-z"]|exec)/).map(part => part.trim()).filter(part => part && part !== 'unknown');
	const interesting = parts.findIndex(part => /^exec\b|not found|no such file|permission denied|allocated|in use/i.test(part));
	const text = interesting >= 0 ? parts.slice(interesting).join(': ') : parts.at(-1) ?? error;
	return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
