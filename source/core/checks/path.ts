import type {CheckTools, PathFacts} from './check-tools.js';
import {checkBase, defineCheckType, fail, pass} from './check-type.js';
import {asContainerReference} from './container-reference.js';
import {lastLine} from './output-pattern.js';

/**
 * A file or directory exists (or not) with the asked kind, owner and mode: on this host with
 * stat, or inside a container with `stat -L -c '%u %g %a %F' -- <path>` through exec (argv, no shell).
 */
export const path = defineCheckType({
	type: 'path',
	schema: z => z
		.object({
			type: z.literal('path'),
			path: z.string(),
			container: z.string().optional().describe('Look inside this container instead of on the host.'),
			exists: z.boolean().default(true),
			kind: z.enum(['file', 'directory']).optional(),
			owner: z.string().optional().describe('Numeric uid (or uid:gid) the path must belong to.'),
			mode: z
				.string()
				.regex(/^0?[0-7]{3,4}$/)
				.optional()
				.describe('Octal permission bits, e.g. 0700.'),
			...checkBase(z),
		})
		.strict(),
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 15,
	describe(check) {
		const where = check.container ? ` in ${check.container}` : '';
		if (!check.exists) {
			return `${check.path}${where} does not exist`;
		}

		const details = [
			check.kind ? `is a ${check.kind}` : 'exists',
			check.owner ? `owned by ${check.owner}` : '',
			check.mode ? `with mode ${check.mode}` : '',
		].filter(Boolean);
		return `${check.path}${where} ${details.join(' ')}`;
	},
	async run(check, {signal, tools}) {
		const owner = parseOwner(check.owner);
		if (owner === 'invalid') {
			return fail(`owner "${check.owner}" is not a numeric uid or uid:gid`);
		}

		let facts: PathFacts;
		let where = check.path;
		if (check.container === undefined) {
			const found = await tools.hostPath(check.path);
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
			const found = await containerPath(name, check.path, tools, signal);
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
	},
});

async function containerPath(container: string, path: string, tools: CheckTools, signal: AbortSignal): Promise<PathFacts | string> {
	let result;
	try {
		result = await tools.execInContainer(container, ['stat', '-L', '-c', '%u %g %a %F', '--', path], signal);
	} catch (error) {
		return `cannot look inside ${container}: ${tools.describeEngineError(error, container)}`;
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
