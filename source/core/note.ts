/** One blocker from a team's markdown log, as ingested from `knowledge/` and friends. */
export type NoteStatus = 'open' | 'resolved' | 'workaround' | 'unknown';

/** How a note's cause was found: the entry names it, a playbook's signature matches its errors, or a playbook's `seenIn` points at it. */
export type NoteLink = 'recorded' | 'signature' | 'seen-in';

export type Note = {
	/** Stable id: the file's slug and the heading's slug, e.g. "blockers#localstack-volume". */
	readonly id: string;
	readonly title: string;
	/** Absolute path, as shown to people, and 1-based line. */
	readonly file: string;
	readonly line: number;
	/**
	 * GitHub-style anchors of the headings the entry sits under, most specific first: its own
	 * heading (or a merged "Fix #7 Details" heading), then the headings around it.
	 */
	readonly anchors?: readonly string[];
	readonly problem: string;
	/** Error text, code fences first: they hold the real error text. */
	readonly errors: readonly string[];
	readonly rootCause?: string;
	readonly resolution?: string;
	readonly attempted: readonly string[];
	readonly tradeoffs: readonly string[];
	readonly lessons: readonly string[];
	readonly date?: string;
	readonly status: NoteStatus;
	/** The cause slug of the playbook whose signature clearly matches the note's errors. */
	readonly cause?: string;
	readonly playbook?: string;
	readonly linkedBy?: NoteLink;
	/** The whole section as written, for rendering. */
	readonly body: string;
};
