import {describe, expect, test} from 'vitest';
import {phraseWords} from '../../../source/core/search/phrase-words.js';
import {encodePhrasings} from '../../../source/core/search/encoded-phrasings.js';
import {buildVocabulary, compileVocabulary, findConcepts, findEcosystems, findOpposites, phrasingProblems, vocabularyDigestOf, type Concept, type VocabularyDigest} from '../../../source/core/search/vocabulary.js';

const concepts: Concept[] = [
	{id: 'connection-refused', meaning: 'nothing accepted the connection', role: 'symptom', phrasings: ['connection refused', 'can\'t connect', 'ECONNREFUSED']},
	{id: 'works-inside-not-outside', meaning: 'answers inside only', role: 'symptom', phrasings: ['works inside ... container', 'not from the host']},
	{id: 'restart-loop', meaning: 'restarts over and over', role: 'symptom', phrasings: ['keeps restarting', 'crash loop']},
	{id: 'exits-after-running', meaning: 'ran, then stopped', role: 'symptom', phrasings: ['running then exited']},
];
const vocabulary = buildVocabulary(concepts);
const found = (text: string) => findConcepts(vocabulary, phraseWords(text)).map(match => concepts[match.concept]!.id);

describe('findConcepts', () => {
	test.each([
		['cannot connect to postgres', ['connection-refused']],
		['I can not connect', ['connection-refused']],
		['connect ECONNREFUSED 127.0.0.1:5432', ['connection-refused']],
		['the connection was refused', []],
		['db keeps restarting: connection refused', ['restart-loop', 'connection-refused']],
		['curl works inside the container but not from the host', ['works-inside-not-outside', 'works-inside-not-outside']],
		['works inside the app container', ['works-inside-not-outside']],
		['works inside of the running app container', []],
		['curl works fine inside the container', []],
		['crashloop', []],
		['status went Running -> Exited after a minute', ['exits-after-running']],
		['running, exited', []],
	])('%j names %j', (text, ids) => {
		expect(found(text)).toEqual(ids);
	});

	test('finds an opposite only where it is written, apart from the phrasings', () => {
		const denying = buildVocabulary([{...concepts[2]!, opposites: ['never restarts', 'no restarts']}]);
		expect(findOpposites(denying, phraseWords('it never restarts, yet it keeps restarting'))).toEqual([{concept: 0, start: 1, end: 3}]);
		expect(findConcepts(denying, phraseWords('it never restarts, yet it keeps restarting'))).toEqual([{concept: 0, start: 5, end: 7}]);
	});

	test('finds an ecosystem apart from the concepts, even in the same words', () => {
		const withLanguages = buildVocabulary([...concepts, {id: 'node', role: 'ecosystem', meaning: 'Node.js', phrasings: ['npm', 'node_modules', 'crash loop']}]);
		const words = phraseWords('npm start is in a crash loop');
		expect(findConcepts(withLanguages, words).map(match => withLanguages.concepts[match.concept]!.id)).toEqual(['restart-loop']);
		expect(findEcosystems(withLanguages, words)).toEqual([{concept: 4, start: 0, end: 1}, {concept: 4, start: 5, end: 7}]);
	});

	test('says where a match stands, in words', () => {
		expect(findConcepts(vocabulary, phraseWords('the db keeps restarting now'))).toEqual([{concept: 2, start: 2, end: 4}]);
	});

	test('matches the same with phrasings compiled ahead, as the build stores them', () => {
		const stored = buildVocabulary(JSON.parse(JSON.stringify(compileVocabulary(concepts))) as Concept[]);
		const text = phraseWords('cannot connect, it keeps restarting, works inside the container');
		expect(findConcepts(stored, text)).toEqual(findConcepts(vocabulary, text));
		expect(stored.fingerprint).toBe(vocabulary.fingerprint);
	});

	test('finds the same opposites with them compiled ahead, and compiles them anew when the stored forms do not fit', () => {
		const denying = [{...concepts[2]!, opposites: ['never restarts', 'no restarts']}];
		const text = phraseWords('it never restarts, yet there are no restarts');
		const expected = findOpposites(buildVocabulary(denying), text);
		expect(expected).toHaveLength(2);
		expect(findOpposites(buildVocabulary(JSON.parse(JSON.stringify(compileVocabulary(denying))) as Concept[]), text)).toEqual(expected);
		const misfit = compileVocabulary(denying).map(concept => ({...concept, compiledOpposites: concept.compiledOpposites!.slice(1)}));
		expect(findOpposites(buildVocabulary(misfit), text)).toEqual(expected);
	});

	test('a different vocabulary has a different fingerprint', () => {
		expect(buildVocabulary(concepts.slice(1)).fingerprint).not.toBe(vocabulary.fingerprint);
	});
});

describe('phrasingProblems', () => {
	test('refuses a phrasing with no word, or none of three letters', () => {
		expect(phrasingProblems([{id: 'x', meaning: 'x', role: 'symptom', phrasings: ['?!', 'is 1', 'port is 80'], opposites: ['port is open', 'is 2']}]).map(problem => [problem.field, problem.index, problem.message.split(';')[0]])).toEqual([
			['phrasings', 0, 'holds no word'],
			['phrasings', 1, 'has no word of three or more letters or digits, so it would match almost anything'],
			['opposites', 1, 'has no word of three or more letters or digits, so it would match almost anything'],
		]);
	});
});

describe('a vocabulary digest', () => {
	const digest = vocabularyDigestOf(vocabulary);

	test('of the same concepts builds the same vocabulary', () => {
		const fromDigest = buildVocabulary(concepts, digest);
		expect(fromDigest.fingerprint).toBe(vocabulary.fingerprint);
		expect(['connection', 'restarting', 'inside', 'postgres', 'host', 'ab'].map(word => fromDigest.mayStem(word))).toEqual(['connection', 'restarting', 'inside', 'postgres', 'host', 'ab'].map(word => vocabulary.mayStem(word)));
	});

	test('keeps the words of opposites stemmed, so a denial is still found', () => {
		const denying = [{...concepts[2]!, opposites: ['zero restarts']}];
		const fromDigest = buildVocabulary(denying, vocabularyDigestOf(buildVocabulary(denying)));
		expect(fromDigest.mayStem('zeroes')).toBe(true);
		expect(findOpposites(fromDigest, phraseWords('it shows zero restarts'))).toEqual([{concept: 0, start: 2, end: 4}]);
	});

	test('as stored (JSON), finds what the built vocabulary finds, without the concepts\' compiled forms', () => {
		const denying: Concept[] = [...concepts, {id: 'published', meaning: 'the port is published', role: 'context', phrasings: ['port is published'], opposites: ['port ... not published']}, {id: 'node', role: 'ecosystem', meaning: 'Node.js', phrasings: ['npm', 'node_modules']}];
		const built = buildVocabulary(denying);
		const stored = JSON.parse(JSON.stringify(vocabularyDigestOf(built))) as VocabularyDigest;
		const fromDigest = buildVocabulary(denying.map(({compiled: _compiled, compiledOpposites: _opposites, ...concept}) => concept), stored);
		for (const text of ['db keeps restarting: connection refused', 'curl works inside the container but not from the host', 'the port is not published, npm start fails', 'running then exited with ECONNREFUSED', 'nothing here']) {
			const words = phraseWords(text);
			expect(findConcepts(fromDigest, words)).toEqual(findConcepts(built, words));
			expect(findOpposites(fromDigest, words)).toEqual(findOpposites(built, words));
			expect(findEcosystems(fromDigest, words)).toEqual(findEcosystems(built, words));
		}

		expect([...fromDigest.byFirstStem.entries()]).toEqual([...built.byFirstStem.entries()]);
		expect(fromDigest.oppositesByFirstStem.size).toBe(built.oppositesByFirstStem.size);
	});

	test('of other concepts is not used', () => {
		const others = [...concepts.slice(0, 2), {...concepts[2]!, id: 'another-loop'}];
		expect(buildVocabulary(others, digest).fingerprint).toBe(buildVocabulary(others).fingerprint);
		expect(buildVocabulary(concepts.slice(1), digest).fingerprint).toBe(buildVocabulary(concepts.slice(1)).fingerprint);
		expect(buildVocabulary(others).fingerprint).not.toBe(vocabulary.fingerprint);
	});
});

describe('encoded phrasings', () => {
	test('refuse a stem they could not read back', () => {
		for (const stem of ['two words', 'a:b', 'a;b', '~tilde', '']) {
			expect(() => encodePhrasings(new Map([[stem, [{concept: 0, stems: [stem], gapBefore: [false]}]]]))).toThrow('cannot be stored encoded');
		}
	});
});
