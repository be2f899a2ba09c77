import process from 'node:process';
import {connectToEngine, type EngineConnection} from '../adapters/docker-client.js';
import {EngineError, scanEngineOrError} from '../adapters/docker-engine.js';
import {createFixRuntime} from '../adapters/fix-runtime.js';
import {loadKnowledgeBase} from '../adapters/knowledge-base.js';
import {factsOf} from '../core/detectors/container-evidence.js';
import {buildDiagnoseResult} from '../core/diagnose-report.js';
import {formatDryRunPlan} from '../core/fix-plan/dry-run-plan.js';
import {resolveVariables} from '../core/fix-plan/resolve-variables.js';
import {planFix} from '../core/fix-plan/step-plan.js';
import type {EvidenceKey, Playbook} from '../core/playbook-schema.js';
import {environmentSecretValues} from '../core/redact-secrets.js';
import {search, type SearchIndex} from '../core/search/search.js';
import {driveFix} from '../core/step-runner/drive-fix.js';
import {createFixState} from '../core/step-runner/fix-reducer.js';
import type {FixState, StepRecord} from '../core/step-runner/fix-state.js';
import {formatFixSummary, summarizeFix} from '../core/step-runner/fix-summary.js';
import {stepPlanAt} from '../core/step-runner/fix-transitions.js';
import {describePlaybookOrigin} from '../core/playbook-origin.js';
import {exitCodes, reportEngineError, reportSkipped, UserError, type CommandContext, type FixModeOptions, type SourceOptions} from './command-context.js';

export type FixOptions = SourceOptions & FixModeOptions & {
	readonly playbook: string;
	/** The container the fix is about: its facts fill the playbook's variables. */
	readonly container?: string;
};

type Facts = Partial<Record<EvidenceKey, string>>;

/**
 * `unblock fix <playbook>`: in a terminal, the wizard's guided fix; `--dry-run` without one prints
 * every step, command and check and runs nothing; `--yes` runs the steps headless and exits 0
 * when the playbook's checks pass at the end, 1 when they do not, 130 when interrupted (143 for
 * SIGTERM).
 */
export async function runFix(options: FixOptions, context: CommandContext): Promise<number> {
	const base = await loadKnowledgeBase({cwd: context.cwd, playbookDirectories: options.playbookDirectories, knowledgePaths: options.knowledgePaths});
	reportSkipped(base.diagnostics, context);

	const playbook = base.playbooks.find(candidate => candidate.id === options.playbook);
	if (!playbook) {
		throw unknownPlaybook(options.playbook, base.index);
	}

	if (options.container !== undefined && options.container.trim() === '') {
		throw new UserError('--container needs a container name', `unblock fix ${playbook.id} --container shop-web-1 (a name docker ps shows)`);
	}

	if (options.dryRun && !context.interactive) {
		const facts = options.container === undefined ? undefined : (await containerFacts(options.container, playbook, base.index, options, context)).facts;
		context.stdout.write(formatDryRunPlan(planFix(playbook, resolveVariables(playbook, {...(facts ? {facts} : {}), acceptDefaults: true}))));
		return exitCodes.ok;
	}

	if (options.yes && !options.dryRun) {
		const found = options.container === undefined ? undefined : await containerFacts(options.container, playbook, base.index, options, context);
		return runHeadless(playbook, found, options, context);
	}

	if (!context.interactive) {
		throw new UserError(
			'a guided fix asks before every step, and there is no terminal to ask in',
			`pass --dry-run to see every step and command (nothing runs), or --yes to run them without questions: unblock fix ${playbook.id} --dry-run`,
		);
	}

	const {runWizard} = await import('./wizard.js');
	return runWizard({
		initial: {playbook: playbook.id, ...(options.container === undefined ? {} : {container: options.container})},
		dryRun: options.dryRun,
		yes: options.yes,
		allowDestructive: options.allowDestructive,
		...(options.host === undefined ? {} : {host: options.host}),
		...(options.context === undefined ? {} : {context: options.context}),
		...(options.project === undefined ? {} : {project: options.project}),
		playbookDirectories: options.playbookDirectories,
		knowledgePaths: options.knowledgePaths,
	}, context);
}

function unknownPlaybook(id: string, index: SearchIndex): UserError {
	const close = search(index, id.replaceAll(/[-_]+/g, ' '), {limit: 8})
		.filter(result => result.kind === 'playbook')
		.slice(0, 3)
		.map(result => result.id);
	return new UserError(
		`there is no playbook "${id}"`,
		close.length > 0 ? `did you mean ${close.join(', ')}? unblock playbooks lists them all` : 'unblock playbooks lists them all',
	);
}

/**
 * The facts of the named container, from one scan: its finding's when it has one (preferring a
 * finding this playbook matches), else what the container itself shows. Without an engine the
 * fix goes on with the name alone and says so.
 */
async function containerFacts(name: string, playbook: Playbook, index: SearchIndex, options: FixOptions, context: CommandContext): Promise<{facts: Facts; secrets: readonly string[]}> {
	const snapshot = await scanEngineOrError({host: options.host, context: options.context, environment: context.env, project: options.project});
	if (snapshot instanceof EngineError) {
		reportEngineError(snapshot, context);
		context.stderr.write('unblock: only the container\'s name is known; the other values show as placeholders\n');
		return {facts: {container: name}, secrets: []};
	}

	const container = snapshot.containers.find(candidate => candidate.name === name);
	if (!container) {
		throw new UserError(
			`there is no container named "${name}"${options.project ? ` in compose project "${options.project}"` : ''}`,
			'docker ps -a lists the containers; compose names them <project>-<service>-1',
		);
	}

	const findings = buildDiagnoseResult(snapshot, index).findings.filter(finding => finding.container === name);
	const finding = findings.find(candidate => candidate.matches.some(match => match.playbook === playbook.id)) ?? findings[0];
	// The containers' own passwords, so a step that prints a log or an environment cannot show them.
	return {facts: finding?.facts ?? factsOf(container), secrets: snapshot.secrets?.values() ?? []};
}

async function runHeadless(playbook: Playbook, found: {facts: Facts; secrets: readonly string[]} | undefined, options: FixOptions, context: CommandContext): Promise<number> {
	const facts = found?.facts;
	const secrets = [...environmentSecretValues(context.env), ...(found?.secrets ?? [])];
	const choice = {host: options.host, context: options.context};
	let engine: EngineConnection | undefined;
	const runtime = createFixRuntime({
		cwd: context.cwd,
		secrets,
		engineChoice: choice,
		...(options.host === undefined && options.context === undefined ? {} : {engine: () => (engine ??= connectToEngine(choice, context.env))}),
	});
	const write = (text: string) => {
		context.stdout.write(text);
	};

	write(`Fixing ${playbook.id}: ${playbook.title}\n`);
	if (playbook.origin.source !== 'shipped') {
		write(`Its commands come ${describePlaybookOrigin(playbook.origin)}\n`);
	}

	const initial = createFixState({
		playbook,
		...(facts ? {facts} : {}),
		mode: {assumeYes: true, allowDestructive: options.allowDestructive, dryRun: false},
		startedAt: runtime.now(),
	});
	let reported: readonly StepRecord[] = playbook.steps.map(step => ({id: step.id, status: 'not-reached', attempts: []}));
	const reportRefusals = (state: FixState) => {
		for (const [index, record] of state.records.entries()) {
			if (record.status === 'refused' && reported[index]?.status !== 'refused') {
				write(`\nStep ${index + 1} of ${state.records.length}: ${stepPlanAt(state, index).title}\n  refused: ${record.reason ?? ''}\n`);
			}
		}

		reported = state.records;
	};

	reportRefusals(initial);
	// Ctrl-C, or SIGTERM (a closing terminal, a supervisor, kill): either way the step's whole
	// process group is stopped before unblock exits; left to Node's default, SIGTERM would end
	// unblock at once and leave the step's processes running.
	const controller = new AbortController();
	let exitCode: number = exitCodes.interrupted;
	const interrupt = (signal: NodeJS.Signals) => {
		exitCode = signal === 'SIGTERM' ? signalExitCodes.SIGTERM : exitCodes.interrupted;
		controller.abort();
	};

	process.once('SIGINT', interrupt);
	process.once('SIGTERM', interrupt);
	let workState = initial;
	let final: FixState;
	try {
		final = await driveFix(initial, runtime, {
			signal: controller.signal,
			onWork(work, state) {
				workState = state;
				if (work.kind === 'command') {
					const plan = stepPlanAt(state, state.stepIndex);
					write(`\nStep ${state.stepIndex + 1} of ${state.playbook.steps.length}: ${plan.title}\n$ ${work.command.display}\n`);
				} else if (state.phase.name === 'final-check') {
					write('\nEvery check of the playbook, once more\n');
				}
			},
			onAction(action, state) {
				if (action.type === 'output-received') {
					for (const line of action.lines) {
						write(`  │ ${line.text}\n`);
					}
				} else if (action.type === 'check-finished') {
					write(`  ${action.result.status}  ${checkDescription(workState, action.index)}: ${action.result.detail}\n`);
				}

				reportRefusals(state);
			},
		});
	} finally {
		process.off('SIGINT', interrupt);
		process.off('SIGTERM', interrupt);
	}

	const summary = summarizeFix(final);
	write(`\n${formatFixSummary(summary)}`);
	if (controller.signal.aborted) {
		return exitCode;
	}

	return summary.verdict === 'fixed' ? exitCodes.ok : exitCodes.problem;
}

/** 128 + the signal's number, as a shell reports a process ended by it. */
const signalExitCodes = {SIGTERM: 143} as const;

function checkDescription(state: FixState, index: number): string {
	if (state.phase.name === 'checking') {
		return state.phase.checks[index]?.description ?? 'check';
	}

	return state.final?.checks[index]?.planned.description ?? 'check';
}
