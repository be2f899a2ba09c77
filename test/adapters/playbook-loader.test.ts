import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {loadPlaybookFile, loadPlaybooks, maximumPlaybookBytes} from '../../source/adapters/playbook-loader.js';
import {formatDiagnostic} from '../../source/core/diagnostic.js';

const reference = readFileSync(path.join(import.meta.dirname, '..', '..', 'playbooks', 'healthcheck-tool-missing.yaml'), 'utf8');

function variant(id: string, edit: (text: string) => string = text => text): string {
	return edit(reference.replace('id: healthcheck-tool-missing', `id: ${id}`));
}

let directory: string;

beforeEach(() => {
	directory = mkdtempSync(path.join(os.tmpdir(), 'unblock-loader-'));
});

afterEach(() => {
	rmSync(directory, {recursive: true, force: true});
});

async function load(files: Record<string, string>) {
	const playbooks = path.join(directory, 'playbooks');
	mkdirSync(playbooks, {recursive: true});
	for (const [name, text] of Object.entries(files)) {
		writeFileSync(path.join(playbooks, name), text);
	}

	const result = await loadPlaybooks({cwd: directory, directories: ['playbooks'], withoutShipped: true});
	return {ids: result.playbooks.map(playbook => playbook.id), messages: result.diagnostics.map(diagnostic => formatDiagnostic(diagnostic))};
}

describe('loadPlaybooks', () => {
	test('loads a valid playbook with its defaults filled in', async () => {
		const result = await loadPlaybooks({cwd: directory, directories: [path.join(import.meta.dirname, '..', '..', 'playbooks')], withoutShipped: true});
		const playbook = result.playbooks.find(candidate => candidate.id === 'healthcheck-tool-missing');
		expect(playbook?.signatures[0]?.flags).toBe('i');
		expect(playbook?.origin.source).toBe('flag');
	});

	test('reports a YAML syntax error with file and line, and still loads the good file', async () => {
		const {ids, messages} = await load({
			'good-one.yaml': variant('good-one'),
			'broken.yaml': 'id: broken\ntitle: [unclosed\n',
		});
		expect(ids).toEqual(['good-one']);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatch(/^playbooks\/broken\.yaml:\d+: YAML syntax: /);
	});

	test('reports a schema error with the field and its line', async () => {
		const {ids, messages} = await load({'bad-risk.yaml': variant('bad-risk', text => text.replace('risk: read-only', 'risk: dangerous'))});
		expect(ids).toEqual([]);
		const line = variant('bad-risk').split('\n').findIndex(text => text.includes('risk: read-only')) + 1;
		expect(messages[0]).toBe(`playbooks/bad-risk.yaml:${line}: steps[0].risk: Invalid option: expected one of "read-only"|"safe"|"caution"|"destructive"`);
	});

	test('reports an unknown cause slug', async () => {
		const {messages} = await load({'odd-cause.yaml': variant('odd-cause', text => text.replace('cause: healthcheck-tool-missing', 'cause: gremlins'))});
		expect(messages[0]).toMatch(/^playbooks\/odd-cause\.yaml:\d+: cause: Invalid option/);
	});

	test('requires the id to equal the file name', async () => {
		const {messages} = await load({'some-file.yaml': variant('other-id')});
		expect(messages).toEqual(['playbooks/some-file.yaml:2: id: id "other-id" must equal the file name "some-file"']);
	});

	test('rejects a duplicate id across directories and keeps the first', async () => {
		const team = path.join(directory, '.unblock', 'playbooks');
		mkdirSync(team, {recursive: true});
		mkdirSync(path.join(directory, '.git'));
		writeFileSync(path.join(team, 'twin.yaml'), variant('twin'));
		const {ids, messages} = await load({'twin.yaml': variant('twin')});
		expect(ids).toEqual(['twin']);
		expect(messages).toEqual(['playbooks/twin.yaml: id: duplicate id "twin", already loaded from .unblock/playbooks/twin.yaml; rename one of them']);
	});

	test('rejects an invalid regular expression with its field', async () => {
		const {messages} = await load({'bad-regex.yaml': variant('bad-regex', text => text.replace(`pattern: '(^|[\\s:/])(curl|wget): (command )?not found'`, `pattern: '(curl|wget: not found'`))});
		expect(messages[0]).toMatch(/^playbooks\/bad-regex\.yaml:\d+: signatures\[1\]\.pattern: invalid regular expression/);
	});

	test('rejects a pattern that backtracks catastrophically', async () => {
		const {messages} = await load({'slow-regex.yaml': variant('slow-regex', text => text.replace(`pattern: '(^|[\\s:/])(curl|wget): (command )?not found'`, `pattern: '(curl(\\w+)+)+: not found'`))});
		expect(messages.some(message => message.includes('signatures[1].pattern: unsafe regular expression'))).toBe(true);
	});

	test('rejects a signature whose example it does not match', async () => {
		const {messages} = await load({'wrong-example.yaml': variant('wrong-example', text => text.replace(`- '/bin/sh: 1: curl: not found'`, `- 'curl is fine here'`))});
		expect(messages.some(message => /signatures\[1\]\.examples\[0\]: the signature does not match its own example/.test(message))).toBe(true);
	});

	test('rejects a placeholder that is not declared', async () => {
		const {messages} = await load({'undeclared.yaml': variant('undeclared', text => text.replace(`[docker, exec, '{container}'`, `[docker, exec, '{service}'`))});
		expect(messages.some(message => message.includes('steps[1].command[2]: {service} is used but not declared under variables'))).toBe(true);
	});

	test('expands YAML aliases only within a bound', async () => {
		const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...Array.from({length: 8}, (_, index) => `${String.fromCodePoint(98 + index)}: &${String.fromCodePoint(98 + index)} [${Array.from({length: 9}, () => `*${String.fromCodePoint(97 + index)}`).join(', ')}]`)].join('\n');
		const {ids, messages} = await load({'bomb.yaml': bomb, 'fine.yaml': variant('fine')});
		expect(ids).toEqual(['fine']);
		expect(messages[0]).toMatch(/^playbooks\/bomb\.yaml: YAML: /);
	});

	test('names a missing --playbooks directory', async () => {
		const result = await loadPlaybooks({cwd: directory, directories: ['nowhere'], withoutShipped: true});
		expect(result.diagnostics.map(diagnostic => formatDiagnostic(diagnostic))).toEqual(['nowhere: playbook directory not found; check the --playbooks path']);
	});
});

describe('loadPlaybookFile', () => {
	test('a shipped file, read without a stat first, is refused past the limit as any other file is', async () => {
		const file = path.join(directory, 'huge.yaml');
		writeFileSync(file, `id: huge\n${'#'.repeat(maximumPlaybookBytes)}\n`);
		for (const source of ['shipped', 'flag'] as const) {
			const result = await loadPlaybookFile(file, source, directory);
			expect(result.diagnostics.map(diagnostic => formatDiagnostic(diagnostic))).toEqual(['huge.yaml: the file is larger than 256 KiB, the most a playbook may be']);
		}
	});
});
