import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadKnowledgeBase, type KnowledgeBase} from '../../../source/adapters/knowledge-base.js';
import {prebuiltIndexFrom, shippedPrefilter, storedIndexBytes} from '../../../source/adapters/shipped-search-index.js';
import {PatternPrefilter} from '../../../source/core/search/pattern-prefilter.js';
import {playbookLiterals} from '../../../source/core/search/signature-literals.js';
import {prebuiltIndexOf, searchIndexFrom, type PrebuiltIndex} from '../../../source/core/search/prebuilt-index.js';
import {buildSearchIndex, search, type SearchIndex} from '../../../source/core/search/search.js';

const root = path.join(import.meta.dirname, '..', '..', '..');
const queries = (parse(readFileSync(path.join(root, 'test', 'benchmark', 'search-queries.yaml'), 'utf8')) as Array<{query: string}>).map(entry => entry.query);

describe('the prebuilt index', () => {
	let base: KnowledgeBase;
	let stored: PrebuiltIndex;
	beforeAll(async () => {
		base = await loadKnowledgeBase({cwd: root});
		stored = asStored(prebuiltIndexOf(base.index));
	});

	const ranked = (index: SearchIndex) => queries.map(query => search(index, query).map(result => `${result.id} ${result.score} ${result.why.join(' | ')} ${result.also.map(variant => variant.id).join(',')}`));

	test('ranks exactly as the index built from the playbooks and notes', () => {
		const prebuilt = searchIndexFrom(stored, base.playbooks, base.notes, base.vocabulary);
		expect(prebuilt.passages).toBe(stored.passages);
		expect(ranked(prebuilt)).toEqual(ranked(buildSearchIndex(base.playbooks, base.notes, base.vocabulary)));
	});

	test('of the playbooks alone (what diagnose ranks against) ranks findings exactly as one built anew', () => {
		const built = buildSearchIndex(base.playbooks, [], base.vocabulary);
		const storedPlaybooks = asStored(prebuiltIndexOf(built));
		const prebuilt = searchIndexFrom(storedPlaybooks, base.playbooks, [], base.vocabulary);
		expect(prebuilt.passages).toBe(storedPlaybooks.passages);
		const findings = (index: SearchIndex) => queries.map(query => search(index, query, {machineText: true}).map(result => `${result.id} ${result.score} ${result.why.join(' | ')}`));
		expect(findings(prebuilt)).toEqual(findings(built));
	});

	test('the build\'s prefilter of the shipped playbooks names the candidates their literals name', () => {
		const shipped = shippedPrefilter();
		expect(shipped?.playbooks).toEqual(base.playbooks.map(playbook => playbook.id));
		const prebuilt = new PatternPrefilter(shipped!.prefilter);
		const built = new PatternPrefilter(base.playbooks.flatMap(playbook => playbookLiterals(playbook)));
		expect(queries.map(query => prebuilt.candidates(query))).toEqual(queries.map(query => built.candidates(query)));
	});

	test('is not used for other entries, or another vocabulary: the index is built anew', () => {
		const fewer = searchIndexFrom(stored, base.playbooks.slice(1), base.notes, base.vocabulary);
		expect(fewer.passages).not.toBe(stored.passages);
		expect(fewer.entries).toHaveLength(base.index.entries.length - 1);
		const otherVocabulary = searchIndexFrom({...stored, vocabulary: 'another'}, base.playbooks, base.notes, base.vocabulary);
		expect(otherVocabulary.passages).not.toBe(stored.passages);
	});
});

/** As the build stores it and a search reads it back: bytes. */
function asStored(index: PrebuiltIndex): PrebuiltIndex {
	return prebuiltIndexFrom(storedIndexBytes(index, 'build-1'), 'build-1')!;
}
