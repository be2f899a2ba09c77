import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {parsePlaybookText} from '../adapters/playbook-file-parser.js';
import {writePlaybookCache} from '../adapters/playbook-cache.js';
import {shippedPlaybooksDirectory} from '../adapters/project-paths.js';
import {parseVocabularyText} from '../adapters/vocabulary-file-parser.js';
import {vocabularyDirectoryName} from '../adapters/vocabulary-loader.js';
import {causes} from '../core/causes.js';
import {playbookSearchData} from '../core/search/search-documents.js';
import {buildVocabulary, compileVocabulary} from '../core/search/vocabulary.js';

// Part of `npm run build`: parse and validate the shipped playbooks and vocabulary once, and work
// out their search data, so start-up need not. A file that does not load is left out (start-up
// then reads it and reports why).
const yamlNames = (directory: string) => readdirSync(directory, {withFileTypes: true})
	.filter(entry => entry.isFile() && /\.ya?ml$/i.test(entry.name))
	.map(entry => entry.name)
	.sort();

const vocabularyDirectory = path.join(shippedPlaybooksDirectory, vocabularyDirectoryName);
const vocabularyFiles = yamlNames(vocabularyDirectory).flatMap(fileName => {
	const file = path.join(vocabularyDirectory, fileName);
	const {size, mtimeMs} = statSync(file);
	const {concepts, diagnostics} = parseVocabularyText(readFileSync(file, 'utf8'), fileName);
	return diagnostics.length > 0 ? [] : [{fileName, size, mtimeMs, concepts: compileVocabulary(concepts)}];
});
const vocabulary = buildVocabulary(vocabularyFiles.flatMap(({fileName, concepts}) => concepts.map(concept => ({...concept, file: fileName}))));

const playbooks = yamlNames(shippedPlaybooksDirectory).flatMap(fileName => {
	const file = path.join(shippedPlaybooksDirectory, fileName);
	const {size, mtimeMs} = statSync(file);
	const {playbook} = parsePlaybookText(readFileSync(file, 'utf8'), {file, shown: fileName, source: 'shipped'});
	return playbook ? [{fileName, size, mtimeMs, playbook}] : [];
});
const neighbours = new Set([...causes.map(cause => cause.slug), ...playbooks.map(({playbook}) => playbook.id)]);

writePlaybookCache(
	playbooks.map(({fileName, size, mtimeMs, playbook}) => {
		const {origin: _origin, ...data} = playbook;
		return {fileName, size, mtimeMs, data, search: playbookSearchData(playbook, vocabulary, neighbours)};
	}),
	vocabularyFiles,
);
