import type {Check} from '../playbook-schema.js';
import type {ExecutableCommand} from './fix-runtime-contract.js';
import type {FixState} from './fix-state.js';

export type WorkCheck = {
	readonly check: Check;
	/** When the step started (epoch ms); undefined: the moment the checks start (a step the user did). */
	readonly since?: number;
};

/**
 * Work the runtime has to do for the current phase. The UI runs each piece once, keyed by `id`
 * (runStepWork does it), and aborts it as soon as pendingWork(state) no longer returns that id:
 * that is how Ctrl-C stops a command's process group and how quitting stops waiting checks.
 */
export type FixWork =
	| {readonly kind: 'command'; readonly id: number; readonly command: ExecutableCommand}
	| {readonly kind: 'checks'; readonly id: number; readonly checks: readonly WorkCheck[]};

export function pendingWork(state: FixState): FixWork | undefined {
	const {phase} = state;
	switch (phase.name) {
		case 'running': {
			return {kind: 'command', id: phase.workId, command: phase.command};
		}

		case 'checking': {
			return {
				kind: 'checks',
				id: phase.workId,
				checks: phase.checks.map(planned => ({check: planned.check, ...(phase.attempt.since === undefined ? {} : {since: phase.attempt.since})})),
			};
		}

		case 'final-check': {
			return {
				kind: 'checks',
				id: phase.workId,
				checks: (state.final?.checks ?? []).map(final => ({check: final.planned.check, since: final.since})),
			};
		}

		default: {
			return undefined;
		}
	}
}
