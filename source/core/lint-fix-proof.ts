import type {Check} from './checks/registry.js';
import type {PlaybookData, Step} from './playbook-schema.js';

export type ProofIssue = {
	readonly field: string;
	readonly message: string;
};

/**
 * A fix is only as true as its checks. Lint warns about a step that changes something with nothing
 * checking that it worked, and about a check that cannot fail (a script that always exits 0 with
 * no output asked for): such a step would pass whatever happened.
 */
export function lintFixProof(playbook: Pick<PlaybookData, 'steps'>): ProofIssue[] {
	const issues: ProofIssue[] = [];
	for (const [stepIndex, step] of playbook.steps.entries()) {
		if (changesSomething(step) && step.checks.length === 0 && !step.provenByExitCode) {
			issues.push({
				field: `steps[${stepIndex}].checks`,
				message: `nothing checks that step "${step.id}" worked: add a check that fails before it and passes after (or provenByExitCode: true when the command's own success is the result, as for a prune)`,
			});
		}

		for (const [checkIndex, check] of [...step.checks, ...(step.requires ?? [])].entries()) {
			const why = whyItCannotFail(check);
			if (why) {
				const field = checkIndex < step.checks.length ? `steps[${stepIndex}].checks[${checkIndex}]` : `steps[${stepIndex}].requires[${checkIndex - step.checks.length}]`;
				issues.push({field, message: `this check cannot fail: ${why}`});
			}
		}
	}

	return issues;
}

function changesSomething(step: Step): boolean {
	return step.risk !== 'read-only' && (step.command !== undefined || step.shell !== undefined);
}

/** The script of `sh -c SCRIPT ...` (or bash), else undefined. */
function shellScript(argv: readonly string[]): string | undefined {
	const [program, flag, script] = argv;
	return program !== undefined && /^(\/bin\/|\/usr\/bin\/)?(ba|da|z)?sh$/.test(program) && flag === '-c' ? script : undefined;
}

/** Whether a command always exits 0: `true`, `:`, or a script whose last statement is one of them or `exit 0`. */
function alwaysSucceeds(argv: readonly string[]): boolean {
	const script = shellScript(argv);
	if (script === undefined) {
		return argv.length === 1 && /^(\/bin\/|\/usr\/bin\/)?true$/.test(argv[0]!);
	}

	const statements = script.split(/;|\n|\|\||&&/).map(statement => statement.trim()).filter(Boolean);
	const last = statements.at(-1) ?? '';
	// `a || true` and `a; true` both end in true whatever a does; `a && true` does not.
	const separator = script.trimEnd().slice(0, script.trimEnd().length - last.length).trimEnd().slice(-2);
	return /^(true|:|exit 0)$/.test(last) && separator !== '&&';
}

function whyItCannotFail(check: Check): string | undefined {
	if (check.type !== 'host-command' && check.type !== 'container-command') {
		return undefined;
	}

	if (check.exitCode !== 0 || !alwaysSucceeds(check.command)) {
		return undefined;
	}

	if (check.outputMatches === undefined) {
		return 'the command always exits 0 and no output is asked for (add outputMatches, or end the script with the test itself)';
	}

	return matchesEmpty(check.outputMatches) ? `the command always exits 0 and /${check.outputMatches}/ matches even no output` : undefined;
}

function matchesEmpty(pattern: string): boolean {
	try {
		return new RegExp(pattern).test('');
	} catch {
		// The loader reports a pattern that does not compile.
		return false;
	}
}
