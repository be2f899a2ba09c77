import {compareIds} from './compare-ids.js';
import {editDistance} from './resolve-query-terms.js';

/**
 * The ids a mistyped id most likely meant, closest first: by edits (a dropped, added, changed or
 * swapped letter each count one), with ids the typed text begins as close as one edit. Ids that
 * need more edits than a third of the typed text are not offered.
 */
export function closeIds(typed: string, ids: readonly string[], limit = 3): string[] {
	const wanted = typed.trim().toLowerCase();
	const allowed = Math.max(2, Math.floor(wanted.length / 3));
	return ids
		.map(id => ({id, edits: id.startsWith(wanted) ? 1 : editDistance(wanted, id)}))
		.filter(candidate => candidate.edits <= allowed)
		.sort((left, right) => left.edits - right.edits || compareIds(left.id, right.id))
		.slice(0, limit)
		.map(candidate => candidate.id);
}
