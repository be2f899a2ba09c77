import type {PlaybookOrigin} from '../playbook-schema.js';
import {checkTypeOf} from '../checks/registry.js';
import {valueSourceWords} from './resolve-variables.js';
import type {FixPlan, StepPlan} from './step-plan.js';

const sourceNames: Record<PlaybookOrigin['source'], string> = {
	shipped: 'shipped with unblock',
	team: 'from your team\'s .unblock/playbooks',
	flag: 'from a --playbooks directory',
};

/** The plain text `unblock fix <playbook> --dry-run` prints without a TTY: every step, command and check; nothing runs. */
export function formatDryRunPlan(plan: FixPlan): string {
	const lines = [
		`Dry run of ${plan.playbook.id}: ${plan.playbook.title}`,
		`Nothing is run. Playbook ${sourceNames[plan.playbook.source]}: ${plan.playbook.file}`,
	];
	if (plan.playbook.source !== 'shipped') {
		lines.push('Its commands were not written by unblock: read each one before you run it.');
	}

	if (plan.variables.length > 0) {
		lines.push('', 'Variables');
		for (const variable of plan.variables) {
			lines.push(variable.value === undefined
				? `  {${variable.name}}: not known yet; the fix asks "${variable.question ?? variable.description}"`
				: `  {${variable.name}} = ${variable.value} (${valueSourceWords[variable.source ?? 'answer']}${variable.capturedFrom === undefined ? '' : `: ${variable.capturedFrom}`})`);
		}

		for (const refused of plan.refused) {
			lines.push(`  refused for {${refused.name}}: "${refused.shown}" (${refused.source}): ${refused.reason}`);
		}
	}

	for (const step of plan.steps) {
		lines.push('', ...formatStep(step, plan.steps.length, plan.playbook.source === 'team'));
	}

	return `${lines.join('\n')}\n`;
}

function formatStep(step: StepPlan, total: number, fromTeam: boolean): string[] {
	const lines = [
		`Step ${step.index + 1} of ${total}: ${step.title} (${step.risk}${fromTeam ? ', team playbook' : ''})`,
		`  ${step.explanation}`,
	];
	if (step.missing.length > 0) {
		lines.push(`  Needs ${step.missing.map(name => `{${name}}`).join(', ')}: asked when the fix runs.`);
	}

	for (const check of step.requires ?? []) {
		lines.push(`  Before it runs: ${check.description} (else it is refused)`);
	}

	if (step.command?.kind === 'argv') {
		lines.push(`  $ ${step.command.display}`);
	} else if (step.command?.kind === 'shell') {
		lines.push(`  $ ${step.command.display}`, '    (runs in sh -c)');
	}

	if (step.decision !== undefined) {
		lines.push(`  Decide first: ${step.decision} (--yes refuses this step).`);
	}

	if (step.manual !== undefined) {
		lines.push(`  By hand: ${step.manual}`);
	}

	if (step.destroys !== undefined) {
		lines.push(`  Destroys ${step.destroys}: the fix asks you to type that name first; --yes refuses it without --allow-destructive.`);
	}

	if (step.checks.length === 0) {
		lines.push('  Checks: none');
	} else {
		for (const check of step.checks) {
			lines.push(`  Check: ${check.description}${check.check.interim || checkTypeOf(check.check).interim ? ' (right after this step only, not in the final round)' : ''}`);
		}
	}

	if (step.hint !== undefined) {
		lines.push(`  If the checks fail: ${step.hint}`);
	}

	return lines;
}
