import type {Diagnostic} from '../core/diagnostic.js';
import type {Note} from '../core/note.js';
import type {Playbook} from '../core/playbook-schema.js';
import {rememberPlaybookPrefilter} from '../core/search/pattern-prefilter.js';
import {searchIndexFrom} from '../core/search/prebuilt-index.js';
import type {SearchIndex} from '../core/search/search.js';
import type {Vocabulary} from '../core/search/vocabulary.js';
import {loadKnowledge} from './knowledge-loader.js';
import {isFromBuild, loadPlaybooks} from './playbook-loader.js';
import {playbookIndexCacheFile, searchIndexCacheFile, shippedIndex, shippedPrefilter} from './shipped-search-index.js';
import {loadVocabulary} from './vocabulary-loader.js';

export type KnowledgeBase = {
	readonly playbooks: readonly Playbook[];
	readonly notes: readonly Note[];
	readonly vocabulary: Vocabulary;
	readonly diagnostics: readonly Diagnostic[];
	readonly index: SearchIndex;
};

export type KnowledgeSources = {
	readonly cwd: string;
	readonly playbookDirectories?: readonly string[];
	readonly knowledgePaths?: readonly string[];
};

/** Everything search, diagnose and the wizard rank against: playbooks and the team's notes. */
export async function loadKnowledgeBase(sources: KnowledgeSources): Promise<KnowledgeBase> {
	const {playbookSet, vocabularySet, fromBuild} = await loadPlaybooksAndVocabulary(sources);
	// Notes link to playbooks by their signatures, so they load second.
	const knowledge = await loadKnowledge({cwd: sources.cwd, paths: sources.knowledgePaths, playbooks: playbookSet.playbooks, playbooksFromBuild: fromBuild});
	return {
		playbooks: playbookSet.playbooks,
		notes: knowledge.notes,
		vocabulary: vocabularySet.vocabulary,
		diagnostics: [...playbookSet.diagnostics, ...vocabularySet.diagnostics, ...knowledge.diagnostics],
		index: searchIndexFrom(fromBuild && knowledge.allFromBuild ? shippedIndex(searchIndexCacheFile) : undefined, playbookSet.playbooks, knowledge.notes, vocabularySet.vocabulary),
	};
}

/** Playbooks and the vocabulary, without the team's notes: what diagnose ranks findings against. */
export async function loadPlaybookIndex(sources: Omit<KnowledgeSources, 'knowledgePaths'>): Promise<Omit<KnowledgeBase, 'notes'>> {
	const {playbookSet, vocabularySet, fromBuild} = await loadPlaybooksAndVocabulary(sources);
	return {
		playbooks: playbookSet.playbooks,
		vocabulary: vocabularySet.vocabulary,
		diagnostics: [...playbookSet.diagnostics, ...vocabularySet.diagnostics],
		index: searchIndexFrom(fromBuild ? shippedIndex(playbookIndexCacheFile) : undefined, playbookSet.playbooks, [], vocabularySet.vocabulary),
	};
}

/** Both, and whether they are nothing but what the build read, unchanged: then its prebuilt index serves (and its prefilter, for playbooks alone). */
async function loadPlaybooksAndVocabulary(sources: Omit<KnowledgeSources, 'knowledgePaths'>) {
	const [playbookSet, vocabularySet] = await Promise.all([
		loadPlaybooks({cwd: sources.cwd, directories: sources.playbookDirectories}),
		loadVocabulary({cwd: sources.cwd, directories: sources.playbookDirectories}),
	]);
	const playbooksFromBuild = playbookSet.playbooks.every(playbook => isFromBuild(playbook));
	const prefilter = playbooksFromBuild ? shippedPrefilter() : undefined;
	if (prefilter) {
		rememberPlaybookPrefilter(playbookSet.playbooks, prefilter);
	}

	return {playbookSet, vocabularySet, fromBuild: vocabularySet.allFromBuild && playbooksFromBuild};
}
