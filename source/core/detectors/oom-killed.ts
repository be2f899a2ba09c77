import type {Detector, Finding} from '../finding.js';
import {findingBasics, lastExitCode, logEvidence, matchTextOf} from './container-evidence.js';

/** The kernel killed the process for using more memory than it may. */
export const oomKilledDetector: Detector = {
	id: 'oom-killed',
	description: 'A container whose process the kernel killed for memory (OOMKilled).',
	detect(snapshot) {
		return snapshot.containers.filter(container => container.oomKilled).map((container): Finding => {
			const limit = container.memoryLimit > 0
				? `memory limit: ${formatBytes(container.memoryLimit)}`
				: 'no memory limit on the container: the host or Docker VM ran out of memory';
			// Caught running again (a loop) with the engine's events gone: the kill's own code.
			const exitCode = lastExitCode(container) ?? 137;
			return {
				...findingBasics(container, snapshot.takenAt),
				symptom: 'oom-killed',
				severity: 'error',
				summary: `was killed for memory (OOMKilled, exit code ${exitCode})`,
				evidence: [
					{kind: 'oom', text: container.lastRun?.oomKilled ? `the engine logged an oom event, then the process died (exit code ${exitCode})` : `OOMKilled: true, exit code ${exitCode}`},
					{kind: 'oom', text: limit},
					...logEvidence(container, 3),
				],
				exitCode: 137,
				// Its own logs rarely say anything: the engine's verdict is the text to match.
				matchText: matchTextOf(container, ['OOMKilled: true', 'container killed: out of memory (exit code 137)']),
			};
		});
	},
};

function formatBytes(bytes: number): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}

	return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
