import type {Detector, Finding} from '../finding.js';
import {describeExitCode, findingBasics, isRestartLoop, logEvidence, startFailureEvidence, stoppedOnRequest} from './container-evidence.js';
import {mountEvidence} from './container-mounts.js';

/** Stopped on purpose (docker stop sends SIGTERM; Ctrl-C sends SIGINT): not a failure. */
const stoppedBySignal = new Set([130, 143]);

/**
 * The process ended with a non-zero code and nothing brought it back. A container someone stopped
 * or killed is not a fault, whatever code its process ended with: a process that ignores SIGTERM
 * ends with 137 after `docker stop`'s wait.
 */
export const exitedWithErrorDetector: Detector = {
	id: 'exited-with-error',
	description: 'A container that exited with a non-zero code (not a clean stop).',
	detect(snapshot) {
		return snapshot.containers
			.filter(container => (container.state === 'exited' || container.state === 'dead')
				&& container.exitCode !== 0
				&& !stoppedBySignal.has(container.exitCode)
				&& stoppedOnRequest(container) === undefined
				// The oom-killed detector says it better.
				&& !container.oomKilled
				&& !isRestartLoop(container, snapshot.takenAt))
			.map((container): Finding => {
				// 137 without the OOM flag is SIGKILL: docker kill, a stop that timed out, or the
				// kernel of a Docker VM killing for memory outside the container's own limit.
				const killed = container.exitCode === 137;
				return {
					...findingBasics(container, snapshot.takenAt),
					symptom: 'exited-with-error',
					severity: killed ? 'warning' : 'error',
					summary: `exited with ${describeExitCode(container.exitCode)}`,
					evidence: [
						{kind: 'exit-code', text: `exited: ${describeExitCode(container.exitCode)}${container.finishedAt ? ` at ${container.finishedAt}` : ''}`},
						...(container.restartCount > 0 ? [{kind: 'restarts' as const, text: `restarts before it gave up: ${container.restartCount}`}] : []),
						...logEvidence(container),
						...startFailureEvidence(container),
						...mountEvidence(container),
					],
				};
			});
	},
};
