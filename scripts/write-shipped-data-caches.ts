import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {parseKnowledgeBytes} from '../source/adapters/knowledge-file-parser.js';
import {knowledgeCacheFile, noteLinksCacheFile, noteLinksKey, noteLinksName, shippedName, type CachedKnowledge, type ShippedNoteLinks} from '../source/adapters/knowledge-loader.js';
import {parsePlaybookText} from '../source/adapters/playbook-file-parser.js';
import {playbookCacheFile, splitPlaybookDetails, type CachedPlaybook, type CachedPlaybookLater} from '../source/adapters/playbook-loader.js';
import {shippedKnowledgeDirectory, shippedPlaybooksDirectory} from '../source/adapters/project-paths.js';
import {buildStamp} from '../source/adapters/build-stamp.js';
import {writeShippedDataCache, writeShippedFile, type ShippedDataEntry} from '../source/adapters/shipped-data-cache.js';
import {parseVocabularyText} from '../source/adapters/vocabulary-file-parser.js';
import {vocabularyCacheFile, vocabularyDigestCacheFile, vocabularyDigestKey, vocabularyDigestName, vocabularyDirectoryName, type CompiledForms} from '../source/adapters/vocabulary-loader.js';
import {causes} from '../source/core/causes.js';
import {noteSearchData, playbookSearchData, rememberNoteSearchDataLater, type NoteSearchData} from '../source/core/search/search-documents.js';
import {playbookLiterals} from '../source/core/search/signature-literals.js';
import {prebuiltIndexOf} from '../source/core/search/prebuilt-index.js';
import {buildSearchIndex} from '../source/core/search/search.js';
import {linkNotes} from '../source/core/knowledge/link-notes.js';
import {patternPrefilterCacheFile, playbookIndexCacheFile, searchIndexCacheFile, shippedIndexKey, shippedIndexName, storedIndexBytes, storedPrefilterOf} from '../source/adapters/shipped-search-index.js';
import {PatternPrefilter} from '../source/core/search/pattern-prefilter.js';
import {buildVocabulary, compileVocabulary, vocabularyDigestOf, type Concept} from '../source/core/search/vocabulary.js';

// Part of `npm run build`: parse the shipped playbooks, vocabulary and blocker logs once, with this
// build's code, so that start-up need not (source/adapters/shipped-data-cache.ts). Search data is
// worked out with the shipped vocabulary; a team's vocabulary makes start-up work it out again.

function shippedFiles(directory: string, pattern: RegExp): Array<{file: string; bytes: Buffer}> {
	return readdirSync(directory, {recursive: true, encoding: 'utf8'})
		.filter(name => pattern.test(name))
		.sort()
		.map(name => path.join(directory, name))
		.map(file => ({file, bytes: readFileSync(file)}));
}

// The concepts as they are; their compiled forms for later (a team's vocabulary beside them needs them).
const vocabularyFiles = shippedFiles(path.join(shippedPlaybooksDirectory, vocabularyDirectoryName), /^[^/\\]+\.ya?ml$/i).flatMap(({file, bytes}): Array<ShippedDataEntry<readonly Concept[], readonly CompiledForms[]>> => {
	const name = path.basename(file);
	const {concepts, diagnostics} = parseVocabularyText(bytes.toString('utf8'), name);
	return diagnostics.length > 0 ? [] : [{name, bytes, value: concepts, later: compileVocabulary(concepts).map(({compiled, compiledOpposites}) => ({compiled, ...(compiledOpposites ? {compiledOpposites} : {})}))}];
});
const vocabulary = buildVocabulary(vocabularyFiles.flatMap(({value, later}) => value.map((concept, position) => ({...concept, ...later![position]}))));

const parsedPlaybooks = shippedFiles(shippedPlaybooksDirectory, /^[^/\\]+\.ya?ml$/i).flatMap(({file, bytes}) => {
	const {playbook} = parsePlaybookText(bytes.toString('utf8'), {file, shown: path.basename(file), source: 'shipped'});
	// One that does not parse is left to the loader, which reports it where it is used; `unblock lint` and the tests fail on it.
	return playbook ? [{file, bytes, playbook}] : [];
});
const neighbours = new Set([...causes.map(cause => cause.slug), ...parsedPlaybooks.map(({playbook}) => playbook.id)]);
const playbooks = parsedPlaybooks.map(({file, bytes, playbook}): ShippedDataEntry<CachedPlaybook, CachedPlaybookLater> => {
	const {origin: _origin, ...parsed} = playbook;
	const {data, details} = splitPlaybookDetails(parsed);
	const {terms, concepts} = playbookSearchData(playbook, vocabulary, neighbours);
	// The parser worked the literals out as it read the playbook.
	const literals = JSON.stringify(playbookLiterals(playbook).map(literal => literal ?? null));
	return {name: path.basename(file), bytes, value: {data, literals}, later: {...details, search: {terms, concepts}}};
});

const knowledge = shippedFiles(shippedKnowledgeDirectory, /\.(md|markdown|mdx|txt|text)$/i).map(({file, bytes}): ShippedDataEntry<CachedKnowledge, NoteSearchData[]> => {
	const name = shippedName(file);
	const {notes, diagnostics} = parseKnowledgeBytes(bytes, `knowledge/${name}`, file);
	return {name, bytes, value: {notes, diagnostics}, later: notes.map(note => noteSearchData(note, vocabulary))};
});

// The index of all of it, as a search that finds nothing else to load uses it.
const shippedNotes = knowledge.flatMap(({value, name}) => value.notes.map(note => ({...note, file: `knowledge/${name}`})));
const linkedNotes = linkNotes(shippedNotes, parsedPlaybooks.map(({playbook}) => playbook));
const shippedTerms = knowledge.flatMap(({later}) => later ?? []);
for (const [position, note] of linkedNotes.entries()) {
	rememberNoteSearchDataLater(note, () => shippedTerms[position]);
}

const index = buildSearchIndex(parsedPlaybooks.map(({playbook}) => playbook), linkedNotes, vocabulary);
writeShippedFile(searchIndexCacheFile, storedIndexBytes(prebuiltIndexOf(index), buildStamp!));
const playbookIndex = buildSearchIndex(parsedPlaybooks.map(({playbook}) => playbook), [], vocabulary);
writeShippedFile(playbookIndexCacheFile, storedIndexBytes(prebuiltIndexOf(playbookIndex), buildStamp!));
const prefilter = new PatternPrefilter(parsedPlaybooks.flatMap(({playbook}) => playbookLiterals(playbook)));
writeShippedDataCache(patternPrefilterCacheFile, [{name: shippedIndexName, bytes: shippedIndexKey, value: storedPrefilterOf({playbooks: parsedPlaybooks.map(({playbook}) => playbook.id), prefilter: prefilter.data()})}]);
writeShippedDataCache(vocabularyCacheFile, vocabularyFiles);
writeShippedDataCache(vocabularyDigestCacheFile, [{name: vocabularyDigestName, bytes: vocabularyDigestKey, value: vocabularyDigestOf(vocabulary)}]);
writeShippedDataCache(playbookCacheFile, playbooks);
writeShippedDataCache(knowledgeCacheFile, knowledge);
const links: ShippedNoteLinks = linkedNotes.map(({id, cause, playbook, linkedBy}) => ({id, ...(cause ? {cause} : {}), ...(playbook ? {playbook} : {}), ...(linkedBy ? {linkedBy} : {})}));
writeShippedDataCache(noteLinksCacheFile, [{name: noteLinksName, bytes: noteLinksKey, value: links}]);
