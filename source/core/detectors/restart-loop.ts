import type {Detector, Finding} from '../finding.js';
import {describeExitCode, findingBasics, isRestartLoop, logEvidence, mountEvidence} from './container-evidence.js';

/** Restarting over and over: the engine's restart policy keeps bringing back a process that dies. */
export const restartLoopDetector: Detector = {
	id: 'restart-loop',
	description: 'A container that keeps restarting: its process dies and the restart policy starts it again.',
	detect(snapshot) {
		return snapshot.containers.filter(container => isRestartLoop(container, snapshot.takenAt)).map((container): Finding => {
			const restarts = `${container.restartCount} restart${container.restartCount === 1 ? '' : 's'}`;
			return {
				...findingBasics(container, snapshot.takenAt),
				symptom: 'restart-loop',
				severity: 'error',
				summary: `keeps restarting: ${restarts}, last ${describeExitCode(container.exitCode)}`,
				evidence: [
					{kind: 'restarts', text: `restarts: ${container.restartCount}${container.restartPolicy ? ` (restart policy ${container.restartPolicy})` : ''}`},
					{kind: 'exit-code', text: `last run: ${describeExitCode(container.exitCode)}`},
					...logEvidence(container),
					...mountEvidence(container),
				],
			};
		});
	},
};
