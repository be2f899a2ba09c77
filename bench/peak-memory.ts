/**
 * Peak memory of a whole node process: a preload (`node --import`) that writes
 * process.resourceUsage().maxRSS when the process exits. Used only in runs of their own, never in
 * timed ones.
 */
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const fileVariable = 'UNBLOCK_BENCH_PEAK_FILE';

const preload = `import {writeFileSync} from 'node:fs';
const file = process.env.${fileVariable};
delete process.env.${fileVariable};
if (file) {
	process.on('exit', () => {
		writeFileSync(file, String(process.resourceUsage().maxRSS));
	});
}
`;

export type PeakMemoryProbe = {
	/** Node options that load the preload; they go before the script. */
	readonly nodeArguments: readonly string[];
	/** The environment of one run, and how to read its peak (MB) after it ended. */
	readonly prepareRun: (environment: NodeJS.ProcessEnv) => {readonly env: NodeJS.ProcessEnv; readonly readPeak: () => number};
	readonly dispose: () => void;
};

export function createPeakMemoryProbe(): PeakMemoryProbe {
	const directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-bench-memory-'));
	const preloadFile = path.join(directory, 'record-peak-memory.mjs');
	writeFileSync(preloadFile, preload);
	let run = 0;
	return {
		nodeArguments: ['--import', pathToFileURL(preloadFile).href],
		prepareRun(environment) {
			const file = path.join(directory, `peak-${++run}.txt`);
			return {
				env: {...environment, [fileVariable]: file},
				readPeak() {
					const kilobytes = Number(readFileSync(file, 'utf8'));
					if (!Number.isFinite(kilobytes) || kilobytes <= 0) {
						throw new Error(`the memory probe wrote "${readFileSync(file, 'utf8')}"`);
					}

					return kilobytes / 1024;
				},
			};
		},
		dispose() {
			rmSync(directory, {recursive: true, force: true});
		},
	};
}
