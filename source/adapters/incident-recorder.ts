/**
 * Writes a solved (or open) incident into the team's blocker log, atomically, and reads back the
 * note search will show for it: `unblock record` and the wizard's record screen both save here.
 */
import {placeEntry} from '../core/knowledge/entry-placement.js';
import {formatIncidentEntry, type Incident} from '../core/knowledge/incident-entry.js';
import {fileSlug, parseKnowledge} from '../core/knowledge/parse-notes.js';
import type {Note} from '../core/note.js';
import {environmentSecretValues} from '../core/redact-secrets.js';
import {readKnowledgeConfig, recordTarget} from './knowledge-loader.js';
import {updateFileAtomically} from './knowledge-writer.js';
import {absolutePath} from './project-paths.js';

export type RecordedIncident = {
	readonly file: string;
	readonly line: number;
	readonly note?: Note;
};

export type RecordPlace = {
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	/** The blocker log to write to; else `.unblock/config.yaml` record.file, else `.unblock/knowledge/BLOCKERS.md`. */
	readonly file?: string;
};

/** Writes the incident into the team's blocker log and returns the note search will show for it. */
export async function recordIncident(incident: Incident, where: RecordPlace): Promise<RecordedIncident> {
	const config = await readKnowledgeConfig(where.cwd);
	const target = recordTarget(where.cwd, config, where.file);
	const secrets = environmentSecretValues(where.env);

	let line = 0;
	const result = await updateFileAtomically(target, current => {
		const placement = placeEntry(current, incident.status, headingLevel => formatIncidentEntry(incident, {headingLevel, secretValues: secrets}));
		line = placement.line;
		return placement.text;
	});

	const note = parseKnowledge(result.content, {file: absolutePath(target, where.cwd), slug: fileSlug(target)}).notes.find(candidate => candidate.line === line);
	return {file: target, line, ...(note ? {note} : {})};
}
