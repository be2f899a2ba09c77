import {describe, expect, test} from 'vitest';
import {checkValue, resolveVariables, variableRequest} from '../../../source/core/step-plans/resolve-variables.js';
import {checkVariableValue, patternAllowsLeadingDash} from '../../../source/core/step-plans/variable-value.js';
import {variablesLeadingAnArgument, variablesOfStep} from '../../../source/core/step-plans/variable-usage.js';
import type {Variable} from '../../../source/core/playbook-schema.js';
import {examplePlaybook} from './example-playbook.js';

const playbook = examplePlaybook();
const free: Variable = {description: 'anything', from: 'ask', question: 'What?'};

describe('checkVariableValue', () => {
	test.each([
		['api-1', free, false, undefined],
		['', free, false, 'it is empty'],
		['x'.repeat(1001), free, false, 'it is longer than 1000 characters'],
		['a\nb', free, false, 'it contains a line break'],
		['a\u0000b', free, false, 'it contains a tab or another control character'],
		['a\rb', free, false, 'it contains a line break'],
		['\u001B[2Jx', free, false, 'it contains a tab or another control character'],
		['a\tb', free, false, 'it contains a tab or another control character'],
		['api\u202E1-', free, false, 'it contains a tab or another control character'],
		['x; rm -rf ~', free, true, undefined],
		['--privileged', free, true, 'it starts with "-", so the command would read it as an option'],
		['--privileged', free, false, undefined],
		['-5', {...free, pattern: String.raw`-?\d+`}, true, undefined],
		['-5', {...free, pattern: String.raw`^-?\d+$`}, true, undefined],
		['-5', {...free, pattern: '.+'}, true, 'it starts with "-", so the command would read it as an option'],
		['5432', {...free, pattern: String.raw`\d{1,5}`}, true, undefined],
		['5432; reboot', {...free, pattern: String.raw`\d{1,5}`}, true, String.raw`it does not match the pattern \d{1,5}`],
		['abc', {...free, pattern: 'a|abc'}, false, undefined],
		['0750', {...free, choices: ['0700', '0750']}, false, undefined],
		['0777', {...free, choices: ['0700', '0750']}, false, 'it is not one of 0700, 0750'],
		['x', {...free, pattern: '(a+)+$'}, false, 'the playbook\'s pattern cannot be used (unsafe regular expression: nested quantifiers can backtrack catastrophically)'],
	] as Array<[string, Variable, boolean, string | undefined]>)('%j with %j leading=%s', (value, variable, leadsArgument, reason) => {
		expect(checkVariableValue(value, variable, {leadsArgument})).toEqual(reason === undefined ? {ok: true} : {ok: false, reason});
	});

	test.each([
		['^-?\\d+$', true],
		['-[a-z]+', true],
		['^\\-x', true],
		['^(-|\\+)\\d', true],
		['^(?:-x|y)', true],
		['^[-+]?\\d+', true],
		['\\d+', false],
		['.+', false],
		['[^-]+', false],
		['a-b', false],
	])('a pattern %s allows a leading dash: %s', (pattern, allowed) => {
		expect(patternAllowsLeadingDash(pattern)).toBe(allowed);
	});
});

describe('variable usage', () => {
	test('finds the variables that begin an argument in commands, scripts and check commands', () => {
		expect([...variablesLeadingAnArgument(playbook)].sort()).toEqual(['container', 'port', 'volume']);
	});

	test('a placeholder inside an argument does not begin it', () => {
		const steps = [{...playbook.steps[0]!, command: ['docker', 'run', '--name={name}', 'x{tag}', '{{json .}}']}];
		expect([...variablesLeadingAnArgument({steps})]).toEqual([]);
	});

	test('lists what a step needs, including declared names its prose mentions', () => {
		const declared = Object.keys(playbook.variables);
		expect(playbook.steps.map(step => variablesOfStep(step, declared))).toEqual([
			['container'],
			['volume', 'container'],
			['container'],
			['container', 'port'],
		]);
	});
});

describe('resolveVariables', () => {
	test('fills from the evidence and leaves asked ones for the user', () => {
		const resolution = resolveVariables(playbook, {facts: {container: 'db-1', volume: 'pgdata'}});
		expect(resolution).toEqual({values: {container: 'db-1', volume: 'pgdata'}, sources: {container: 'evidence', volume: 'evidence'}, capturedFrom: {}, refused: []});
	});

	test('answers win over the evidence, defaults only when no one is asked', () => {
		expect(resolveVariables(playbook, {facts: {container: 'db-1'}, answers: {container: 'db-2'}, acceptDefaults: true})).toEqual({
			values: {container: 'db-2', port: '5432'},
			sources: {container: 'answer', port: 'default'},
			capturedFrom: {},
			refused: [],
		});
	});

	test('a value the error text names wins over the default, and says which line it came from', () => {
		const resolution = resolveVariables(playbook, {captured: {port: {value: '6543', line: 'could not bind to 0.0.0.0:6543'}}, acceptDefaults: true});
		expect(resolution.values.port).toBe('6543');
		expect(resolution.sources.port).toBe('captured');
		expect(resolution.capturedFrom).toEqual({port: 'could not bind to 0.0.0.0:6543'});
	});

	test('a captured value is checked like any other, and refused when it does not fit', () => {
		const resolution = resolveVariables(playbook, {captured: {port: {value: '6543; reboot', line: 'x'}}, acceptDefaults: true});
		expect(resolution.values.port).toBe('5432');
		expect(resolution.sources.port).toBe('default');
		expect(resolution.refused).toEqual([{name: 'port', shown: '6543; reboot', source: 'captured', reason: String.raw`it does not match the pattern \d{1,5}`}]);
	});

	test('refuses hostile evidence and says why, without using it', () => {
		const resolution = resolveVariables(playbook, {facts: {container: '--privileged', volume: 'pg data; rm -rf ~'}});
		expect(resolution.values).toEqual({});
		expect(resolution.refused).toEqual([
			{name: 'container', shown: '--privileged', source: 'evidence', reason: 'it starts with "-", so the command would read it as an option'},
			{name: 'volume', shown: 'pg data; rm -rf ~', source: 'evidence', reason: 'it does not match the pattern [a-zA-Z0-9][a-zA-Z0-9_.-]*'},
		]);
	});

	test('shows a refused value safely', () => {
		const resolution = resolveVariables(playbook, {facts: {container: 'x\u001B]0;pwned\u0007\nDATABASE_URL=postgres://u:hunter22@db/app'}});
		expect(resolution.refused[0]?.shown).toBe('x ⏎ DATABASE_URL=postgres://u:[redacted]@db/app');
	});

	test('a hostile value that cannot start an option stays acceptable: it is passed as one argument', () => {
		expect(checkValue(playbook, 'container', 'x; rm -rf ~')).toEqual({ok: true});
	});

	test('builds the question for a variable', () => {
		expect(variableRequest(playbook, 'port')).toEqual({
			name: 'port',
			question: 'Which host port does Postgres use?',
			description: 'The published port',
			default: '5432',
			pattern: String.raw`\d{1,5}`,
		});
	});
});
