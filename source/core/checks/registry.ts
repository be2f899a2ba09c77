/**
 * Every kind of check a playbook step can prove itself with. A new kind is one file beside this
 * one (see check-type.ts) and one line below: the playbook schema, lint, descriptions, variable
 * filling and the runner all read it from here.
 */
import type {z} from 'zod';
import type {CheckResult} from './check-result.js';
import type {CheckContext, Zod} from './check-type.js';
import {containerCommand} from './container-command.js';
import {containerHealthy} from './container-healthy.js';
import {containerRecreated} from './container-recreated.js';
import {containerRunning} from './container-running.js';
import {hostCommand} from './host-command.js';
import {http} from './http.js';
import {logAbsent} from './log-absent.js';
import {mountUnused} from './mount-unused.js';
import {path} from './path.js';
import {portFree} from './port-free.js';
import {portListening} from './port-listening.js';

const checkTypes = [
	containerRunning,
	containerHealthy,
	containerRecreated,
	portFree,
	portListening,
	http,
	containerCommand,
	hostCommand,
	logAbsent,
	mountUnused,
	path,
] as const;

type Schemas<Types> = {-readonly [Index in keyof Types]: Types[Index] extends {schema(z: Zod): infer Schema} ? Schema : never};

/** The schema of a check of any registered type, built from the zod it is given (the playbook schema's). */
export function checkSchemaOf(z: Zod) {
	return z.discriminatedUnion('type', checkTypes.map(type => type.schema(z)) as unknown as Schemas<typeof checkTypes>);
}

/** One filled check of a playbook step, of any registered type. */
export type Check = z.infer<ReturnType<typeof checkSchemaOf>>;

/** A check type whose functions take any check: the one checkTypeOf hands out is the check's own. */
export type AnyCheckType = {
	readonly waitsItself?: true;
	readonly interim?: true;
	readonly patternFields: readonly string[];
	readonly commandFields: readonly string[];
	minimumSeconds?(check: Check): number;
	defaultTimeoutSeconds(check: Check): number;
	describe(check: Check): string;
	run(check: Check, context: CheckContext): Promise<CheckResult>;
};

const byType = new Map<string, AnyCheckType>(checkTypes.map(type => [type.type, type as unknown as AnyCheckType]));

export function checkTypeOf(check: Check): AnyCheckType {
	return byType.get(check.type)!;
}

/** The commands a check runs (argv arrays), with the field each is in. */
export function commandsOf(check: Check): Array<{readonly field: string; readonly argv: readonly string[]}> {
	return checkTypeOf(check).commandFields.flatMap(field => {
		const argv = (check as Record<string, unknown>)[field];
		return Array.isArray(argv) ? [{field, argv: argv as readonly string[]}] : [];
	});
}
