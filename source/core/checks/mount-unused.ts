import {checkBase, defineCheckType, fail, pass} from './check-type.js';

/**
 * No running container mounts the data: a named volume (by its name) or a host folder (bind
 * mounts of it, of a folder inside it, or of one around it). What a lock or a pid file may be
 * removed on: while a server runs on the files, its lock is live. Read from the engine, so it
 * holds on Docker Desktop, Colima and remote engines alike.
 */
export const mountUnused = defineCheckType({
	type: 'mount-unused',
	schema: z => z
		.object({
			type: z.literal('mount-unused'),
			source: z.string().describe('A volume name, or an absolute host path for a bind mount (the mount-source evidence).'),
			...checkBase(z),
		})
		.strict(),
	patternFields: [],
	commandFields: [],
	defaultTimeoutSeconds: () => 15,
	describe: check => `no running container mounts ${describeSource(check.source)}`,
	async run(check, {signal, tools}) {
		const source = check.source.trim();
		if (source === '') {
			return fail('no volume or host path was given');
		}

		let running;
		try {
			running = await tools.runningMounts(signal);
		} catch (error) {
			return fail(`cannot list the running containers: ${tools.describeEngineError(error, '')}`);
		}

		const users = running
			.filter(container => container.mounts.some(mount => uses(mount, source)))
			.map(container => container.name);
		return users.length === 0
			? pass(`no running container mounts ${describeSource(source)}`)
			: fail(`${users.join(', ')} ${users.length === 1 ? 'is' : 'are'} running on ${describeSource(source)}: stop ${users.length === 1 ? 'it' : 'them'} first`);
	},
});

function describeSource(source: string): string {
	return source.startsWith('/') ? source : `volume ${source}`;
}

function uses(mount: {readonly type: string; readonly name?: string; readonly source: string}, source: string): boolean {
	if (!source.startsWith('/')) {
		return mount.type === 'volume' && mount.name === source;
	}

	if (mount.type !== 'bind') {
		return false;
	}

	const wanted = trimSlashes(source);
	const mounted = trimSlashes(mount.source);
	return wanted === mounted || wanted.startsWith(`${mounted}/`) || mounted.startsWith(`${wanted}/`);
}

function trimSlashes(path: string): string {
	return path.replace(/\/+$/, '') || '/';
}
