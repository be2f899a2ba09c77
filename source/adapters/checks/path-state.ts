import {stat} from 'node:fs/promises';
import type {CheckResult} from '../../core/fix-plan/check-result.js';
import {fail, pass, type CheckContext, type CheckOf} from './check-context.js';
import {execInContainer} from './container-exec.js';
import {asContainerReference} from './container-reference.js';
import {describeEngineError} from './engine-error.js';
import {lastLine} from './output-pattern.js';

type PathFacts =
	| {readonly exists: false}
	| {readonly exists: true; readonly uid: number; readonly gid: number; readonly mode: number; readonly kind: 'file' | 'directory' | 'other'};

/**
 * A file or directory exists (or not) with the asked kind, owner and mode: on this host with
 * stat, or inside a container with `stat -L -c '%u %g %a %F' -- <path>` through exec (argv, no shell).
 */
export async function checkPathState(check: CheckOf<'path'>, context: CheckContext): Promise<CheckResult> {
	const owner = parseOwner(check.owner);
	if (owner === 'invalid') {
		return fail(`owner "${check.owner}" is not a numeric uid or uid:gid`);
	}

	let facts: PathFacts;
	let where = check.path;
	if (check.container === undefined) {
		const found = await hostFacts(check.path);
		if (typeof found === 'string') {
			return fail(found);
		}

		facts = found;
	} else {
		const name = asContainerReference(check.container);
		if (!name) {
			return fail(`"${check.container}" is not a container name`);
		}

		where = `${check.path} in ${name}`;
		const found = await containerFacts(name, check.path, context);
		if (typeof found === 'string') {
			return fail(found);
		}

		facts = found;
	}

	if (!facts.exists) {
		return check.exists ? fail(`${where} does not exist`) : pass(`${where} does not exist`);
	}

	const described = `${where} is a ${facts.kind === 'other' ? 'special file' : facts.kind} owned by ${facts.uid}:${facts.gid} with mode ${formatMode(facts.mode)}`;
	if (!check.exists) {
		return fail(`${described}; it should not exist`);
	}

	const wrong: string[] = [];
	if (check.kind && facts.kind !== check.kind) {
		wrong.push(`a ${check.kind}`);
	}

	if (owner && (facts.uid !== owner.uid || (owner.gid !== undefined && facts.gid !== owner.gid))) {
		wrong.push(`owner ${check.owner}`);
	}

	if (check.mode && (facts.mode & 0o7777) !== Number.parseInt(check.mode, 8)) {
		wrong.push(`mode ${formatMode(Number.parseInt(check.mode, 8))}`);
	}

	return wrong.length === 0 ? pass(described) : fail(`${described}; expected ${wrong.join(', ')}`);
}

async function hostFacts(path: string): Promise<PathFacts | string> {
	try {
		const info = await stat(path);
		return {exists: true, uid: info.uid, gid: info.gid, mode: info.mode & 0o7777, kind: info.isDirectory() ? 'directory' : info.isFile() ? 'file' : 'other'};
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		return code === 'ENOENT' || code === 'ENOTDIR' ? {exists: false} : `cannot look at ${path} (${code ?? (error as Error).message})`;
	}
}

async function containerFacts(container: string, path: string, context: CheckContext): Promise<PathFacts | string> {
	const engine = context.engine();
	let result;
	try {
		result = await execInContainer(engine, container, ['stat', '-L', '-c', '%u %g %a %F', '--', path], context.signal);
	} catch (error) {
		return `cannot look inside ${container}: ${describeEngineError(error, container, engine.endpoint)}`;
	}

	const output = result.output.trim();
	if (result.exitCode !== 0) {
		if (/no such file|can't stat|cannot stat/i.test(output)) {
			return {exists: false};
		}

		return result.exitCode === 126 || result.exitCode === 127 || /executable file not found/i.test(output)
			? `cannot look inside ${container}: the image has no stat command`
			: `stat in ${container} exited ${result.exitCode}: ${lastLine(output)}`;
	}

	const match = /^(\d+) (\d+) ([0-7]+) (.+)$/.exec(lastLine(output));
	if (!match) {
		return `stat in ${container} printed something unexpected: ${lastLine(output)}`;
	}

	const type = match[4]!;
	return {
		exists: true,
		uid: Number(match[1]),
		gid: Number(match[2]),
		mode: Number.parseInt(match[3]!, 8),
		kind: type.includes('directory') ? 'directory' : type.includes('regular') ? 'file' : 'other',
	};
}

function parseOwner(owner: string | undefined): {uid: number; gid?: number} | undefined | 'invalid' {
	if (owner === undefined) {
		return undefined;
	}

	const match = /^(\d+)(?::(\d+))?$/.exec(owner.trim());
	if (!match) {
		return 'invalid';
	}

	return {uid: Number(match[1]), ...(match[2] === undefined ? {} : {gid: Number(match[2])})};
}

function formatMode(mode: number): string {
	return (mode & 0o7777).toString(8).padStart(4, '0');
}
