/**
 * A knowledge file's bytes to notes. Apart from the loader because the markdown parser is loaded
 * only for a file the build has not already cut into notes: the shipped blocker logs come from its
 * cache.
 */
import type {Diagnostic} from '../core/diagnostic.js';
import {fileSlug, parseKnowledge} from '../core/knowledge/parse-notes.js';
import type {Note} from '../core/note.js';
import type {NoteSearchData} from '../core/search/search-documents.js';
import {absolutePath} from './project-paths.js';

export type KnowledgeFileResult = {
	readonly notes: readonly Note[];
	readonly diagnostics: readonly Diagnostic[];
	/** Each note's search terms, when the build's cache had them: read from it only when asked for. */
	readonly terms?: () => readonly NoteSearchData[] | undefined;
};

/** A knowledge file's bytes to notes, or the reason they are not markdown text. */
export function parseKnowledgeBytes(bytes: Buffer, shown: string, file: string): KnowledgeFileResult {
	const text = decodeText(bytes);
	if (text === 'binary') {
		return skipped(shown, 'this is a binary file, not markdown');
	}

	if (text === 'invalid') {
		return skipped(shown, 'the file is not valid UTF-8 text; save it as UTF-8');
	}

	// Diagnostics name the file as lint does; a note, which people open, by its absolute path.
	const parsed = parseKnowledge(text, {file: shown, slug: fileSlug(file)});
	const noteFile = absolutePath(file);
	return {notes: parsed.notes.map(note => ({...note, file: noteFile})), diagnostics: parsed.diagnostics};
}

function skipped(shown: string, message: string): KnowledgeFileResult {
	return {notes: [], diagnostics: [{file: shown, message, severity: 'error'}]};
}

function decodeText(bytes: Buffer): string | 'binary' | 'invalid' {
	if (bytes.subarray(0, 8000).includes(0)) {
		return 'binary';
	}

	try {
		return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		return 'invalid';
	}
}
