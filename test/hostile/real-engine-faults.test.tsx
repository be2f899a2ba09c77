/**
 * A real dockerd, of this suite's own, that misbehaves mid-scan: it stops while the scan waits on
 * it, it restarts (or crashes and comes back) between the list and the inspects, and one of its
 * containers has written 100 MB of log. `diagnose` (text and --json) and the wizard finish within
 * the scan's own deadline each time, say what they could not read, and show everything else; the
 * wizard's next scan, in the same session, sees the engine that came back. A proxy in front of
 * the engine holds the inspects, so the engine stops at the same point of every scan.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, expect, test} from 'vitest';
import {createPeakMemoryProbe} from '../../bench/peak-memory.js';
import {labelArgs, testImage, uniqueName, waitFor} from '../support/engine.js';
import {describeWithPrivateDockerd} from '../support/private-dockerd.js';
import {runCliProcess, type CliRun} from './cli-process.js';
import {startGateProxy, type Gate, type GateProxy} from './engine-gate-proxy.js';
import {renderRealWizard, type RealWizard} from './real-wizard.js';
import {scanDeadlineMs} from './scan-deadline.js';

type Report = {
	containers: Array<{name: string; state: string}>;
	findings: Array<{container: string; evidence: string[]}>;
	problems: Array<{container?: string; operation: string; message: string}>;
};

/** GET /v1.41/containers/<id>/json: one container's inspect, not the list. */
const inspectPath = /^\/v[\d.]+\/containers\/[\da-f]{64}\/json/;

describeWithPrivateDockerd('a real engine that stops, restarts or floods mid-scan', dockerd => {
	const project = uniqueName('faults');
	const names = {db: `${project}-db-1`, worker: `${project}-worker-1`};
	const dbLog = 'FATAL:  data directory "/var/lib/postgresql/data" has wrong ownership';
	const flood = {project: uniqueName('flood'), name: ''};
	const quiet = {project: uniqueName('quiet'), name: ''};
	flood.name = `${flood.project}-app-1`;
	quiet.name = `${quiet.project}-app-1`;
	const floodLastLine = 'Error: EACCES: permission denied, open \'/data/flood.log\'';
	let proxy: GateProxy;
	let scratch: string;
	const wizards: RealWizard[] = [];

	const run = (name: string, projectName: string, args: readonly string[]) => {
		dockerd.docker(['run', '-d', '--name', name, ...labelArgs({'com.docker.compose.project': projectName, 'com.docker.compose.service': name.split('-').at(-2)!}), ...args]);
	};

	const state = (name: string) => dockerd.docker(['inspect', '--format', '{{.State.Status}}', name], {allowFailure: true});

	const diagnose = async (host: string, projectName: string, ...flags: string[]): Promise<CliRun> => {
		const result = await runCliProcess(['diagnose', '--project', projectName, ...flags], {env: {DOCKER_HOST: host, DOCKER_CONTEXT: undefined}, timeout: scanDeadlineMs});
		expect(result.timedOut, `diagnose ${flags.join(' ')} finished within the scan deadline`).toBe(false);
		return result;
	};

	const wizard = (host: string, projectName: string) => {
		const started = renderRealWizard({cwd: scratch, env: {...process.env, DOCKER_HOST: host, DOCKER_CONTEXT: undefined}, project: projectName});
		wizards.push(started);
		return started;
	};

	/** The wizard's frame once `text` shows; fails when it did not within the scan deadline. */
	const wizardShows = async (started: RealWizard, text: string) => {
		const frame = await started.waitForFrame(current => current.includes(text), scanDeadlineMs);
		expect(frame, `the wizard showed "${text}" within the scan deadline; its last frame:\n${started.lastFrame()}`).toBeDefined();
		return frame!;
	};

	/** The frame once `text` shows, paging down (PgDn) a page at a time until it does. */
	const pageTo = async (started: RealWizard, text: string) => {
		for (let page = 0; page < 6 && !started.lastFrame().includes(text); page++) {
			await started.press('\u001B[6~');
		}

		return wizardShows(started, text);
	};

	/** What a full report of the project says, whichever engine process answered it. */
	const expectFullReport = (text: CliRun, json: CliRun) => {
		expect(text.code).toBe(1);
		expect(text.stdout).toContain(`✗ ${names.db} `);
		expect(text.stdout).toMatch(new RegExp(`✓ ${names.worker} +unblock-test/busybox:1 +running`));
		expect(text.stdout).toContain(`    log: ${dbLog}`);
		expect(text.stdout).not.toContain('Could not read everything');
		expect(json.code).toBe(1);
		const report = JSON.parse(json.stdout) as Report;
		expect(report.containers.map(container => [container.name, container.state]).sort()).toEqual([[names.db, 'exited'], [names.worker, 'running']]);
		expect(report.findings.find(finding => finding.container === names.db)?.evidence).toContain(`log: ${dbLog}`);
		expect(report.problems).toEqual([]);
	};

	const expectWizardFullScan = async (started: RealWizard) => {
		const frame = await wizardShows(started, '1 problem found');
		expect(frame).toMatch(new RegExp(`^  ✗ ${names.db} +exited · exit 1$`, 'm'));
		expect(frame).toMatch(new RegExp(`^  ✓ ${names.worker} +running$`, 'm'));
		expect(frame).toContain(`✗ ${names.db}: exited with exit code 1`);
		expect(frame).not.toContain('Could not read everything');
	};

	/**
	 * Two containers' inspects of each of the three scans wait at the gate, and every other request
	 * was answered. Exactly six: a scan asks for both at once, and the wizard looks again (by
	 * itself or on r) only once its scan is in; no wizard of an earlier test is left (afterEach).
	 */
	const scansReachTheirInspects = async (gate: Gate) => {
		const reached = await waitFor(() => gate.held() === 6 && proxy.unanswered() === 0, scanDeadlineMs, 50);
		expect(reached, `the scans reached their inspects (${gate.held()} held, ${proxy.unanswered()} other requests unanswered)`).toBe(true);
	};

	beforeAll(async () => {
		scratch = mkdtempSync(path.join(os.tmpdir(), 'unblock-real-engine-faults-'));
		await dockerd.start();
		run(names.db, project, [testImage, 'sh', '-c', `echo '${dbLog}'; exit 1`]);
		// Stops at once on SIGTERM (a shell as PID 1 would ignore it), so dockerd stops in seconds.
		run(names.worker, project, ['--restart', 'always', testImage, 'sh', '-c', 'trap "exit 0" TERM; echo "worker up"; sleep 3600 & wait']);
		// 100 MB of 1000-character lines, then the line that matters.
		run(flood.name, flood.project, [testImage, 'sh', '-c', `line=$(head -c 1000 /dev/zero | tr "\\0" a); yes "$line" | head -c 104857600; echo; echo "${floodLastLine}"; exit 1`]);
		run(quiet.name, quiet.project, [testImage, 'sh', '-c', 'echo "Error: EACCES: permission denied, open \'/data/quiet.log\'"; exit 1']);
		const ready = await waitFor(() => state(names.db) === 'exited' && state(names.worker) === 'running' && state(flood.name) === 'exited' && state(quiet.name) === 'exited', 120_000, 500);
		if (!ready) {
			throw new Error('the containers did not reach their states within 120 s');
		}

		proxy = await startGateProxy(dockerd.host.slice('unix://'.length));
	}, 240_000);

	// Whatever a test did, or failed to undo when it failed, the next starts from the same place:
	// nothing held at a gate, the engine running, and no wizard of an earlier test that follows
	// the engine and looks again at it (its inspects would wait at the next test's gate).
	afterEach(async () => {
		proxy?.openGates();
		for (const started of wizards.splice(0)) {
			started.close();
		}

		if (!dockerd.running) {
			await dockerd.start();
		}
	}, 120_000);

	afterAll(async () => {
		await proxy?.close();
		await dockerd.dispose();
		rmSync(scratch, {recursive: true, force: true});
	}, 120_000);

	test('100 MB of log on one container: diagnose and the wizard read its tail, bounded in time and memory', async () => {
		const probe = createPeakMemoryProbe();
		try {
			const measured = async (projectName: string) => {
				const {env, readPeak} = probe.prepareRun({DOCKER_HOST: dockerd.host});
				const result = await runCliProcess(['diagnose', '--json', '--project', projectName], {env, nodeOptions: probe.nodeArguments, timeout: scanDeadlineMs});
				expect(result.timedOut, 'diagnose --json finished within the scan deadline').toBe(false);
				return {result, peakMb: readPeak()};
			};

			const quietRun = await measured(quiet.project);
			const floodRun = await measured(flood.project);
			expect(quietRun.result.code).toBe(1);
			expect(floodRun.result.code).toBe(1);
			const report = JSON.parse(floodRun.result.stdout) as Report;
			expect(report.problems).toEqual([]);
			const evidence = report.findings.find(finding => finding.container === flood.name)?.evidence ?? [];
			expect(evidence).toContain(`log: ${floodLastLine}`);
			// A tail of 256 KB at most is read: the flood costs no more memory than a log of one line,
			// give or take the noise of a process's peak (reading it whole would cost over 100 MB).
			expect(floodRun.peakMb, `peak memory with the flood ${floodRun.peakMb.toFixed(0)} MB, without ${quietRun.peakMb.toFixed(0)} MB`).toBeLessThan(quietRun.peakMb + 48);
		} finally {
			probe.dispose();
		}

		const text = await diagnose(dockerd.host, flood.project);
		expect(text.code).toBe(1);
		expect(text.stdout).toContain(`    log: ${floodLastLine}`);
		expect(text.stdout.length).toBeLessThan(64 * 1024);

		const started = wizard(dockerd.host, flood.project);
		await wizardShows(started, '1 problem found');
		await started.press('\r');
		await wizardShows(started, 'Root cause');
		// The page fits the terminal: the evidence is reached by paging down to it.
		const detail = await pageTo(started, `log: ${floodLastLine}`);
		expect(detail).toContain(`log: ${floodLastLine}`);
	}, 4 * scanDeadlineMs);

	test('dockerd stops while the scan waits on it: diagnose and the wizard say it stopped answering; started again, they report everything', async () => {
		const gate = proxy.closeGate(inspectPath);
		const text = diagnose(proxy.host, project);
		const json = diagnose(proxy.host, project, '--json');
		const started = wizard(proxy.host, project);
		await scansReachTheirInspects(gate);
		// Until it has exited, a stopping dockerd still answers on the connections it has.
		await dockerd.stop('SIGTERM');
		gate.open();

		const stopped = {
			error: `Docker at ${proxy.host} stopped answering during the scan`,
			hint: 'check that the engine is still running (docker info), then run unblock diagnose again',
		};
		const [textRun, jsonRun] = await Promise.all([text, json]);
		expect(textRun.code).toBe(2);
		expect(textRun.stdout).toBe('');
		expect(textRun.stderr).toBe(`unblock: ${stopped.error}: ${stopped.hint}\n`);
		expect(jsonRun.code).toBe(2);
		expect(JSON.parse(jsonRun.stdout)).toMatchObject({...stopped, containers: [], findings: []});
		// The wizard says the same, and how to look again in it.
		const wizardSays = `No Docker engine: ${stopped.error}: check that the engine is still running (docker info), then press r to look again`;
		const frame = await wizardShows(started, 'No Docker engine:');
		expect(frame.replaceAll(/\s+/g, ' ')).toContain(wizardSays);

		await dockerd.start();
		expectFullReport(await diagnose(proxy.host, project), await diagnose(proxy.host, project, '--json'));
		// The containers the engine stopped as it went (its last events) do not make the wizard look
		// again by itself at an engine that is gone: what the scan said of it stands until r.
		expect(started.lastFrame().replaceAll(/\s+/g, ' ')).toContain(wizardSays);
		// The same session scans again: its connections to the engine that stopped are gone.
		await started.press('r');
		await expectWizardFullScan(started);
	}, 6 * scanDeadlineMs);

	test.each([
		['restarts (SIGTERM, then started)', 'SIGTERM'],
		['crashes and is started again (SIGKILL)', 'SIGKILL'],
	] as const)('dockerd %s between the list and the inspects: diagnose and the wizard report every container', async (_name, signal) => {
		const gate = proxy.closeGate(inspectPath);
		const text = diagnose(proxy.host, project);
		const json = diagnose(proxy.host, project, '--json');
		const started = wizard(proxy.host, project);
		await scansReachTheirInspects(gate);
		// The inspects wait while the engine goes and comes back (within their own timeout).
		const restartedAt = performance.now();
		await dockerd.stop(signal);
		await dockerd.start();
		const restartMs = performance.now() - restartedAt;
		gate.open();

		const [textRun, jsonRun] = await Promise.all([text, json]);
		expect(textRun.stdout, `the restart took ${restartMs.toFixed(0)} ms`).not.toContain('timed out');
		expectFullReport(textRun, jsonRun);
		await expectWizardFullScan(started);
		// And the session's next scan, on the engine that came back.
		await started.press('r');
		await expectWizardFullScan(started);
	}, 6 * scanDeadlineMs);
});
