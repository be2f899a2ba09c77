import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {knowledgeCacheFile, parseKnowledgeBytes, shippedName, type CachedKnowledge} from '../source/adapters/knowledge-loader.js';
import {parsePlaybookText} from '../source/adapters/playbook-file-parser.js';
import {playbookCacheFile, splitPlaybookDetails, type CachedPlaybook, type PlaybookDetails} from '../source/adapters/playbook-loader.js';
import {shippedKnowledgeDirectory, shippedPlaybooksDirectory} from '../source/adapters/project-paths.js';
import {writeShippedDataCache, type ShippedDataEntry} from '../source/adapters/shipped-data-cache.js';
import {noteTerms, playbookSearchData} from '../source/core/search/search-documents.js';

// Part of `npm run build`: parse the shipped playbooks and blocker logs once, with this build's
// code, so that start-up need not (source/adapters/shipped-data-cache.ts).

function shippedFiles(directory: string, pattern: RegExp): Array<{file: string; bytes: Buffer}> {
	return readdirSync(directory, {recursive: true, encoding: 'utf8'})
		.filter(name => pattern.test(name))
		.sort()
		.map(name => path.join(directory, name))
		.map(file => ({file, bytes: readFileSync(file)}));
}

const playbooks = shippedFiles(shippedPlaybooksDirectory, /^[^/\\]+\.ya?ml$/i).flatMap(({file, bytes}): Array<ShippedDataEntry<CachedPlaybook, PlaybookDetails>> => {
	const fileName = path.basename(file);
	const {playbook} = parsePlaybookText(bytes.toString('utf8'), {file, shown: fileName, source: 'shipped'});
	if (!playbook) {
		// Left to the loader, which reports it where it is used; `unblock lint` and the tests fail on it.
		return [];
	}

	const {origin: _origin, ...parsed} = playbook;
	const {data, details} = splitPlaybookDetails(parsed);
	return [{name: fileName, bytes, value: {data, search: playbookSearchData(playbook)}, later: details}];
});

const knowledge = shippedFiles(shippedKnowledgeDirectory, /\.(md|markdown|mdx|txt|text)$/i).map(({file, bytes}): ShippedDataEntry<CachedKnowledge> => {
	const name = shippedName(file);
	const {notes, diagnostics} = parseKnowledgeBytes(bytes, `knowledge/${name}`, file);
	return {name, bytes, value: {notes, diagnostics, terms: notes.map(note => noteTerms(note))}};
});

writeShippedDataCache(playbookCacheFile, playbooks);
writeShippedDataCache(knowledgeCacheFile, knowledge);
