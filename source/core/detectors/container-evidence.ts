/**
 * What every detector reads off a container the same way: its conditions, the log lines that
 * matter, the facts playbook variables are filled from, and the wording of exit codes.
 */
import type {EvidenceKey, ContainerCondition} from '../playbook-schema.js';
import type {Evidence, Finding, SourcedText} from '../finding.js';
import type {ContainerListener, ContainerSnapshot, HealthProbe, LogLine} from '../snapshot.js';
import {crlfScriptFact, interpreterMissingFact, literalVariableFact, programAbsentFact, programNotExecutableFact} from './fact-lines.js';
import {mountOwnerFacts, relevantMount} from './container-mounts.js';
import {lockFileIn} from './lock-file.js';
import {failingScript, scriptOnHost} from './failing-script.js';
import {importantLogLines, noLines} from './important-log-lines.js';

/** A container that keeps crashing restarts within seconds; one that ran longer was up for real. */
const restartLoopUptimeSeconds = 30;
const restartLoopMinimumRestarts = 3;

export function isRestartLoop(container: ContainerSnapshot, takenAt: string): boolean {
	if (container.state === 'restarting') {
		return true;
	}

	// Caught running between two crashes: the engine's events say the run before died on its own a
	// moment ago, so two restarts are already a loop (the same count is one while restarting).
	const previous = container.lastRun;
	const diedJustBefore = previous !== undefined && previous.requested === undefined
		&& Date.parse(takenAt) - Date.parse(previous.at ?? '') < restartLoopUptimeSeconds * 2000;
	const minimumRestarts = diedJustBefore ? restartLoopMinimumRestarts - 1 : restartLoopMinimumRestarts;
	if (container.state !== 'running' || container.restartCount < minimumRestarts || !container.startedAt) {
		return false;
	}

	const uptime = (Date.parse(takenAt) - Date.parse(container.startedAt)) / 1000;
	return Number.isFinite(uptime) && uptime < restartLoopUptimeSeconds;
}

/** Seconds a service may take to open its first port before "nothing listens" stops meaning "still starting". */
const startingSeconds = 120;

/** Seconds since the container last started; infinite when the engine gave no start time. */
export function uptimeSeconds(container: ContainerSnapshot, takenAt: string): number {
	const seconds = (Date.parse(takenAt) - Date.parse(container.startedAt ?? '')) / 1000;
	return Number.isFinite(seconds) ? seconds : Number.POSITIVE_INFINITY;
}

/**
 * Running for under two minutes with no TCP port open at all (its listeners were read): a server
 * still starting, whatever a health check probing it says.
 */
export function stillStarting(container: ContainerSnapshot, takenAt: string): boolean {
	return container.state === 'running' && container.listeners?.listeners.length === 0 && uptimeSeconds(container, takenAt) < startingSeconds;
}

/**
 * Someone ended the container on purpose (docker stop or kill, compose stop or down): the engine's
 * events said so, or its restart policy would have brought back a process that ended by itself.
 */
export function stoppedOnRequest(container: ContainerSnapshot): 'stop' | 'kill' | undefined {
	if (container.state !== 'exited' && container.state !== 'dead') {
		return undefined;
	}

	if (container.lastRun?.requested) {
		return container.lastRun.requested;
	}

	const comesBack = container.restartPolicy === 'always' || container.restartPolicy === 'unless-stopped';
	return comesBack && !container.error ? 'stop' : undefined;
}

export function conditionsOf(container: ContainerSnapshot, takenAt: string): ContainerCondition[] {
	const conditions = new Set<ContainerCondition>();
	if (isRestartLoop(container, takenAt)) {
		conditions.add('restarting');
	}

	if (container.health?.status === 'unhealthy') {
		conditions.add('unhealthy');
	}

	if (container.oomKilled) {
		conditions.add('oom-killed');
	}

	switch (container.state) {
		case 'running': {
			conditions.add('running');
			break;
		}

		case 'created': {
			conditions.add('created');
			break;
		}

		case 'exited':
		case 'dead': {
			conditions.add('exited');
			break;
		}

		default: {
			break;
		}
	}

	return [...conditions];
}

/**
 * What a finding about this container says the same way whichever detector made it: the
 * container, its conditions, its exit code, the text to match and the facts. A detector spreads
 * it and overrides what it knows better.
 */
/** What every finding says of its container; `extraFacts`: what the detector itself observed, in fact-lines wording. */
export function findingBasics(container: ContainerSnapshot, takenAt: string, extraFacts: readonly string[] = []): Pick<Finding, 'container' | 'conditions' | 'exitCode' | 'matchText' | 'sourcedText' | 'facts'> {
	return {
		container: container.name,
		conditions: conditionsOf(container, takenAt),
		exitCode: usableExitCode(container.exitCode),
		matchText: matchTextOf(container, [], extraFacts),
		sourcedText: sourcedTextOf(container, extraFacts),
		facts: factsOf(container),
	};
}

/**
 * The exit code of the last run that ended. Caught running between two crashes, the engine's
 * state says 0: the code is then the one of the `die` event before this run, if the engine
 * still has it.
 */
export function lastExitCode(container: ContainerSnapshot): number | undefined {
	return container.state === 'running' ? container.lastRun?.exitCode : container.exitCode;
}

/**
 * The parts of the match text by where they came from: the health source holds the probe's own
 * command as well as what it printed (a `grep -q` prints nothing; its pattern is the evidence),
 * and the facts source what the container's state shows in fact-lines wording, plus `extraFacts`.
 */
export function sourcedTextOf(container: ContainerSnapshot, extraFacts: readonly string[] = []): SourcedText {
	const {errors, last} = importantLogLines(container);
	const failing = failingProbes(container);
	const probe = container.health?.test && (failing.length > 0 || container.health.status === 'unhealthy') ? [container.health.test.join(' ')] : [];
	return {
		'engine-error': container.error ?? '',
		health: [...probe, ...failing.map(probe => probe.output)].join('\n'),
		log: unique([...errors, ...last]).join('\n'),
		facts: unique([...extraFacts, ...factLinesOf(container)]).join('\n'),
	};
}

/**
 * The text a finding is matched with: engine error, failing probe output, the log lines that
 * matter, then the facts (`extraFacts` and what the container's state shows).
 */
export function matchTextOf(container: ContainerSnapshot, extra: readonly string[] = [], extraFacts: readonly string[] = []): string {
	const {errors, last} = importantLogLines(container);
	const lines = [
		...extra,
		...(container.error ? [container.error] : []),
		...failingProbes(container).map(probe => probe.output),
		...errors,
		...last,
		...extraFacts,
		...factLinesOf(container),
	];
	return unique(lines.map(line => line.trim()).filter(Boolean)).join('\n');
}

/**
 * What the container's own state shows that ranking should weigh, in fact-lines wording: a
 * writable mount its user cannot write, a `${VAR}` in its log that nothing expanded.
 */
export function factLinesOf(container: ContainerSnapshot): string[] {
	return [...mountOwnerFacts(container), ...literalVariableFacts(container), ...startFailureFacts(container)];
}

/**
 * What looking into the container's files showed about why its program could not start: where
 * the program "not found in $PATH" is, or what the first line of a script that "does not exist"
 * (but does) says.
 */
export function startFailureFacts(container: ContainerSnapshot): string[] {
	const start = container.scriptStart;
	const script = !start ? [] : start.crlf
		? [crlfScriptFact(start.path)]
		: start.interpreter !== undefined && start.interpreterFound === false ? [interpreterMissingFact(start.path, start.interpreter)] : [];
	return [...programFacts(container), ...script];
}

/** Where the program the engine could not find in PATH is: there without an execute bit, or nowhere. */
function programFacts({program}: ContainerSnapshot): string[] {
	if (!program) {
		return [];
	}

	if (!program.found) {
		return [programAbsentFact(program.name, program.searched)];
	}

	// Executable after all (the engine's error came from elsewhere): nothing to say.
	return Number.parseInt(program.found.mode, 8) & 0o111 ? [] : [programNotExecutableFact(program.name, program.found.path, program.found.mode)];
}

const literalVariable = /\$\{[A-Za-z_][A-Za-z\d_]{0,63}\}/g;
const maximumVariables = 3;

/** By log: every finding's match text asks, and a rescan hands back the containers it did not rebuild. */
const literalVariablesByLog = new WeakMap<readonly LogLine[], readonly string[]>();

function literalVariableFacts(container: ContainerSnapshot): readonly string[] {
	const lines = container.logs?.lines ?? noLines;
	let facts = literalVariablesByLog.get(lines);
	if (!facts) {
		facts = literalVariablesIn(lines).map(variable => literalVariableFact(variable));
		literalVariablesByLog.set(lines, facts);
	}

	return facts;
}

function literalVariablesIn(lines: readonly LogLine[]): string[] {
	const found = new Set<string>();
	for (const line of lines) {
		for (const match of line.text.matchAll(literalVariable)) {
			found.add(match[0]);
			if (found.size >= maximumVariables) {
				return [...found];
			}
		}
	}

	return [...found];
}

export function logEvidence(container: ContainerSnapshot, maximum = 5): Evidence[] {
	const {errors, last} = importantLogLines(container);
	const lines = errors.length > 0 ? errors.slice(-maximum) : last;
	return lines.map(text => ({kind: 'log', text: `log: ${text}`}));
}

/** The start-failure facts of a container whose failure is in its log, not in an engine error (which shows them itself). */
export function startFailureEvidence(container: ContainerSnapshot): Evidence[] {
	return container.error ? [] : startFailureFacts(container).map((text): Evidence => ({kind: 'state', text}));
}

export function engineErrorEvidence(container: ContainerSnapshot): Evidence[] {
	return container.error
		? [{kind: 'engine-error', text: `engine error: ${container.error}`}, ...startFailureFacts(container).map((text): Evidence => ({kind: 'engine-error', text}))]
		: [];
}

/**
 * The health check fails at what it probes: a probe whose own program could not run (curl not in
 * the image: exit 126 or 127) says nothing about the service, and its failure has that other cause.
 */
export function probeFailsAtItsTarget(container: ContainerSnapshot): boolean {
	const failing = failingProbes(container);
	if (failing.length > 0 && failing.every(probe => probe.exitCode === 126 || probe.exitCode === 127)) {
		return false;
	}

	return container.health?.status === 'unhealthy' || failing.length > 0;
}

/** Probes that failed, newest last; at most the engine's five. */
export function failingProbes(container: ContainerSnapshot): HealthProbe[] {
	return (container.health?.log ?? []).filter(probe => probe.exitCode !== 0);
}

const exitCodeMeanings: Readonly<Record<number, string>> = {
	1: 'the application reported an error',
	2: 'misuse of a shell builtin or bad arguments',
	100: 'the application\'s own error code',
	125: 'the engine could not run the container',
	126: 'the command is not executable',
	127: 'command not found',
	128: 'the engine could not start the container',
	130: 'interrupted (SIGINT)',
	134: 'aborted (SIGABRT)',
	137: 'killed (SIGKILL)',
	139: 'segmentation fault (SIGSEGV)',
	143: 'terminated (SIGTERM)',
};

export function describeExitCode(code: number): string {
	const meaning = exitCodeMeanings[code];
	return meaning ? `exit code ${code} (${meaning})` : `exit code ${code}`;
}

/** Exit codes outside 0–255 (a probe that never ran reports -1) tell playbooks nothing. */
export function usableExitCode(code: number | undefined): number | undefined {
	return code !== undefined && Number.isInteger(code) && code >= 0 && code <= 255 ? code : undefined;
}

export function factsOf(container: ContainerSnapshot, overrides: Partial<Record<EvidenceKey, string>> = {}): Partial<Record<EvidenceKey, string>> {
	const facts: Partial<Record<EvidenceKey, string>> = {container: container.name, image: container.image};
	const mount = relevantMount(container);
	const port = container.ports.find(binding => binding.hostPort)?.hostPort;
	const assign = (key: EvidenceKey, value: string | undefined) => {
		if (value) {
			facts[key] = value;
		}
	};

	assign('project', container.project);
	assign('service', container.service);
	assign('port', port === undefined ? undefined : String(port));
	// A named volume is reached by its name (the engine's Source is a path inside its own storage,
	// not there on Docker Desktop, Colima or a remote engine); only a bind mount has a host path.
	const volume = mount?.type === 'volume' ? mount.name : undefined;
	assign('volume', volume);
	assign('mount-source', mount?.type === 'volume' ? volume : mount?.source);
	assign('mount-destination', mount?.destination);
	assign('lock-file', mount === undefined ? undefined : lockFileIn(container, mount));
	assign('compose-working-dir', container.labels['com.docker.compose.project.working_dir']);
	assign('compose-config-files', container.labels['com.docker.compose.project.config_files']);
	assign('user', container.user);
	assign('network', container.networks[0]);
	const script = failingScript(container);
	assign('script', script);
	assign('host-script', script === undefined ? undefined : scriptOnHost(container, script));
	return {...facts, ...overrides};
}

export function isLoopback(address: string): boolean {
	return /^(?:::ffff:)?127\./.test(address) || address === '::1';
}

/** The listeners of a container that other containers can reach (not loopback). */
export function reachableListeners(container: ContainerSnapshot): ContainerListener[] {
	return (container.listeners?.listeners ?? []).filter(listener => !isLoopback(listener.address));
}

export function unique<T>(items: readonly T[]): T[] {
	return [...new Set(items)];
}
