/** The machine the figures came from, for results.json and the README. */
import {spawnSync} from 'node:child_process';
import os from 'node:os';

export type Machine = {
	readonly cpu: string;
	readonly cores: number;
	readonly memoryGigabytes: number;
	readonly platform: string;
	readonly node: string;
	/** The engine's version, or null without one. */
	readonly docker: string | null;
	/** The commit measured, when this is a git checkout. */
	readonly commit: string | null;
	readonly date: string;
};

export function describeMachine(root: string, dockerVersion: string | undefined, now = new Date()): Machine {
	const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {cwd: root, encoding: 'utf8'});
	return {
		cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
		cores: os.availableParallelism(),
		memoryGigabytes: Math.round(os.totalmem() / (1024 ** 3)),
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		node: process.version,
		docker: dockerVersion ?? null,
		commit: commit.status === 0 ? commit.stdout.trim() : null,
		date: now.toISOString(),
	};
}
