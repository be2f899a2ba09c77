/**
 * Everything that needs containers: a labelled fleet grown size by size (10, 50, 200), and at
 * each size `diagnose --json` against the docker CLI doing the same reads, plus its peak
 * memory; at the largest size a rescan inside the wizard and the wizard's peak memory. The fleet
 * is removed at the end, whatever happens.
 */
import {randomBytes} from 'node:crypto';
import {cliCommand} from './benchmark-commands.js';
import {commandSetting, measurePaired, recordFigure, type BenchmarkContext} from './benchmark-context.js';
import {ensureBusyboxImage} from './busybox-image.js';
import {growFleet, removeFleet, waitUntilSettled, type Fleet} from './container-fleet.js';
import {dockerCliJob} from './docker-cli-job.js';
import {countKinds, fleetIdentity, planFleet} from './fleet-plan.js';
import type {Figure} from './figure.js';
import {measureWizardMemory, type MemoryBench} from './memory-figures.js';
import {timeProcess} from './process-timer.js';
import {measureRescan} from './rescan-latency.js';
import {summarize} from './statistics.js';
import {diagnoseTarget, rescanTarget} from './targets.js';

export const settleTimeoutMs = 120_000;

export type FleetRun = {
	readonly fleet: Fleet;
	/** Removes the fleet; safe to call more than once. */
	readonly remove: () => void;
};

export function createFleetRun(): FleetRun {
	const fleet: Fleet = {...fleetIdentity(`${process.pid}-${randomBytes(3).toString('hex')}`), image: ensureBusyboxImage(), members: []};
	let removed = false;
	return {
		fleet,
		remove() {
			if (!removed) {
				removed = true;
				removeFleet(fleet.runId);
			}
		},
	};
}

export async function measureWithFleet(context: BenchmarkContext, fleet: Fleet, memory: MemoryBench | undefined): Promise<void> {
	const measureDiagnose = context.options.groups.includes('diagnose');
	const largest = Math.max(...context.options.sizes);
	const setting = commandSetting(context);
	for (const size of context.options.sizes) {
		context.progress(`fleet: growing to ${size} containers (${describeKinds(size, fleet)})`);
		const started = Date.now();
		await growFleet(fleet, size);
		const created = Date.now();
		const {settled, unsettled} = await waitUntilSettled(fleet, settleTimeoutMs);
		context.progress(`fleet: ${size} containers created in ${((created - started) / 1000).toFixed(1)} s, settled after ${((Date.now() - created) / 1000).toFixed(1)} s more`);
		if (!settled) {
			context.progress(`fleet: ${unsettled.length} containers still settling after ${settleTimeoutMs / 1000} s (${unsettled.slice(0, 3).join(', ')}…); measuring anyway`);
		}

		const diagnose = cliCommand(setting, `unblock diagnose --json, ${size} containers`, ['diagnose', '--json', '--project', fleet.project], [0, 1]);
		if (measureDiagnose) {
			const job = {label: 'docker CLI job', argv: dockerCliJob(`com.docker.compose.project=${fleet.project}`), cwd: context.workDirectory, env: context.env};
			const target = diagnoseTarget(size);
			await recordFigure(context, 'diagnose', diagnose.label, async () => measurePaired(context, {
				id: `diagnose.${size}`,
				group: 'diagnose',
				label: diagnose.label,
				...(target ? {target} : {}),
				note: 'docker CLI job: ps -a, inspect all, logs --tail 50 of each, one after another',
				measured: async () => timeProcess(diagnose),
				baseline: {label: job.label, run: async () => timeProcess(job)},
			}));
		}

		if (memory) {
			await recordFigure(context, 'memory', `${diagnose.label}: peak memory`, async () =>
				memory.figure(`diagnose.${size}`, diagnose.label, ['diagnose', '--json', '--project', fleet.project], [0, 1]));
		}

		if (size === largest) {
			if (measureDiagnose) {
				await recordFigure(context, 'diagnose', `rescan in the wizard, ${size} containers`, async () => measureRescanFigure(context, fleet.project, size));
			}

			if (memory) {
				await recordFigure(context, 'memory', `unblock (wizard) with ${size} containers: peak memory`, async () =>
					measureWizardMemory(context, memory, fleet.project, size));
			}
		}
	}
}

/** The wizard's rescan, in this process: its runtime warmed up by one scan, then each rescan timed. */
async function measureRescanFigure(context: BenchmarkContext, project: string, size: number): Promise<Figure> {
	const {samplesMs, containers} = await measureRescan({environment: context.env, project, runs: Math.max(context.options.runs, 5)});
	if (containers !== size) {
		throw new Error(`the rescan saw ${containers} containers, not ${size}`);
	}

	const target = size === 200 ? rescanTarget : undefined;
	return {
		id: `diagnose.rescan.${size}`,
		group: 'diagnose',
		label: `rescan in the wizard, ${size} containers`,
		unit: 'ms',
		samples: summarize(samplesMs),
		...(target ? {target} : {}),
		note: 'the wizard runtime\'s scan(), after one warm-up scan, in the benchmark\'s process',
	};
}

function describeKinds(size: number, fleet: Fleet): string {
	return Object.entries(countKinds(planFleet(size, fleet))).map(([kind, count]) => `${count} ${kind}`).join(', ');
}
