import {formatDryRunPlan} from '../core/step-plans/dry-run-plan.js';
import {capturedValues} from '../core/step-plans/captured-values.js';
import {checkValue, resolveVariables, showValue} from '../core/step-plans/resolve-variables.js';
import {planFix} from '../core/step-plans/step-plan.js';
import {composeContextOf} from '../core/step-plans/compose-project.js';
import {containerFactsFor, type ContainerFacts} from '../core/container-facts.js';
import type {Playbook} from '../core/playbook-schema.js';
import {closeIds} from '../core/search/close-ids.js';
import {search} from '../core/search/search.js';
import type {SearchIndex} from '../core/search/search-index.js';
import {exitCodes, UserError} from '../core/user-error.js';
import {connectRuntime} from '../runtime/connected-runtime.js';
import type {WizardRuntime} from '../ui/wizard-runtime.js';
import {reportEngineError, reportSkippedLines, sourcesOf, type CommandContext, type FixModeOptions, type SourceOptions} from './command-context.js';
import {runHeadlessFix} from './headless-fix.js';

export type FixOptions = SourceOptions & FixModeOptions & {
	readonly playbook: string;
	/** The container the fix is about: its facts fill the playbook's variables. */
	readonly container?: string;
	/** `--set name=value`: values for the playbook's variables; they win over the evidence. */
	readonly set?: Readonly<Record<string, string>>;
};

/**
 * `unblock fix <playbook>`: in a terminal, the wizard's guided fix; `--dry-run` without one prints
 * every step, command and check and runs nothing; `--yes` runs the steps headless and exits 0
 * when the playbook's checks pass at the end, 1 when they do not, 130 when interrupted (143 for
 * SIGTERM). One runtime serves all three, the wizard's included.
 */
export async function runFix(options: FixOptions, context: CommandContext): Promise<number> {
	const runtime = connectRuntime({
		cwd: context.cwd,
		env: context.env,
		...sourcesOf(options),
	});
	const knowledge = await runtime.loadKnowledge();
	reportSkippedLines(knowledge.skipped, context);

	const playbook = knowledge.playbooks.find(candidate => candidate.id === options.playbook);
	if (!playbook) {
		throw unknownPlaybook(options.playbook, knowledge.playbooks.map(candidate => candidate.id), knowledge.index);
	}

	if (options.container !== undefined && options.container.trim() === '') {
		throw new UserError('--container needs a container name', {hint: `unblock fix ${playbook.id} --container shop-web-1 (a name docker ps shows)`});
	}

	const answers = givenValues(playbook, options.set ?? {});
	if (options.dryRun && !context.interactive) {
		try {
			const found = options.container === undefined ? undefined : await containerFacts(options.container, playbook, runtime, options, context);
			context.stdout.write(formatDryRunPlan(planFix(playbook, resolveVariables(playbook, {
				...(found ? {facts: found.facts} : {}),
				...(found?.finding ? {captured: capturedValues(playbook, found.finding)} : {}),
				answers,
				acceptDefaults: true,
			}), composeContextOf(found?.facts))));
			return exitCodes.ok;
		} finally {
			runtime.close?.();
		}
	}

	if (options.yes && !options.dryRun) {
		try {
			const found = options.container === undefined ? undefined : await containerFacts(options.container, playbook, runtime, options, context);
			return await runHeadlessFix(playbook, {...found, answers}, runtime.fix, options, context);
		} finally {
			runtime.close?.();
		}
	}

	if (!context.interactive) {
		throw new UserError(
			'a guided fix asks before every step, and there is no terminal to ask in',
			{
				hint: `pass --dry-run to see every step and command (nothing runs), or --yes to run them without questions: unblock fix ${playbook.id} --dry-run`,
				nextSteps: [`unblock fix ${playbook.id} --dry-run`, `unblock fix ${playbook.id} --yes`],
			},
		);
	}

	const {runWizard} = await import('./wizard.js');
	return runWizard({
		initial: {playbook: playbook.id, answers, ...(options.container === undefined ? {} : {container: options.container})},
		dryRun: options.dryRun,
		yes: options.yes,
		allowDestructive: options.allowDestructive,
		...sourcesOf(options),
	}, context, runtime);
}

/** The `--set` values, each a declared variable with a value it accepts; anything else is bad usage, said before anything runs. */
function givenValues(playbook: Playbook, set: Readonly<Record<string, string>>): Record<string, string> {
	const names = Object.keys(playbook.variables);
	for (const [name, value] of Object.entries(set)) {
		if (!playbook.variables[name]) {
			throw new UserError(
				`--set ${name}: ${playbook.id} has no variable "${name}"`,
				{hint: names.length > 0 ? `its variables are ${names.join(', ')} (unblock fix ${playbook.id} --dry-run shows each)` : `${playbook.id} has no variables to set`},
			);
		}

		const verdict = checkValue(playbook, name, value);
		if (!verdict.ok) {
			throw new UserError(`--set ${name}="${showValue(value)}" cannot be used: ${verdict.reason}`, {hint: `give {${name}} another value: ${playbook.variables[name]!.description}`});
		}
	}

	return {...set};
}

/** A mistyped id is answered with the ids it is a few edits from; else with what its words find. */
function unknownPlaybook(id: string, ids: readonly string[], index: SearchIndex): UserError {
	const typo = closeIds(id, ids);
	const close = typo.length > 0
		? typo
		: search(index, id.replaceAll(/[-_]+/g, ' '), {limit: 8})
			.filter(result => result.kind === 'playbook')
			.slice(0, 3)
			.map(result => result.id);
	return new UserError(
		`there is no playbook "${id}"`,
		{hint: close.length > 0 ? `did you mean ${close.join(', ')}? unblock playbooks lists them all` : 'unblock playbooks lists them all'},
	);
}

/**
 * The facts of the named container, from one scan (core/container-facts.ts says which). Without
 * an engine the fix goes on with the name alone and says so.
 */
async function containerFacts(name: string, playbook: Playbook, runtime: WizardRuntime, options: FixOptions, context: CommandContext): Promise<ContainerFacts> {
	const outcome = await runtime.scan();
	if (outcome.kind === 'no-engine') {
		reportEngineError(outcome, context);
		context.stderr.write('unblock: only the container\'s name is known; the other values show as placeholders\n');
		return {facts: {container: name}};
	}

	const found = containerFactsFor(outcome.result, name, playbook.id);
	if (!found) {
		throw new UserError(
			`there is no container named "${name}"${options.project ? ` in compose project "${options.project}"` : ''}`,
			{hint: 'docker ps -a lists the containers; compose names them <project>-<service>-1'},
		);
	}

	return found;
}
