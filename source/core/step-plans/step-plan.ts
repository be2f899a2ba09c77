import type {Check, Playbook, PlaybookData, Risk, Step} from '../playbook-schema.js';
import {commandsOf} from '../checks/registry.js';
import {displayArgv} from '../display-argv.js';
import {redactText} from '../redact-secrets.js';
import {composeUnavailable, inComposeProject, isComposeCommand, type ComposeContext, type ComposeProject} from './compose-project.js';
import {fillPlaceholders} from '../template.js';
import {describeCheck} from './describe-check.js';
import {fillCheck} from './render-check.js';
import {renderStepCommand, type RenderedCommand} from './render-command.js';
import {showValue, type RefusedValue, type VariableResolution, type VariableSource} from './resolve-variables.js';
import {variablesOfStep} from './variable-usage.js';

export type PlannedCheck = {
	/** The check with its values filled; only run it when the step has nothing missing. */
	readonly check: Check;
	/** One line for people, redacted. */
	readonly description: string;
};

/** One step as shown and run with the values known so far. */
export type StepPlan = {
	readonly index: number;
	readonly id: string;
	readonly title: string;
	readonly explanation: string;
	readonly risk: Risk;
	/** Variables the step needs that have no value yet; while any is missing nothing of the step runs. */
	readonly missing: readonly string[];
	/** What runs; absent for a step the user does by hand. */
	readonly command?: RenderedCommand;
	/** What the user does by hand (also shown beside a command when the playbook gives both). */
	readonly manual?: string;
	/** For a destructive step: what it destroys, which the user types to confirm. */
	readonly destroys?: string;
	/** What a person judges before running it; --yes refuses it. */
	readonly decision?: string;
	readonly checks: readonly PlannedCheck[];
	/** Checks that must pass right before the command runs, else the step is refused; absent when there are none. */
	readonly requires?: readonly PlannedCheck[];
	readonly hint?: string;
	readonly timeoutSeconds: number;
	/** Exit codes that mean the command did its job. */
	readonly successExitCodes: readonly number[];
};

/**
 * `compose`: the diagnosed container's compose project. A `docker compose` command (of the step or
 * of a check) runs in it; without one the step is left to the user, saying why.
 */
export function planStep(playbook: Pick<PlaybookData, 'variables'>, step: Step, index: number, values: Readonly<Record<string, string>>, compose: ComposeContext = {kind: 'unknown'}): StepPlan {
	const declared = Object.keys(playbook.variables);
	// The playbook's text is the team's and is shown as written (`tiktoken = ">=0.5.2"` is advice,
	// not a secret). The values filled in may be answers the user typed, which run as typed: what
	// is shown of them is redacted. Prose gets only declared names filled: other braces are text.
	const shown = Object.fromEntries(Object.entries(pick(values, declared)).map(([name, value]) => [name, redactText(value)]));
	const prose = (text: string) => fillPlaceholders(text, shown);
	const placed = placeComposeCommands(renderStepCommand(step, values), step.checks.map(check => planCheck(check, values, shown)), compose);
	const command = placed.command;
	const manual = [placed.manual, step.manual === undefined ? undefined : prose(step.manual)].filter(text => text !== undefined).join(' ');
	return {
		index,
		id: step.id,
		title: prose(step.title),
		explanation: prose(step.explanation),
		risk: step.risk,
		missing: variablesOfStep(step, declared).filter(name => values[name] === undefined),
		...(command ? {command} : {}),
		...(manual === '' ? {} : {manual}),
		...(step.destroys === undefined ? {} : {destroys: fillPlaceholders(step.destroys, values)}),
		...(step.decision === undefined ? {} : {decision: prose(step.decision)}),
		checks: placed.checks,
		...(step.requires ? {requires: step.requires.map(check => planCheck(check, values, shown))} : {}),
		...(step.hint === undefined ? {} : {hint: prose(step.hint)}),
		timeoutSeconds: step.timeoutSeconds,
		successExitCodes: step.successExitCodes,
	};
}

export type PlannedVariable = {
	readonly name: string;
	readonly description: string;
	readonly value?: string;
	readonly source?: VariableSource;
	/** The line of the error text the value was read from. */
	readonly capturedFrom?: string;
	/** The question asked when the value is missing. */
	readonly question?: string;
};

/** The whole fix as it would run with the values resolved so far: what `fix --dry-run` prints. */
export type FixPlan = {
	readonly playbook: {
		readonly id: string;
		readonly title: string;
		readonly source: Playbook['origin']['source'];
		readonly file: string;
	};
	readonly variables: readonly PlannedVariable[];
	readonly refused: readonly RefusedValue[];
	readonly steps: readonly StepPlan[];
};

export function planFix(playbook: Playbook, resolution: VariableResolution, compose: ComposeContext = {kind: 'unknown'}): FixPlan {
	return {
		playbook: {id: playbook.id, title: playbook.title, source: playbook.origin.source, file: playbook.origin.file},
		variables: Object.entries(playbook.variables).map(([name, variable]) => {
			const value = resolution.values[name];
			return {
				name,
				description: variable.description,
				...(value === undefined ? {question: variable.question ?? variable.description} : {value: showValue(value), source: resolution.sources[name], ...(resolution.capturedFrom[name] === undefined ? {} : {capturedFrom: resolution.capturedFrom[name]})}),
			};
		}),
		refused: resolution.refused,
		steps: playbook.steps.map((step, index) => planStep(playbook, step, index, resolution.values, compose)),
	};
}

/**
 * The step's command and checks with every `docker compose` command put in the project. Without a
 * project the command is not run (the user is told why and what to run where) and a check that
 * runs compose is shown to the user instead of run in the wrong directory.
 */
function placeComposeCommands(command: RenderedCommand | undefined, checks: readonly PlannedCheck[], compose: ComposeContext): {command?: RenderedCommand; checks: PlannedCheck[]; manual?: string} {
	const composeChecks = checks.filter(planned => commandsOf(planned.check).some(({argv}) => isComposeCommand(argv)));
	const stepRunsCompose = command?.kind === 'argv' && isComposeCommand(command.argv);
	if (!stepRunsCompose && composeChecks.length === 0) {
		return {...(command ? {command} : {}), checks: [...checks]};
	}

	const unavailable = composeUnavailable(compose);
	if (compose.kind === 'project') {
		const argv = stepRunsCompose ? inComposeProject(command.argv, compose.project) : undefined;
		return {
			...(argv ? {command: {kind: 'argv', argv, display: displayArgv(argv)}} : command ? {command} : {}),
			checks: checks.map(planned => composeChecks.includes(planned) ? inProject(planned, compose.project) : planned),
		};
	}

	const yourself = [
		...(stepRunsCompose ? [`Run it yourself in the project's directory: ${command.display}.`] : []),
		...composeChecks.map(planned => `Then check: ${planned.description}.`),
	];
	return {
		...(command && !stepRunsCompose ? {command} : {}),
		checks: checks.filter(planned => !composeChecks.includes(planned)),
		manual: `Not run: ${unavailable}. ${yourself.join(' ')}`,
	};
}

function inProject(planned: PlannedCheck, project: ComposeProject): PlannedCheck {
	const check: Record<string, unknown> = {...planned.check};
	for (const {field, argv} of commandsOf(planned.check)) {
		if (isComposeCommand(argv)) {
			check[field] = inComposeProject(argv, project);
		}
	}

	return {check: check as Check, description: planned.description};
}

function planCheck(check: Check, values: Readonly<Record<string, string>>, shown: Readonly<Record<string, string>>): PlannedCheck {
	return {check: fillCheck(check, values), description: describeCheck(fillCheck(check, shown))};
}

function pick(values: Readonly<Record<string, string>>, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.filter(name => values[name] !== undefined).map(name => [name, values[name]!]));
}
