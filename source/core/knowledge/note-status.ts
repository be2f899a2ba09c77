import type {NoteStatus} from '../note.js';

export type StatusEvidence = {
	/** The text of a **Status** / **Current Status** label, emoji included. */
	readonly statusText?: string;
	readonly hasResolution: boolean;
	readonly hasWorkaround: boolean;
	readonly hasDateResolved: boolean;
	/** The note's title: only a tag such as "(Resolved)" in it counts. */
	readonly title: string;
	/** The headings the note is filed under, nearest first ("Known Issues (Unfixed)"). */
	readonly context: readonly string[];
};

const openWords = /\b(unresolved|unfixed|not (?:yet )?(?:resolved|fixed)|open|in progress|investigating|blocked|active|ongoing|known issues?)\b/i;
const resolvedWords = /\b(resolved|fixed|solved|closed|done|complete[d]?|fix(?:es)? applied)\b/i;

/**
 * What the team said about the blocker, most explicit first: a status label, then a workaround
 * with no real fix, then the heading it is filed under, then whether a resolution is written.
 */
export function detectStatus(evidence: StatusEvidence): NoteStatus {
	const fromLabel = evidence.statusText ? statusFromText(evidence.statusText) : undefined;
	if (fromLabel) {
		return fromLabel;
	}

	if (evidence.hasWorkaround && !evidence.hasResolution) {
		return 'workaround';
	}

	const tag = /[([]\s*([a-z ]{3,20})\s*[)\]]/i.exec(evidence.title)?.[1];
	for (const heading of [...(tag ? [tag] : []), ...evidence.context]) {
		const fromHeading = statusFromText(heading);
		if (fromHeading) {
			return fromHeading;
		}
	}

	return evidence.hasResolution || evidence.hasDateResolved ? 'resolved' : 'open';
}

export function statusFromText(text: string): NoteStatus | undefined {
	if (/workaround/i.test(text)) {
		return 'workaround';
	}

	// The template's traffic lights: 🔴 open, 🟡 in progress, 🟢 resolved.
	if (openWords.test(text) || /[\u{1F534}\u{1F7E1}]/u.test(text)) {
		return 'open';
	}

	if (resolvedWords.test(text) || /\u{1F7E2}/u.test(text)) {
		return 'resolved';
	}

	return undefined;
}
