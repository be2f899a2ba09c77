import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {knowledgeCacheFile, parseKnowledgeBytes, shippedName, type CachedKnowledge} from '../source/adapters/knowledge-loader.js';
import {parsePlaybookText} from '../source/adapters/playbook-file-parser.js';
import {playbookCacheFile, splitPlaybookDetails, type CachedPlaybook, type PlaybookDetails} from '../source/adapters/playbook-loader.js';
import {shippedKnowledgeDirectory, shippedPlaybooksDirectory} from '../source/adapters/project-paths.js';
import {writeShippedDataCache, type ShippedDataEntry} from '../source/adapters/shipped-data-cache.js';
import {parseVocabularyText} from '../source/adapters/vocabulary-file-parser.js';
import {vocabularyCacheFile, vocabularyDirectoryName} from '../source/adapters/vocabulary-loader.js';
import {causes} from '../source/core/causes.js';
import {noteSearchData, playbookSearchData} from '../source/core/search/search-documents.js';
import {buildVocabulary, compileVocabulary, type Concept} from '../source/core/search/vocabulary.js';

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

const vocabularyFiles = shippedFiles(path.join(shippedPlaybooksDirectory, vocabularyDirectoryName), /^[^/\\]+\.ya?ml$/i).flatMap(({file, bytes}): Array<ShippedDataEntry<readonly Concept[]>> => {
	const name = path.basename(file);
	const {concepts, diagnostics} = parseVocabularyText(bytes.toString('utf8'), name);
	return diagnostics.length > 0 ? [] : [{name, bytes, value: compileVocabulary(concepts)}];
});
const vocabulary = buildVocabulary(vocabularyFiles.flatMap(({value}) => value));

const parsedPlaybooks = shippedFiles(shippedPlaybooksDirectory, /^[^/\\]+\.ya?ml$/i).flatMap(({file, bytes}) => {
	const {playbook} = parsePlaybookText(bytes.toString('utf8'), {file, shown: path.basename(file), source: 'shipped'});
	// One that does not parse is left to the loader, which reports it where it is used; `unblock lint` and the tests fail on it.
	return playbook ? [{file, bytes, playbook}] : [];
});
const neighbours = new Set([...causes.map(cause => cause.slug), ...parsedPlaybooks.map(({playbook}) => playbook.id)]);
const playbooks = parsedPlaybooks.map(({file, bytes, playbook}): ShippedDataEntry<CachedPlaybook, PlaybookDetails> => {
	const {origin: _origin, ...parsed} = playbook;
	const {data, details} = splitPlaybookDetails(parsed);
	return {name: path.basename(file), bytes, value: {data, search: playbookSearchData(playbook, vocabulary, neighbours)}, later: details};
});

const knowledge = shippedFiles(shippedKnowledgeDirectory, /\.(md|markdown|mdx|txt|text)$/i).map(({file, bytes}): ShippedDataEntry<CachedKnowledge> => {
	const name = shippedName(file);
	const {notes, diagnostics} = parseKnowledgeBytes(bytes, `knowledge/${name}`, file);
	return {name, bytes, value: {notes, diagnostics, terms: notes.map(note => noteSearchData(note, vocabulary))}};
});

writeShippedDataCache(vocabularyCacheFile, vocabularyFiles);
writeShippedDataCache(playbookCacheFile, playbooks);
writeShippedDataCache(knowledgeCacheFile, knowledge);
