import {checkTypeOf, commandsOf} from './checks/registry.js';
import {composeCommandStart, projectOptions, scriptRunsCompose} from './step-plans/compose-project.js';
import type {PlaybookData} from './playbook-schema.js';
import {compileSignature, compileUserPattern} from './regex-safety.js';
import {mentionsHold} from './search/signature-hits.js';
import {capturedVariableName, namedGroupsOf} from './step-plans/captured-values.js';
import {placeholdersIn} from './template.js';

export type RuleIssue = {
	readonly path: ReadonlyArray<string | number>;
	readonly message: string;
};

/** Rules the schema cannot express: the id matches the file, every pattern is safe, every placeholder is declared. */
export function checkPlaybookRules(playbook: PlaybookData, fileStem: string): RuleIssue[] {
	const issues: RuleIssue[] = [];

	if (playbook.id !== fileStem) {
		issues.push({path: ['id'], message: `id "${playbook.id}" must equal the file name "${fileStem}"`});
	}

	for (const [index, signature] of playbook.signatures.entries()) {
		const verdict = compileSignature(signature.pattern, signature.flags);
		if (!verdict.ok) {
			issues.push({path: ['signatures', index, 'pattern'], message: verdict.reason});
			continue;
		}

		for (const group of namedGroupsOf(signature.pattern)) {
			const name = capturedVariableName(group);
			if (!Object.hasOwn(playbook.variables, name)) {
				issues.push({path: ['signatures', index, 'pattern'], message: `the group (?<${group}>...) fills {${name}}, which is not declared under variables`});
			}
		}

		for (const [exampleIndex, example] of signature.examples.entries()) {
			verdict.regex.lastIndex = 0;
			if (!verdict.regex.test(example)) {
				issues.push({
					path: ['signatures', index, 'examples', exampleIndex],
					message: 'the signature does not match its own example',
				});
			} else if (!mentionsHold(signature, example)) {
				issues.push({
					path: ['signatures', index, 'examples', exampleIndex],
					message: `the example mentions none of the signature's mentions (${signature.mentions!.join(', ')}), so it would never count; quote the text where it shows`,
				});
			}
		}
	}

	for (const [name, variable] of Object.entries(playbook.variables)) {
		if (variable.pattern) {
			const verdict = compileUserPattern(variable.pattern);
			if (!verdict.ok) {
				issues.push({path: ['variables', name, 'pattern'], message: verdict.reason});
			}
		}
	}

	const declared = new Set(Object.keys(playbook.variables));
	const requireDeclared = (text: string, path: ReadonlyArray<string | number>) => {
		for (const name of placeholdersIn(text)) {
			if (!declared.has(name)) {
				issues.push({path, message: `{${name}} is used but not declared under variables`});
			}
		}
	};

	for (const [stepIndex, step] of playbook.steps.entries()) {
		const stepPath = ['steps', stepIndex] as const;
		for (const [argIndex, argument] of (step.command ?? []).entries()) {
			requireDeclared(argument, [...stepPath, 'command', argIndex]);
		}

		if (step.shell) {
			requireDeclared(step.shell, [...stepPath, 'shell']);
			if (scriptRunsCompose(step.shell)) {
				issues.push({path: [...stepPath, 'shell'], message: 'run docker compose as a command (argv), so that unblock runs it in the container\'s own compose project'});
			}
		}

		if (step.destroys) {
			requireDeclared(step.destroys, [...stepPath, 'destroys']);
		}

		const checks = [
			...step.checks.map((check, index) => ({check, checkPath: [...stepPath, 'checks', index]})),
			...(step.requires ?? []).map((check, index) => ({check, checkPath: [...stepPath, 'requires', index]})),
		];
		for (const {argv, path} of [
			...(step.command ? [{argv: step.command, path: [...stepPath, 'command']}] : []),
			...checks.flatMap(({check, checkPath}) => commandsOf(check).map(({field, argv}) => ({argv, path: [...checkPath, field]}))),
		]) {
			const start = composeCommandStart(argv);
			const own = start < 0 ? undefined : argv.slice(start + 2).find(item => projectOptions.some(option => item === option || item.startsWith(`${option}=`)));
			if (own !== undefined) {
				issues.push({path, message: `${own}: unblock runs docker compose with the container's own project directory, files and name; leave them out`});
			}

			if (argv.some(item => scriptRunsCompose(item))) {
				issues.push({path, message: 'a script that runs docker compose itself runs in whatever directory unblock runs in: pass `docker compose` as the last arguments and run it with "$@"'});
			}
		}

		for (const {check, checkPath} of checks) {
			for (const [key, value] of Object.entries(check)) {
				if (typeof value === 'string') {
					requireDeclared(value, [...checkPath, key]);
				} else if (Array.isArray(value)) {
					for (const [index, item] of value.entries()) {
						if (typeof item === 'string') {
							requireDeclared(item, [...checkPath, key, index]);
						}
					}
				}
			}

			for (const field of checkTypeOf(check).patternFields) {
				const pattern = (check as Record<string, unknown>)[field];
				const verdict = typeof pattern === 'string' && pattern !== '' ? compileUserPattern(pattern, 'i') : undefined;
				if (verdict && !verdict.ok) {
					issues.push({path: [...checkPath, field], message: verdict.reason});
				}
			}
		}
	}

	const stepIds = new Set<string>();
	for (const [index, step] of playbook.steps.entries()) {
		if (stepIds.has(step.id)) {
			issues.push({path: ['steps', index, 'id'], message: `step id "${step.id}" is used twice`});
		}

		stepIds.add(step.id);
	}

	return issues;
}
