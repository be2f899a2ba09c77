import type {Detector, Finding} from '../finding.js';
import {failingProbes, findingBasics, logEvidence, probeFailsAtItsTarget, stillStarting, uptimeSeconds, usableExitCode} from './container-evidence.js';
import {unhealthyWhileStartingFact} from './fact-lines.js';

/** The health check fails: what the probe printed is usually the whole story. */
export const unhealthyDetector: Detector = {
	id: 'unhealthy',
	description: 'A container whose health check fails, with the failing probe\'s output.',
	detect(snapshot) {
		return snapshot.containers.filter(container => container.health?.status === 'unhealthy').map((container): Finding => {
			const health = container.health;
			const failing = failingProbes(container);
			const latest = failing.at(-1);
			const probe = health?.test ? health.test.join(' ') : undefined;
			const output = latest?.output ? latest.output.split('\n').find(line => line.trim()) ?? '' : '';
			const facts = stillStarting(container, snapshot.takenAt) && probeFailsAtItsTarget(container) ? [unhealthyWhileStartingFact(uptimeSeconds(container, snapshot.takenAt))] : [];
			return {
				...findingBasics(container, snapshot.takenAt, facts),
				symptom: 'unhealthy',
				severity: 'error',
				summary: `is unhealthy: ${health?.failingStreak ?? failing.length} failing health checks in a row`,
				evidence: [
					{kind: 'health', text: `health: unhealthy, failing streak ${health?.failingStreak ?? 0}`},
					...(probe ? [{kind: 'health' as const, text: `probe: ${probe}`}] : []),
					...(latest ? [{kind: 'health' as const, text: `probe output (exit ${latest.exitCode}): ${output || '(no output)'}`}] : []),
					...facts.map(text => ({kind: 'health' as const, text})),
					...logEvidence(container, 3),
				],
				// The probe's exit code, not the container's: it is what the health check said.
				exitCode: usableExitCode(latest?.exitCode),
			};
		});
	},
};
