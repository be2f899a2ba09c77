import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {expect, test} from 'vitest';
import {playbookJsonSchema} from '../../source/core/playbook-schema.js';
import {vocabularyJsonSchema} from '../../source/core/search/vocabulary-schema.js';

test('the committed JSON Schema that editors read matches the zod schema', () => {
	const committed = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'schema', 'playbook.schema.json'), 'utf8')) as unknown;
	expect(committed, 'run `npm run build` and commit schema/playbook.schema.json').toEqual(playbookJsonSchema());
});

test('the committed vocabulary JSON Schema matches the zod schema', () => {
	const committed = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', '..', 'schema', 'vocabulary.schema.json'), 'utf8')) as unknown;
	expect(committed, 'run `npm run build` and commit schema/vocabulary.schema.json').toEqual(vocabularyJsonSchema());
});

test('every shipped vocabulary file points editors at its schema', () => {
	const directory = path.join(import.meta.dirname, '..', '..', 'playbooks', 'vocabulary');
	const without = readdirSync(directory)
		.filter(file => file.endsWith('.yaml'))
		.filter(file => readFileSync(path.join(directory, file), 'utf8').split('\n', 1)[0] !== '# yaml-language-server: $schema=../../schema/vocabulary.schema.json');
	expect(without).toEqual([]);
});

test('every shipped playbook points editors at the schema', () => {
	const directory = path.join(import.meta.dirname, '..', '..', 'playbooks');
	const without = readdirSync(directory)
		.filter(file => file.endsWith('.yaml'))
		.filter(file => readFileSync(path.join(directory, file), 'utf8').split('\n', 1)[0] !== '# yaml-language-server: $schema=../schema/playbook.schema.json');
	expect(without).toEqual([]);
});
