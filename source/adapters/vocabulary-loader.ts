import {readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import type {Diagnostic} from '../core/diagnostic.js';
import {diagnosticText} from '../core/diagnostic.js';
import {buildVocabulary, digestFits, type Concept, type Vocabulary, type VocabularyDigest} from '../core/search/vocabulary.js';
import {displayPath, entryPath, shippedPlaybooksDirectory, teamDirectory} from './project-paths.js';
import {readSmallFile} from './read-small-file.js';
import {openShippedDataCache, shippedDataCacheFile} from './shipped-data-cache.js';

/**
 * The vocabulary search reads concepts from: `vocabulary/` beside the shipped playbooks, beside a
 * team's `.unblock/playbooks/`, and beside every `--playbooks` directory. A broken file is
 * reported and skipped; a concept whose id is already taken is reported and skipped.
 */
export const vocabularyDirectoryName = 'vocabulary';
/**
 * The shipped vocabulary as the build validated it (shipped-data-cache.ts), and, for later, each
 * concept's compiled forms: the build's digest holds them for the shipped vocabulary alone, and a
 * team's vocabulary beside it needs them.
 */
export const vocabularyCacheFile = shippedDataCacheFile('vocabulary');
export type CompiledForms = Pick<Concept, 'compiled' | 'compiledOpposites'>;
/** What building the shipped vocabulary worked out (vocabulary.ts, VocabularyDigest): one entry, keyed by the build. */
export const vocabularyDigestCacheFile = shippedDataCacheFile('vocabulary-digest');
export const vocabularyDigestName = 'shipped';
export const vocabularyDigestKey = Buffer.from('the shipped vocabulary, built');
const maximumVocabularyBytes = 256 * 1024;

export type VocabularySources = {
	readonly cwd: string;
	/** Extra playbook directories from --playbooks. */
	readonly directories?: readonly string[];
	readonly withoutShipped?: boolean;
};

export async function loadVocabulary(sources: VocabularySources): Promise<{vocabulary: Vocabulary; diagnostics: Diagnostic[]; allFromBuild: boolean}> {
	const directories = [
		...(sources.withoutShipped ? [] : [{directory: path.join(shippedPlaybooksDirectory, vocabularyDirectoryName), shipped: true}]),
		{directory: path.join(teamDirectory(sources.cwd), 'playbooks', vocabularyDirectoryName), shipped: false},
		...(sources.directories ?? []).map(directory => ({directory: path.join(path.resolve(sources.cwd, directory), vocabularyDirectoryName), shipped: false})),
	];
	const concepts: Concept[] = [];
	/** Where a concept came from the build's cache: its compiled forms. */
	const formsOf = new Map<Concept, () => CompiledForms>();
	const diagnostics: Diagnostic[] = [];
	const seen = new Map<string, string>();
	const visited = new Set<string>();
	let allFromBuild = true;

	for (const {directory, shipped} of directories) {
		if (visited.has(directory)) {
			continue;
		}

		visited.add(directory);
		const files = await yamlFiles(directory);
		const loaded = await Promise.all(files.map(async file => readVocabularyFile(file, shipped, sources.cwd)));
		for (const {shown, concepts: fileConcepts, diagnostics: fileDiagnostics, fromBuild, forms} of loaded) {
			diagnostics.push(...fileDiagnostics);
			allFromBuild &&= fromBuild;
			for (const [position, concept] of fileConcepts.entries()) {
				const earlier = seen.get(concept.id);
				if (earlier) {
					diagnostics.push({file: shown, field: `concepts[${position}].id`, message: diagnosticText(`duplicate concept "${concept.id}", already defined in ${earlier}; rename one of them`), severity: 'error'});
					continue;
				}

				seen.set(concept.id, shown);
				const loadedConcept = {...concept, file: shown, positionInFile: position};
				if (forms) {
					formsOf.set(loadedConcept, () => forms()?.[position] ?? {});
				}

				concepts.push(loadedConcept);
			}
		}
	}

	// Every concept from a file the build read, unchanged: its digest of them holds if the ids are its own.
	const digest = allFromBuild ? openShippedDataCache<VocabularyDigest>(vocabularyDigestCacheFile).get(vocabularyDigestName, vocabularyDigestKey)?.value : undefined;
	const compiled = digestFits(concepts, digest) ? concepts : concepts.map(concept => ({...concept, ...compiledForms(formsOf.get(concept))}));
	return {vocabulary: buildVocabulary(compiled, digest), diagnostics, allFromBuild};
}

/** A cached concept's compiled forms; none (so they are compiled again) where the cache's later part cannot be read. */
function compiledForms(forms: (() => CompiledForms) | undefined): CompiledForms {
	try {
		return forms?.() ?? {};
	} catch {
		return {};
	}
}

async function yamlFiles(directory: string): Promise<string[]> {
	try {
		const entries = readdirSync(directory, {withFileTypes: true});
		return entries.filter(entry => entry.isFile() && /\.ya?ml$/i.test(entry.name)).map(entry => entryPath(directory, entry.name)).sort();
	} catch {
		// No vocabulary beside these playbooks: nothing to add.
		return [];
	}
}

type VocabularyFile = {
	shown: string;
	concepts: readonly Concept[];
	diagnostics: Diagnostic[];
	fromBuild: boolean;
	/** The concepts' compiled forms, in order, where the build's cache has them. */
	forms?: () => readonly CompiledForms[];
};

async function readVocabularyFile(file: string, shipped: boolean, cwd: string): Promise<VocabularyFile> {
	const shown = diagnosticText(displayPath(file, cwd));
	const fail = (message: string) => ({shown, concepts: [], diagnostics: [{file: shown, message, severity: 'error' as const}], fromBuild: false});
	const tooLarge = () => fail(`the file is larger than ${maximumVocabularyBytes / 1024} KiB, the most a vocabulary file may be`);
	let text: string;
	try {
		// A shipped file, the package's own, is read with no stat first (as a shipped playbook is), and used before anything else reads.
		if (shipped) {
			const read = readSmallFile(file, maximumVocabularyBytes);
			if (!read) {
				return tooLarge();
			}

			const cached = openShippedDataCache<readonly Concept[], readonly CompiledForms[]>(vocabularyCacheFile).get(path.basename(file), read);
			if (cached) {
				return {shown, concepts: cached.value, diagnostics: [], fromBuild: true, forms: () => cached.later()};
			}

			text = read.toString('utf8');
		} else {
			const info = statSync(file);
			if (!info.isFile()) {
				return fail('not a regular file; a vocabulary file is a YAML file');
			}

			if (info.size > maximumVocabularyBytes) {
				return tooLarge();
			}

			text = readFileSync(file, 'utf8');
		}
	} catch (error) {
		return fail(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
	}

	const {parseVocabularyText} = await import('./vocabulary-file-parser.js');
	return {shown, ...parseVocabularyText(text, shown), fromBuild: false};
}
