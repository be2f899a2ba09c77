/**
 * Peak memory (maxRSS, MB) of each process the benchmark times, in runs of their own, with
 * `node -e 0` as the baseline; and of the wizard holding a scan of the fleet, read from
 * /proc while it runs.
 */
import path from 'node:path';
import {cliCommand, nodeBaseline, nodeBaselineLabel, wrapped, type CommandSetting} from './benchmark-commands.js';
import {commandSetting, recordFigure, type BenchmarkContext} from './benchmark-context.js';
import type {Figure, Measured} from './figure.js';
import {createPeakMemoryProbe, type PeakMemoryProbe} from './peak-memory.js';
import {watchProcess, type TimedCommand} from './process-timer.js';
import {findDescendant, peakResidentMegabytes} from './process-tree.js';
import {inPseudoTerminal} from './pseudo-terminal.js';
import {summarize} from './statistics.js';
import {wizardMemoryTarget} from './targets.js';
import {terminalEnvironment} from './timing-environment.js';
import {scanResultPattern} from './wizard-output.js';
import {coldSearchQuery} from './search-figures.js';

/** Memory hardly varies run to run: three runs are plenty. */
export function memoryRuns(runs: number): number {
	return Math.min(runs, 3);
}

export type MemoryBench = {
	readonly probe: PeakMemoryProbe;
	readonly baseline: Measured;
	/** Peak memory of a CLI command, `runs` times. */
	readonly figure: (id: string, label: string, args: readonly string[], okExitCodes?: readonly number[]) => Promise<Figure>;
};

export async function startMemoryBench(context: BenchmarkContext): Promise<MemoryBench> {
	const probe = createPeakMemoryProbe();
	const runs = memoryRuns(context.options.runs);
	const peaks = async (build: (setting: CommandSetting) => TimedCommand): Promise<number[]> => {
		const samples: number[] = [];
		for (let run = 0; run < runs; run++) {
			const {env, readPeak} = probe.prepareRun(context.env);
			await watchProcess(build({...commandSetting(context, env), nodeArguments: probe.nodeArguments}));
			samples.push(readPeak());
		}

		return samples;
	};

	const baseline: Measured = {label: nodeBaselineLabel, samples: summarize(await peaks(nodeBaseline))};
	return {
		probe,
		baseline,
		async figure(id, label, args, okExitCodes = [0]) {
			const samples = await peaks(setting => cliCommand(setting, label, args, okExitCodes));
			return {id: `memory.${id}`, group: 'memory', label: `${label}: peak memory`, unit: 'MB', samples: summarize(samples), baseline};
		},
	};
}

/** --version, --help and a cold search. */
export async function measureProcessMemory(context: BenchmarkContext, bench: MemoryBench): Promise<void> {
	await recordFigure(context, 'memory', 'unblock --version: peak memory', async () => bench.figure('version', 'unblock --version', ['--version']));
	await recordFigure(context, 'memory', 'unblock --help: peak memory', async () => bench.figure('help', 'unblock --help', ['--help']));
	await recordFigure(context, 'memory', 'unblock search (cold): peak memory', async () => bench.figure('search-cold', 'unblock search (cold)', ['search', coldSearchQuery], [0, 1]));
}

/**
 * The wizard in a pseudo-terminal on the fleet's project: once the scan's result is on screen,
 * VmHWM of its node process, then it is stopped.
 */
export async function measureWizardMemory(context: BenchmarkContext, bench: MemoryBench, project: string, containers: number): Promise<Figure> {
	const setting = commandSetting(context, terminalEnvironment(context.env));
	const wizard = wrapped(cliCommand(setting, `unblock (wizard) with ${containers} containers`, ['--project', project]), inPseudoTerminal);
	// The node process under the pseudo-terminal has the bin (or the script) on its command line.
	const started = path.basename(setting.cli.bin ?? setting.cli.script);
	const samples: number[] = [];
	for (let run = 0; run < memoryRuns(context.options.runs); run++) {
		const {matched} = await watchProcess(wizard, {
			until: scanResultPattern,
			timeoutMs: 60_000,
			atMatch(pid) {
				const node = findDescendant(pid, started);
				return node === undefined ? undefined : peakResidentMegabytes(node);
			},
		});
		if (typeof matched !== 'number') {
			throw new Error('the wizard\'s node process was not found under the pseudo-terminal');
		}

		samples.push(matched);
	}

	return {
		id: `memory.wizard.${containers}`,
		group: 'memory',
		label: `${wizard.label}: peak memory`,
		unit: 'MB',
		samples: summarize(samples),
		baseline: bench.baseline,
		...(containers === 200 ? {target: wizardMemoryTarget} : {}),
		note: 'VmHWM of the wizard\'s node process once the scan result is on screen',
	};
}
