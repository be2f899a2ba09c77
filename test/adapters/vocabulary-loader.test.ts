import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {loadKnowledgeBase} from '../../source/adapters/knowledge-base.js';
import {loadVocabulary} from '../../source/adapters/vocabulary-loader.js';
import {formatDiagnostic} from '../../source/core/diagnostic.js';
import {lintVocabulary} from '../../source/core/lint-vocabulary.js';
import {search} from '../../source/core/search/search.js';
import {buildVocabulary} from '../../source/core/search/vocabulary.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const scratch = useScratchDirectory('unblock-vocabulary-');
const header = '# yaml-language-server: $schema=../../schema/vocabulary.schema.json\n';

async function load(files: Record<string, string>) {
	const playbooks = scratch.directoryWith(`case-${Math.random().toString(36).slice(2)}`, {});
	scratch.directoryWith(path.relative(scratch.root(), path.join(playbooks, 'vocabulary')), files);
	const result = await loadVocabulary({cwd: scratch.root(), directories: [playbooks], withoutShipped: true});
	return {ids: result.vocabulary.concepts.map(concept => concept.id), messages: result.diagnostics.map(diagnostic => formatDiagnostic(diagnostic)), playbooks};
}

describe('loadVocabulary', () => {
	test('reads the concepts of every file beside the playbooks', async () => {
		const {ids, messages} = await load({
			'a.yaml': `${header}concepts:\n  - id: port-busy\n    meaning: held\n    phrasings: [port is busy, port is taken]\n`,
			'b.yml': 'concepts:\n  - id: vm-slow\n    meaning: slow\n    phrasings: [slow vm, sluggish vm]\n',
		});
		expect(messages).toEqual([]);
		expect(ids).toEqual(['port-busy', 'vm-slow']);
	});

	test('reports a broken file with its line and field and keeps the others', async () => {
		const {ids, messages} = await load({
			'a.yaml': 'concepts:\n  - id: port-busy\n    meaning: held\n    phrasings: [port is busy, port is taken]\n',
			'broken.yaml': 'concepts:\n  - id: Not Kebab\n    meaning: x\n    phrasings: [a b c, d e f]\n',
			'empty-phrase.yaml': 'concepts:\n  - id: nothing\n    meaning: x\n    phrasings: [port is busy now, "?!"]\n',
			'syntax.yaml': 'concepts: [\n',
			'denied-language.yaml': 'concepts:\n  - id: elixir\n    role: ecosystem\n    meaning: x\n    phrasings: [elixir, mix.exs]\n    opposites: [not elixir]\n',
		});
		expect(ids).toEqual(['port-busy']);
		expect(messages.map(message => message.replace(/^.*vocabulary\//, ''))).toEqual([
			'broken.yaml:2: concepts[0].id: use lowercase words joined by hyphens',
			expect.stringMatching(/^denied-language\.yaml:\d+: concepts\[0\]\.opposites: an ecosystem names a language and has no opposites; remove them$/),
			'empty-phrase.yaml:4: concepts[0].phrasings[1]: holds no word; write the phrase as people write it',
			expect.stringMatching(/^syntax\.yaml:\d+: YAML syntax: /),
		]);
	});

	test('refuses a concept whose id another file took, naming both', async () => {
		const {ids, messages} = await load({
			'a.yaml': 'concepts:\n  - id: port-busy\n    meaning: held\n    phrasings: [port is busy, port is taken]\n',
			'b.yaml': 'concepts:\n  - id: port-busy\n    meaning: again\n    phrasings: [port in use, port occupied]\n',
		});
		expect(ids).toEqual(['port-busy']);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatch(/b\.yaml: concepts\[0\]\.id: duplicate concept "port-busy", already defined in .*a\.yaml; rename one of them$/);
	});
});

describe('a team vocabulary beside its playbooks', () => {
	test('extends the shipped one: its phrasing finds the shipped playbook', async () => {
		const {playbooks} = await load({
			'team.yaml': 'concepts:\n  - id: team-jargon\n    meaning: our word for a port clash\n    phrasings: [the port dance, port is already allocated]\n',
		});
		const base = await loadKnowledgeBase({cwd: scratch.root(), playbookDirectories: [playbooks]});
		expect(base.vocabulary.concepts.some(concept => concept.id === 'team-jargon')).toBe(true);
		const [best] = search(base.index, 'redis does the port dance again');
		expect(best?.cause).toBe('host-port-conflict');
		expect(best?.why[0]).toContain('"the port dance"');
	});
});

describe('lintVocabulary', () => {
	test('reports a phrasing two concepts claim, and a concept no entry uses', async () => {
		const {playbooks} = await load({
			'team.yaml': [
				'concepts:',
				'  - id: port-clash',
				'    meaning: two things want a port',
				'    phrasings: [port clash, port is already allocated]',
				'    opposites: [port is free, port clashes]',
				'  - id: never-used',
				'    meaning: nobody writes this',
				'    phrasings: [zorbled the quux, quux zorbling]',
				'  - id: zorb-lang',
				'    role: ecosystem',
				'    meaning: a language no playbook needs to hold, and whose phrasings may be a concept\'s',
				'    phrasings: [zorblang, port clash]',
				'',
			].join('\n'),
		});
		const base = await loadKnowledgeBase({cwd: scratch.root(), playbookDirectories: [playbooks]});
		const messages = lintVocabulary(base.index).map(diagnostic => `${diagnostic.severity}: ${formatDiagnostic(diagnostic).replace(/^.*vocabulary\//, '')}`);
		expect(messages).toEqual([
			'error: team.yaml: concepts[0].phrasings[1]: "port is already allocated" is also a phrasing of port-taken; a phrasing means one concept',
			'warning: team.yaml: concepts[1]: no playbook or note uses any phrasing of never-used, so it cannot bring a query and a playbook together; add a symptom that uses one',
			'error: team.yaml: concepts[0].opposites[1]: "port clashes" is also a phrasing of port-clash; a phrase cannot both say a concept and deny it',
		]);
	});

	test('the shipped vocabulary, from the build\'s digest, is the vocabulary its concepts build', async () => {
		const {vocabulary, allFromBuild} = await loadVocabulary({cwd: scratch.root()});
		expect(allFromBuild).toBe(true);
		const built = buildVocabulary(vocabulary.concepts);
		expect(vocabulary.fingerprint).toBe(built.fingerprint);
		const words = vocabulary.concepts.flatMap(concept => concept.phrasings.flatMap(phrasing => phrasing.split(/\W+/))).concat(['postgres', 'zzzzzz', 'ab', 'restarting']);
		expect(words.filter(word => vocabulary.mayStem(word) !== built.mayStem(word))).toEqual([]);
	});

	test('the shipped vocabulary beside a team\'s, its compiled forms from the build\'s cache, finds what compiling every concept again finds', async () => {
		const playbooks = scratch.directoryWith('with-team-vocabulary', {});
		scratch.directoryWith(path.relative(scratch.root(), path.join(playbooks, 'vocabulary')), {'team.yaml': 'concepts:\n  - id: vm-slow\n    meaning: slow\n    phrasings: [slow vm, sluggish vm]\n'});
		const {vocabulary, allFromBuild} = await loadVocabulary({cwd: scratch.root(), directories: [playbooks]});
		expect(allFromBuild).toBe(false);
		expect(vocabulary.concepts.at(-1)?.id).toBe('vm-slow');
		const again = buildVocabulary(vocabulary.concepts.map(({compiled: _compiled, compiledOpposites: _opposites, ...concept}) => concept));
		expect([...vocabulary.byFirstStem.entries()]).toEqual([...again.byFirstStem.entries()]);
		expect([...vocabulary.oppositesByFirstStem.entries()]).toEqual([...again.oppositesByFirstStem.entries()]);
		expect([...vocabulary.ecosystemsByFirstStem.entries()]).toEqual([...again.ecosystemsByFirstStem.entries()]);
		expect(vocabulary.concepts.filter(concept => concept.compiled !== undefined).length).toBe(vocabulary.concepts.length - 1);
	});

	test('the shipped vocabulary is clean', async () => {
		const base = await loadKnowledgeBase({cwd: scratch.root()});
		expect(lintVocabulary(base.index)).toEqual([]);
	});
});
