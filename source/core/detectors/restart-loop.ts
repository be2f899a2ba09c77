import type {Detector, Finding} from '../finding.js';
import {describeExitCode, findingBasics, isRestartLoop, lastExitCode, logEvidence, startFailureEvidence, usableExitCode} from './container-evidence.js';
import {cleanExitLoopFact} from './fact-lines.js';
import {mountEvidence} from './container-mounts.js';

/** Restarting over and over: the engine's restart policy keeps bringing back a process that dies. */
export const restartLoopDetector: Detector = {
	id: 'restart-loop',
	description: 'A container that keeps restarting: its process dies and the restart policy starts it again.',
	detect(snapshot) {
		return snapshot.containers.filter(container => isRestartLoop(container, snapshot.takenAt)).map((container): Finding => {
			const restarts = `${container.restartCount} restart${container.restartCount === 1 ? '' : 's'}`;
			const exitCode = lastExitCode(container);
			// Ending with 0 every time is no crash: the process finished its work (or went to the background).
			const facts = exitCode === 0 ? [cleanExitLoopFact(container.restartCount)] : [];
			return {
				...findingBasics(container, snapshot.takenAt, facts),
				symptom: 'restart-loop',
				severity: 'error',
				summary: `keeps restarting: ${restarts}${exitCode === undefined ? '' : `, last ${describeExitCode(exitCode)}`}`,
				evidence: [
					{kind: 'restarts', text: `restarts: ${container.restartCount}${container.restartPolicy ? ` (restart policy ${container.restartPolicy})` : ''}`},
					{kind: 'exit-code', text: exitCode === undefined ? 'last run: caught running between two crashes; the engine no longer has the exit code' : `last run: ${describeExitCode(exitCode)}`},
					...facts.map(text => ({kind: 'exit-code' as const, text})),
					...logEvidence(container),
					...startFailureEvidence(container),
					...mountEvidence(container),
				],
				exitCode: usableExitCode(exitCode),
			};
		});
	},
};
