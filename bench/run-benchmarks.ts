/**
 * `npm run bench`: every figure of issues 8 and 15 as a median of whole-process runs next to its
 * baseline from the same run, printed as a table and written to bench/results.json. The figures
 * time the package as a user installs it (npm pack, npm install --global into a temporary
 * prefix), and compare its cold search with the checkout's. Progress goes to stderr, the table to
 * stdout. A missed target is reported, not a failure.
 */
import {existsSync, mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {benchmarkUsage, BenchmarkFlagError, parseBenchmarkFlags} from './benchmark-flags.js';
import type {BenchmarkContext} from './benchmark-context.js';
import {findBenchmarkRoot} from './benchmark-root.js';
import {checkoutCli, installPackage, type InstalledPackage} from './installed-package.js';
import {engineStatus, type EngineStatus} from './container-fleet.js';
import {assessFigure, benchmarkGroups} from './figure.js';
import {createFleetRun, measureWithFleet, type FleetRun} from './fleet-figures.js';
import {describeMachine} from './machine.js';
import {measureProcessMemory, startMemoryBench, type MemoryBench} from './memory-figures.js';
import {stopRunningProcesses} from './process-timer.js';
import {buildResultsFile} from './results-file.js';
import {formatResultsTable} from './results-table.js';
import {measureSearch} from './search-figures.js';
import {measureStartup} from './startup-figures.js';
import {timingEnvironment} from './timing-environment.js';

const exitCodes = {ok: 0, figureFailed: 1, usage: 2} as const;

async function main(): Promise<number> {
	const options = parseBenchmarkFlags(process.argv.slice(2));
	if (options instanceof BenchmarkFlagError) {
		process.stderr.write(`unblock bench: ${options.message}\n`);
		return exitCodes.usage;
	}

	if (options.help) {
		process.stdout.write(benchmarkUsage);
		return exitCodes.ok;
	}

	const root = findBenchmarkRoot();
	if (!root || !existsSync(path.join(root, 'dist', 'cli.js'))) {
		process.stderr.write(`unblock bench: ${root ? 'dist/cli.js is missing' : 'no unblock checkout here'}: run it from the checkout after npm run build\n`);
		return exitCodes.usage;
	}

	const needsEngine = options.groups.includes('diagnose') || options.groups.includes('memory');
	const engine: EngineStatus | undefined = needsEngine ? engineStatus() : undefined;
	if (engine && !engine.ok && process.env.UNBLOCK_REQUIRE_DOCKER === '1') {
		process.stderr.write(`unblock bench: UNBLOCK_REQUIRE_DOCKER=1 but no Docker engine answers: ${engine.reason}\n`);
		return exitCodes.usage;
	}

	const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`);
	progress('packing the checkout and installing the package into a temporary prefix');
	let installed: InstalledPackage;
	try {
		installed = installPackage(root);
	} catch (error) {
		process.stderr.write(`unblock bench: could not install the package to measure it: ${(error as Error).message}\n`);
		return exitCodes.figureFailed;
	}

	progress(`installed ${installed.bin} (${kilobytes(installed.tarball.bytes)} packed, ${kilobytes(installed.tarball.unpackedBytes)} unpacked, ${installed.tarball.files} files)`);
	const context: BenchmarkContext = {
		root,
		cli: installed,
		checkout: checkoutCli(root),
		workDirectory: installed.workDirectory,
		options,
		env: timingEnvironment(),
		figures: [],
		omissions: [],
		progress,
	};

	let fleetRun: FleetRun | undefined;
	const interrupted = (code: number) => () => {
		stopRunningProcesses();
		fleetRun?.remove();
		installed.remove();
		process.stderr.write(`\nunblock bench: interrupted${fleetRun ? '; its containers are removed' : ''}\n`);
		process.exit(code);
	};

	process.once('SIGINT', interrupted(130));
	process.once('SIGTERM', interrupted(143));
	try {
		await runGroups(context, engine, run => {
			fleetRun = run;
		});
	} finally {
		installed.remove();
	}

	const figures = context.figures
		.map(assessFigure)
		.sort((left, right) => benchmarkGroups.indexOf(left.group) - benchmarkGroups.indexOf(right.group));
	const machine = describeMachine(root, engine?.ok ? engine.version : undefined);
	process.stdout.write(`\nunblock benchmark · ${machine.cpu}, ${machine.cores} cores · node ${machine.node} · docker ${machine.docker ?? 'none'} · ${options.runs} runs after ${options.warmup} warm-up\n`);
	process.stdout.write(`the installed package: ${kilobytes(installed.tarball.bytes)} packed, ${kilobytes(installed.tarball.unpackedBytes)} unpacked, ${installed.tarball.files} files\n\n`);
	process.stdout.write(formatResultsTable(figures, context.omissions));
	const resultsFile = path.join(root, 'bench', 'results.json');
	mkdirSync(path.dirname(resultsFile), {recursive: true});
	writeFileSync(resultsFile, `${JSON.stringify(buildResultsFile(machine, options, figures, context.omissions, installed.tarball), null, '\t')}\n`);
	process.stdout.write(`\nwrote ${path.relative(process.cwd(), resultsFile) || resultsFile}\n`);
	return context.omissions.some(omission => omission.kind === 'failed') ? exitCodes.figureFailed : exitCodes.ok;
}

async function runGroups(context: BenchmarkContext, engine: EngineStatus | undefined, onFleet: (run: FleetRun) => void): Promise<void> {
	const {groups} = context.options;
	if (groups.includes('startup')) {
		await measureStartup(context);
	}

	if (groups.includes('search')) {
		await measureSearch(context);
	}

	let memory: MemoryBench | undefined;
	try {
		if (groups.includes('memory')) {
			memory = await startMemoryBench(context);
			await measureProcessMemory(context, memory);
		}

		if (engine && !engine.ok) {
			context.progress(`no Docker engine answers (${engine.reason}): the figures that need containers are skipped`);
			context.omissions.push({group: groups.includes('diagnose') ? 'diagnose' : 'memory', label: 'figures with containers', kind: 'skipped', reason: `no Docker engine answers: ${engine.reason}`});
		} else if (engine?.ok) {
			await runFleet(context, memory, onFleet);
		}
	} finally {
		memory?.probe.dispose();
	}
}

async function runFleet(context: BenchmarkContext, memory: MemoryBench | undefined, onFleet: (run: FleetRun) => void): Promise<void> {
	let run: FleetRun | undefined;
	try {
		run = createFleetRun();
		onFleet(run);
		await measureWithFleet(context, run.fleet, memory);
	} catch (error) {
		context.omissions.push({group: 'diagnose', label: 'container fleet', kind: 'failed', reason: error instanceof Error ? error.message : String(error)});
	} finally {
		if (run) {
			context.progress(`fleet: removing ${run.fleet.members.length} containers`);
			run.remove();
		}
	}
}

function kilobytes(bytes: number): string {
	return `${Math.round(bytes / 1024)} kB`;
}

process.exitCode = await main();
