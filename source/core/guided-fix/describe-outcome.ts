import type {CommandOutcome} from './fix-runtime-contract.js';

/** One line for how a command ended: "exited with code 1", "timed out after 120s". */
export function describeOutcome(outcome: CommandOutcome): string {
	switch (outcome.kind) {
		case 'exited': {
			return `exited with code ${outcome.exitCode}`;
		}

		case 'killed': {
			return `was killed by ${outcome.signal}`;
		}

		case 'timed-out': {
			return `timed out after ${outcome.afterSeconds}s and was stopped`;
		}

		case 'cancelled': {
			return 'stopped by you';
		}

		case 'not-started': {
			return `could not start: ${outcome.reason}`;
		}
	}
}
