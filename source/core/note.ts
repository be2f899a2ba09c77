/** One blocker from a team's markdown log, as ingested from `knowledge/` and friends. */
export type NoteStatus = 'open' | 'resolved' | 'workaround' | 'unknown';

export type Note = {
	/** Stable id: the file's slug and the heading's slug, e.g. "blockers#localstack-volume". */
	readonly id: string;
	readonly title: string;
	/** Path as given (relative to the working directory where possible) and 1-based line. */
	readonly file: string;
	readonly line: number;
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
	/** The whole section as written, for rendering. */
	readonly body: string;
};
