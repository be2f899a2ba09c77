import {readFileSync} from 'node:fs';
import path from 'node:path';
import {parse} from 'yaml';
import {beforeAll, describe, expect, test} from 'vitest';
import {loadKnowledgeBase, type KnowledgeBase} from '../../../source/adapters/knowledge-base.js';
import type {Playbook} from '../../../source/core/playbook-schema.js';
import {causes} from '../../../source/core/causes.js';
import {playbookSearchData, rememberPlaybookSearchData} from '../../../source/core/search/search-documents.js';
import {rememberPlaybookLiterals} from '../../../source/core/search/signature-literals.js';
import {buildSearchIndex, search} from '../../../source/core/search/search.js';

const root = path.join(import.meta.dirname, '..', '..', '..');
const queries = (parse(readFileSync(path.join(root, 'test', 'benchmark', 'search-queries.yaml'), 'utf8')) as Array<{query: string}>).map(entry => entry.query);

/** A playbook as a cache hands it back: the same data, new objects. */
function copied(playbook: Playbook): Playbook {
	return JSON.parse(JSON.stringify(playbook)) as Playbook;
}

describe('precomputed search data', () => {
	let base: KnowledgeBase;
	beforeAll(async () => {
		base = await loadKnowledgeBase({cwd: root});
	});

	const neighbours = () => new Set([...causes.map(cause => cause.slug), ...base.playbooks.map(playbook => playbook.id)]);

	test('ranks exactly as working it out at start-up does, after a trip through JSON', () => {
		const playbooks = base.playbooks.map(playbook => {
			const data = JSON.parse(JSON.stringify(playbookSearchData(copied(playbook), base.vocabulary, neighbours()))) as ReturnType<typeof playbookSearchData>;
			const copy = copied(playbook);
			rememberPlaybookSearchData(copy, data);
			return copy;
		});
		const fresh = buildSearchIndex(base.playbooks.map(playbook => copied(playbook)), base.notes, base.vocabulary);
		const remembered = buildSearchIndex(playbooks, base.notes, base.vocabulary);
		const ranked = (index: typeof fresh) => queries.map(query => search(index, query).map(result => `${result.id} ${result.score} ${result.why.join(' | ')}`));
		expect(ranked(remembered)).toEqual(ranked(fresh));
	});

});

describe('remembered signature literals', () => {
	const neverInAnyLog = {groups: [['never in any log']], ignoreCase: true};
	let playbook: Playbook;
	beforeAll(async () => {
		const base = await loadKnowledgeBase({cwd: root});
		playbook = base.playbooks.find(candidate => candidate.id === 'healthcheck-tool-missing')!;
	});

	test('are what search uses: a remembered literal decides whether a signature is tried', () => {
		const copy = copied(playbook);
		rememberPlaybookLiterals(copy, copy.signatures.map(() => neverInAnyLog));
		const [best] = search(buildSearchIndex([copy]), 'OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in $PATH: unknown');
		expect(best?.why[0]).not.toMatch(/^signature/);
	});

	test('are ignored when they do not fit the playbook', () => {
		const copy = copied(playbook);
		rememberPlaybookLiterals(copy, [...copy.signatures.map(() => neverInAnyLog), null]);
		const [best] = search(buildSearchIndex([copy]), 'exec: "curl": executable file not found in $PATH');
		expect(best?.why[0]).toMatch(/^signature /);
	});
});
