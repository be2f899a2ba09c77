import type {z} from 'zod';
import type {CheckResult} from './check-result.js';
import type {CheckTools} from './check-tools.js';

/**
 * zod, handed to the functions that build check schemas: only what parses a playbook file (the
 * playbook schema) loads zod, so the wizard, a scan and a fix of cached playbooks never pay for it.
 */
export type Zod = typeof z;

/** The fields every check has besides its own. */
export function checkBase(z: Zod) {
	return {
		description: z.string().optional(),
		timeoutSeconds: z.number().positive().max(600).optional(),
		oneShot: z
			.boolean()
			.optional()
			.describe('Look once instead of again until it passes or times out: for what cannot change by waiting (a diagnosis).'),
		interim: z
			.boolean()
			.optional()
			.describe('It proves what its step leaves for the steps after it (a container stopped, a lock file removed), which a later step undoes on purpose or an alternative step makes moot: checked right after its step, not again in the final round.'),
	};
}

/** What every check gets besides its own fields. */
export type CheckContext = {
	/** Aborted at the deadline or when the user stops the checks. */
	readonly signal: AbortSignal;
	/** Epoch milliseconds by which the check reports, pass or fail. */
	readonly deadline: number;
	/** Epoch milliseconds when the step started: log checks look at lines after it. */
	readonly since: number;
	readonly tools: CheckTools;
};

type CheckSchema = z.ZodObject<{type: z.ZodLiteral<string>} & z.ZodRawShape>;

/**
 * One kind of check a playbook step can prove itself with, in one file: its name, its fields (a
 * zod object whose literal `type` is that name, built from the zod it is given), what it verifies
 * in words, how long it may take, which fields hold a regular expression (lint checks them for
 * ReDoS; a variable filled in there is escaped) or a command (argv), and how it runs. The registry
 * (registry.ts) lists them all.
 */
export type CheckType<Schema extends CheckSchema = CheckSchema> = {
	readonly type: z.infer<Schema>['type'];
	schema(z: Zod): Schema;
	readonly patternFields: ReadonlyArray<keyof z.infer<Schema> & string>;
	readonly commandFields: ReadonlyArray<keyof z.infer<Schema> & string>;
	/**
	 * run() waits for a pass itself, up to the deadline (a container staying up, a port opening).
	 * Any other check is one look, taken again until it passes or its time is up (runCheckType).
	 */
	readonly waitsItself?: true;
	/** Every check of this type is interim (see checkBase.interim): it proves its step was done, not how things are. */
	readonly interim?: true;
	/** Seconds it needs to pass at all (a container seen staying up, a log watched), when that is more than a moment. */
	minimumSeconds?(check: z.infer<Schema>): number;
	/** Seconds it may take when the playbook does not say. */
	defaultTimeoutSeconds(check: z.infer<Schema>): number;
	/** One line saying what it verifies, from values fit to show ("container api-1 is healthy"). */
	describe(check: z.infer<Schema>): string;
	/** Pass or fail with one line of what it saw; never throws for what it finds. */
	run(check: z.infer<Schema>, context: CheckContext): Promise<CheckResult>;
};

/** Written as `defineCheckType({...})` so each file's check type is inferred from its schema. */
export function defineCheckType<Schema extends CheckSchema>(type: CheckType<Schema>): CheckType<Schema> {
	return type;
}

export function pass(detail: string): CheckResult {
	return {status: 'pass', detail};
}

export function fail(detail: string): CheckResult {
	return {status: 'fail', detail};
}
