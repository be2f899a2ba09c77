/**
 * How long a rescan takes inside the running wizard: the same runtime the wizard builds, one scan
 * to warm it up (knowledge loaded, engine connections open), then `runs` rescans timed one by one.
 * Each rescan is the wizard's whole `scan()`: the engine scan and the diagnosis built from it.
 */
import {createWizardRuntime} from '../source/runtime/lazy-wizard-runtime.js';

export type RescanOptions = {
	/** --host; else DOCKER_HOST from `environment`. */
	readonly host?: string;
	readonly environment: Readonly<Record<string, string | undefined>>;
	/** Only this compose project's containers, as `unblock --project` scans. */
	readonly project?: string;
	readonly runs: number;
};

export type RescanSamples = {
	readonly samplesMs: number[];
	/** Containers the last rescan reported. */
	readonly containers: number;
};

export async function measureRescan(options: RescanOptions): Promise<RescanSamples> {
	const runtime = createWizardRuntime({
		cwd: process.cwd(),
		env: options.environment,
		...(options.host === undefined ? {} : {host: options.host}),
		...(options.project === undefined ? {} : {project: options.project}),
		playbookDirectories: [],
		knowledgePaths: [],
	});
	try {
		let outcome = await runtime.scan();
		const samplesMs: number[] = [];
		for (let run = 0; run < options.runs; run++) {
			const started = performance.now();
			outcome = await runtime.scan();
			samplesMs.push(performance.now() - started);
		}

		if (outcome.kind === 'no-engine') {
			throw new Error(`${outcome.message}: ${outcome.hint}`);
		}

		return {samplesMs, containers: outcome.result.containers.length};
	} finally {
		runtime.close?.();
	}
}
