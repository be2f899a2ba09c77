import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, test} from 'vitest';
import {buildStamp} from '../../source/adapters/build-stamp.js';
import {parseKnowledgeBytes} from '../../source/adapters/knowledge-file-parser.js';
import {loadKnowledge, loadKnowledgeFile} from '../../source/adapters/knowledge-loader.js';
import {linkNotes} from '../../source/core/knowledge/link-notes.js';
import {parsePlaybookText} from '../../source/adapters/playbook-file-parser.js';
import {loadPlaybookFile, loadPlaybooks} from '../../source/adapters/playbook-loader.js';
import {loadVocabulary} from '../../source/adapters/vocabulary-loader.js';
import {noteTerms} from '../../source/core/search/search-documents.js';
import {playbookLiterals} from '../../source/core/search/signature-literals.js';
import type {Playbook} from '../../source/core/playbook-schema.js';
import {shippedKnowledgeDirectory, shippedPlaybooksDirectory} from '../../source/adapters/project-paths.js';
import {laterPartsFile, openShippedDataCache, sourcesFile, writeShippedDataCache} from '../../source/adapters/shipped-data-cache.js';
import {useScratchDirectory} from '../support/scratch-directory.js';

const scratch = useScratchDirectory('unblock-cache-');

describe('a shipped-data cache', () => {
	const write = (name: string, build: string) => {
		const file = path.join(scratch.directoryWith(name, {}), 'cache.json');
		writeShippedDataCache(file, [{name: 'a.yaml', bytes: Buffer.from('first'), value: {title: 'A'}, later: {steps: ['one']}}], build);
		return file;
	};

	test('answers for the bytes the build read, with the part kept for later parsed on demand', () => {
		const entry = openShippedDataCache<{title: string}, {steps: string[]}>(write('hit', 'build-1'), 'build-1').get('a.yaml', Buffer.from('first'));
		expect(entry?.value).toEqual({title: 'A'});
		expect(entry?.later()).toEqual({steps: ['one']});
	});

	test('parses each entry\'s later part on its own: one entry\'s is read while another\'s is broken', () => {
		const file = path.join(scratch.directoryWith('apart', {}), 'cache.json');
		writeShippedDataCache(file, [
			{name: 'a.yaml', bytes: Buffer.from('first'), value: {title: 'A'}, later: {steps: ['one']}},
			{name: 'b.yaml', bytes: Buffer.from('second'), value: {title: 'B'}, later: {steps: ['two']}},
			{name: 'c.yaml', bytes: Buffer.from('third'), value: {title: 'C'}},
		], 'build-1');
		const later = laterPartsFile(file, 'build-1');
		writeFileSync(later, readFileSync(later, 'utf8').replace('{"steps":["two"]}', '{"steps":["two"}}'));
		const cache = openShippedDataCache<{title: string}, {steps: string[]}>(file, 'build-1');
		expect(cache.get('a.yaml', Buffer.from('first'))?.later()).toEqual({steps: ['one']});
		expect(cache.get('c.yaml', Buffer.from('third'))?.later()).toBeUndefined();
		expect(() => cache.get('b.yaml', Buffer.from('second'))?.later()).toThrow(SyntaxError);
	});

	test('is empty when its later parts\' file is missing or not the one it was written with', () => {
		const grown = write('later-grown', 'build-1');
		writeFileSync(laterPartsFile(grown, 'build-1'), `${readFileSync(laterPartsFile(grown, 'build-1'), 'utf8')} `);
		expect(openShippedDataCache(grown, 'build-1').get('a.yaml', Buffer.from('first'))).toBeUndefined();
		const gone = write('later-gone', 'build-1');
		rmSync(laterPartsFile(gone, 'build-1'));
		expect(openShippedDataCache(gone, 'build-1').get('a.yaml', Buffer.from('first'))).toBeUndefined();
	});

	test('misses for changed bytes, another file name, or code from another build', () => {
		const file = write('miss', 'build-1');
		expect(openShippedDataCache(file, 'build-1').get('a.yaml', Buffer.from('first!'))).toBeUndefined();
		expect(openShippedDataCache(file, 'build-1').get('a.yaml', Buffer.from('First'))).toBeUndefined();
		expect(openShippedDataCache(file, 'build-1').get('a.yaml', Buffer.from('firs'))).toBeUndefined();
		expect(openShippedDataCache(file, 'build-1').get('b.yaml', Buffer.from('first'))).toBeUndefined();
		expect(openShippedDataCache(file, 'build-2').get('a.yaml', Buffer.from('first'))).toBeUndefined();
		expect(openShippedDataCache(file, undefined).get('a.yaml', Buffer.from('first'))).toBeUndefined();
	});

	test('misses when the copy of the bytes the build read is gone or not the one it wrote', () => {
		const changed = write('sources-changed', 'build-1');
		writeFileSync(sourcesFile(changed, 'build-1'), 'first, then more');
		expect(openShippedDataCache(changed, 'build-1').get('a.yaml', Buffer.from('first'))).toBeUndefined();
		const gone = write('sources-gone', 'build-1');
		rmSync(sourcesFile(gone, 'build-1'));
		expect(openShippedDataCache(gone, 'build-1').get('a.yaml', Buffer.from('first'))).toBeUndefined();
	});

	test('is empty when the file is missing or not a cache', () => {
		const directory = scratch.directoryWith('broken', {'cache.json': '{"build": "build-1", "files": '});
		expect(openShippedDataCache(path.join(directory, 'cache.json'), 'build-1').get('a.yaml', Buffer.from('first'))).toBeUndefined();
		expect(openShippedDataCache(path.join(directory, 'none.json'), 'build-1').get('a.yaml', Buffer.from('first'))).toBeUndefined();
	});
});

// `npm test` builds first; the build writes dist/cache/ with the identity these sources have too.
describe('the build\'s caches of the shipped files', () => {
	const fileName = 'healthcheck-tool-missing.yaml';
	const shippedFile = path.join(shippedPlaybooksDirectory, fileName);
	const fromCache = (playbook: object | undefined) => Object.getOwnPropertyDescriptor(playbook, 'steps')?.get !== undefined;
	const laterParts = (playbook: Playbook | undefined) => ['summary', 'symptoms', 'tags', 'seenIn', 'steps'].filter(field => Object.getOwnPropertyDescriptor(playbook, field)?.get)
		.concat(playbook?.signatures.every(signature => Object.getOwnPropertyDescriptor(signature, 'examples')?.get) ? ['examples'] : []);

	test('run from source, these tests have the identity of the build of the same source', () => {
		expect(buildStamp).toMatch(/^[\w-]{22}$/);
	});

	test('a shipped playbook comes from the cache, equal to what parsing its file gives, details included', async () => {
		const text = readFileSync(shippedFile, 'utf8');
		const {playbook} = await loadPlaybookFile(shippedFile, 'shipped', scratch.root());
		expect(fromCache(playbook)).toBe(true);
		// What a search never reads is parsed when first asked for.
		expect(laterParts(playbook)).toEqual(['summary', 'symptoms', 'tags', 'seenIn', 'steps', 'examples']);
		const parsed = parsePlaybookText(text, {file: shippedFile, shown: fileName, source: 'shipped'}).playbook!;
		expect(playbook).toEqual(parsed);
		// The signatures' literals too, which the cache keeps as text until a prefilter is built.
		expect(playbookLiterals(playbook!)).toEqual(playbookLiterals(parsed));
		expect(playbookLiterals(parsed).some(literals => literals !== undefined)).toBe(true);
	});

	test('every shipped playbook is in the cache', async () => {
		const {playbooks} = await loadPlaybooks({cwd: scratch.root()});
		expect(playbooks.filter(playbook => !fromCache(playbook)).map(playbook => playbook.id)).toEqual([]);
	});

	test('a shipped playbook edited since the build is parsed from its new text', async () => {
		const edited = readFileSync(shippedFile, 'utf8').replace(/^title: .*$/m, 'title: Edited after the build');
		const file = path.join(scratch.directoryWith('edited', {[fileName]: edited}), fileName);
		const {playbook} = await loadPlaybookFile(file, 'shipped', scratch.root());
		expect(fromCache(playbook)).toBe(false);
		expect(playbook?.title).toBe('Edited after the build');
	});

	test('a team\'s copy of a shipped playbook, byte for byte, is parsed, never taken from the cache', async () => {
		const file = path.join(scratch.directoryWith('team', {[fileName]: readFileSync(shippedFile)}), fileName);
		const {playbook} = await loadPlaybookFile(file, 'team', scratch.root());
		expect(playbook?.id).toBe('healthcheck-tool-missing');
		expect(fromCache(playbook)).toBe(false);
	});

	test('a shipped blocker log comes from the cache with its search terms, the same notes as parsing it, shown where it is read from', async () => {
		const name = 'localstack-blockers.md';
		const file = path.join(shippedKnowledgeDirectory, name);
		const result = await loadKnowledgeFile(file, 'elsewhere/localstack-blockers.md', name);
		expect(result.terms?.()).toHaveLength(result.notes.length);
		expect(result.notes.length).toBeGreaterThan(0);
		expect({notes: result.notes, diagnostics: result.diagnostics}).toEqual(parseKnowledgeBytes(readFileSync(file), 'elsewhere/localstack-blockers.md', file));
	});

	test('each shipped note\'s search terms from the cache are the ones its own text gives', async () => {
		const {playbooks} = await loadPlaybooks({cwd: scratch.root()});
		const {vocabulary} = await loadVocabulary({cwd: scratch.root()});
		const {notes, allFromBuild} = await loadKnowledge({cwd: scratch.root(), playbooks, playbooksFromBuild: true});
		expect(allFromBuild).toBe(true);
		// A copy of a note is another object, which no cache entry is remembered for: its terms are counted anew.
		expect(notes.map(note => noteTerms(note, vocabulary))).toEqual(notes.map(note => noteTerms({...note}, vocabulary)));
	});

	test('the shipped notes are linked as the build linked them, the same links linking them now gives', async () => {
		const {playbooks} = await loadPlaybooks({cwd: scratch.root()});
		const fromBuild = await loadKnowledge({cwd: scratch.root(), playbooks, playbooksFromBuild: true});
		expect(fromBuild.allFromBuild).toBe(true);
		const linkedNow = linkNotes((await loadKnowledge({cwd: scratch.root()})).notes, playbooks);
		expect(fromBuild.notes).toEqual(linkedNow);
		expect(fromBuild.notes.filter(note => note.playbook).length).toBeGreaterThan(0);
	});

	test('the build\'s links are not used when one of their playbooks is gone', async () => {
		const {playbooks} = await loadPlaybooks({cwd: scratch.root()});
		const linked = (await loadKnowledge({cwd: scratch.root(), playbooks, playbooksFromBuild: true})).notes.find(note => note.linkedBy === 'signature');
		const without = playbooks.filter(playbook => playbook.id !== linked?.playbook);
		const notes = (await loadKnowledge({cwd: scratch.root(), playbooks: without, playbooksFromBuild: true})).notes;
		expect(notes.find(note => note.id === linked?.id)?.playbook).not.toBe(linked?.playbook);
	});

	test('a shipped blocker log edited since the build is parsed again', async () => {
		const name = 'localstack-blockers.md';
		const edited = readFileSync(path.join(shippedKnowledgeDirectory, name), 'utf8').replace('### LocalStack Windows/WSL2 Volume Permission Issue', '### Renamed after the build');
		const file = path.join(scratch.directoryWith('knowledge', {[name]: edited}), name);
		const result = await loadKnowledgeFile(file, name, name);
		expect(result.terms).toBeUndefined();
		expect(result.notes.map(note => note.title)).toEqual(['Renamed after the build']);
	});
});
