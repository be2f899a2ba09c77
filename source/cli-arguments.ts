import {parseArgs} from 'node:util';
import {UserError} from './core/user-error.js';

/**
 * The command line, parsed with node's own parseArgs: it costs nothing to load, where an argument
 * library was a third of a cold `unblock search`. Unknown flags and missing values are bad usage.
 */
const options = {
	help: {type: 'boolean'},
	version: {type: 'boolean'},
	json: {type: 'boolean'},
	limit: {type: 'string'},
	project: {type: 'string'},
	host: {type: 'string'},
	context: {type: 'string'},
	container: {type: 'string'},
	'dry-run': {type: 'boolean'},
	yes: {type: 'boolean'},
	'allow-destructive': {type: 'boolean'},
	set: {type: 'string', multiple: true},
	playbooks: {type: 'string', multiple: true},
	knowledge: {type: 'string', multiple: true},
	title: {type: 'string'},
	cause: {type: 'string'},
	symptom: {type: 'string', multiple: true},
	resolution: {type: 'string'},
	file: {type: 'string'},
	evidence: {type: 'string', multiple: true},
	'root-cause': {type: 'string'},
	tried: {type: 'string', multiple: true},
	worked: {type: 'string', multiple: true},
	tradeoff: {type: 'string', multiple: true},
	lesson: {type: 'string', multiple: true},
} as const;

export type CliFlags = {
	readonly help: boolean;
	readonly version: boolean;
	readonly json: boolean;
	readonly limit: number;
	readonly project?: string;
	readonly host?: string;
	readonly context?: string;
	readonly container?: string;
	readonly dryRun: boolean;
	readonly yes: boolean;
	readonly allowDestructive: boolean;
	/** `--set name=value`: values for a fix's variables, by name. */
	readonly set: Readonly<Record<string, string>>;
	readonly playbooks: readonly string[];
	readonly knowledge: readonly string[];
	readonly title?: string;
	readonly cause?: string;
	readonly symptom: readonly string[];
	readonly resolution?: string;
	readonly file?: string;
	readonly evidence: readonly string[];
	readonly rootCause?: string;
	readonly tried: readonly string[];
	readonly worked: readonly string[];
	readonly tradeoff: readonly string[];
	readonly lesson: readonly string[];
};

export type CliArguments = {
	readonly command?: string;
	readonly input: readonly string[];
	readonly flags: CliFlags;
};

/**
 * The commands that need neither the engine nor a terminal UI, and print once and end: the bin
 * runs them from the light program, which writes their output straight to a pipe or a file.
 */
export const lightCommands: ReadonlySet<string | undefined> = new Set(['search', 'playbooks', 'lint']);

const usageHint = 'run unblock --help to see the commands and flags';

export function parseCliArguments(argv: readonly string[]): CliArguments {
	let parsed;
	try {
		parsed = parseArgs({args: [...argv], options, allowPositionals: true, strict: true});
	} catch (error) {
		throw usageError(error);
	}

	const {values, positionals} = parsed;
	const [command, ...input] = positionals;
	return {
		command,
		input,
		flags: {
			help: values.help ?? false,
			version: values.version ?? false,
			json: values.json ?? false,
			limit: parseLimit(values.limit),
			project: values.project,
			host: values.host,
			context: values.context,
			container: values.container,
			dryRun: values['dry-run'] ?? false,
			yes: values.yes ?? false,
			allowDestructive: values['allow-destructive'] ?? false,
			set: parseSetValues(values.set ?? []),
			playbooks: values.playbooks ?? [],
			knowledge: values.knowledge ?? [],
			title: values.title,
			cause: values.cause,
			symptom: values.symptom ?? [],
			resolution: values.resolution,
			file: values.file,
			evidence: values.evidence ?? [],
			rootCause: values['root-cause'],
			tried: values.tried ?? [],
			worked: values.worked ?? [],
			tradeoff: values.tradeoff ?? [],
			lesson: values.lesson ?? [],
		},
	};
}

function parseLimit(value: string | undefined): number {
	if (value === undefined) {
		return 5;
	}

	const limit = Number(value);
	if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(limit) || limit < 1) {
		throw new UserError(`--limit must be a whole number of at least 1, not "${value}"`, {hint: 'unblock search --limit 5 <query>'});
	}

	return limit;
}

function parseSetValues(pairs: readonly string[]): Record<string, string> {
	const values: Record<string, string> = {};
	for (const pair of pairs) {
		const match = /^([a-z][a-z\d-]*)=(.*)$/s.exec(pair);
		if (!match) {
			throw new UserError(`--set takes name=value (a variable of the playbook, then its value), not "${pair.length > 60 ? `${pair.slice(0, 57)}...` : pair}"`, {hint: 'unblock fix db-lock-file-in-use --yes --set lock-file=mongod.lock (unblock fix <playbook> --dry-run lists the variables)'});
		}

		const [, name, value] = match;
		if (Object.hasOwn(values, name!) && values[name!] !== value) {
			throw new UserError(`--set ${name!} is given twice, with different values`, {hint: `keep one: --set ${name!}=...`});
		}

		values[name!] = value!;
	}

	return values;
}

/** parseArgs says what is wrong in its own words; the user gets the flag and what to do. */
function usageError(error: unknown): UserError {
	const code = (error as NodeJS.ErrnoException).code;
	const message = error instanceof Error ? error.message : String(error);
	const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? 'a flag';
	switch (code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
			return new UserError(`unknown flag ${flag}`, {hint: usageHint});
		}

		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
			return message.includes('argument missing')
				? new UserError(`${flag} needs a value`, {hint: `${flag} <value> (${usageHint})`})
				: new UserError(`${flag} takes no value`, {hint: `write ${flag} alone (${usageHint})`});
		}

		default: {
			return new UserError(message.split('\n', 1)[0] ?? message, {hint: usageHint});
		}
	}
}
