import type {CheckResult} from '../../core/fix-plan/check-result.js';
import type {Check} from '../../core/playbook-schema.js';
import type {EngineConnection} from '../docker-client.js';

export type CheckOf<Type extends Check['type']> = Extract<Check, {type: Type}>;

/** What every check gets besides its own fields. */
export type CheckContext = {
	/** Aborted at the deadline or when the user stops the checks. */
	readonly signal: AbortSignal;
	/** Epoch milliseconds by which the check reports, pass or fail. */
	readonly deadline: number;
	/** Epoch milliseconds when the step started: log checks look at lines after it. */
	readonly since: number;
	readonly engine: () => EngineConnection;
	/** Literal secret values to redact from details. */
	readonly secrets: readonly string[];
};

export function pass(detail: string): CheckResult {
	return {status: 'pass', detail};
}

export function fail(detail: string): CheckResult {
	return {status: 'fail', detail};
}
