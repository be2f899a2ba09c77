import type {Detector, Finding} from '../finding.js';
import type {ContainerSnapshot} from '../snapshot.js';
import {findingBasics, matchTextOf} from './container-evidence.js';
import {mountEvidence} from './container-mounts.js';
import {describeSpan, repeatedLogFailure, type FailureParser, type RepeatedFailure} from './repeated-log-failure.js';

/**
 * A running container whose log keeps saying it may not write a file, or has no room for it: a
 * process that stays up but cannot save (uploads, a schedule, a cache) on a mount its user does
 * not own, a read-only file system, a full disk. Its state shows nothing; its log does.
 */
export const failingToWriteDetector: Detector = {
	id: 'failing-to-write',
	description: 'A running container whose log keeps repeating that it may not write a file, or has no space for it.',
	detect(snapshot) {
		return snapshot.containers.flatMap(container => {
			const repeated = container.state === 'running' ? repeatedLogFailure(container, snapshot.takenAt, writeFailures) : undefined;
			return repeated ? [writeFinding(container, repeated, snapshot.takenAt)] : [];
		});
	},
};

type WriteFailure = 'permission denied' | 'read-only file system' | 'no space left on device';

const kinds: ReadonlyArray<[RegExp, WriteFailure]> = [
	[/\b(?:permission denied|EACCES|operation not permitted|EPERM)\b/i, 'permission denied'],
	[/\b(?:read-only file system|EROFS)\b/i, 'read-only file system'],
	[/\b(?:no space left on device|ENOSPC|disk quota exceeded)\b/i, 'no space left on device'],
];

const writeFailures: FailureParser<WriteFailure> = {
	parse: text => kinds.find(([pattern]) => pattern.test(text))?.[1],
	key: failure => failure,
	// A write that fails keeps failing until someone changes the mount; nothing in the log says it stopped.
	recovers: () => false,
};

function writeFinding(container: ContainerSnapshot, {failure, count, line, first, last}: RepeatedFailure<WriteFailure>, takenAt: string): Finding {
	const span = first !== undefined && last !== undefined ? ` in ${describeSpan(last - first)}` : '';
	const at = last === undefined ? '' : `, last at ${new Date(last * 1000).toISOString()}`;
	return {
		...findingBasics(container, takenAt),
		symptom: 'failing-while-running',
		severity: 'error',
		summary: `keeps failing while running: ${failure}, ${count} times${span}`,
		evidence: [
			{kind: 'log', text: `log (${count} times${at}): ${line}`},
			...mountEvidence(container),
		],
		exitCode: undefined,
		matchText: matchTextOf(container, [line]),
	};
}
