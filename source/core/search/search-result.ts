import type {Note} from '../note.js';
import type {SourcedText} from '../finding.js';
import type {ContainerCondition, Playbook} from '../playbook-schema.js';

export type SearchResult = {
	readonly kind: 'playbook' | 'note';
	readonly id: string;
	readonly title: string;
	/** The cause slug; a note without a clear cause has none. */
	readonly cause?: string;
	/** 0 to 1, best first. */
	readonly score: number;
	/** Why it matched: which signature, which words. */
	readonly why: readonly string[];
	/** Other entries of the same cause (a variant playbook, a team's note), reachable from this one, best first. */
	readonly also: readonly SearchVariant[];
	readonly playbook?: Playbook;
	readonly note?: Note;
};

export type SearchVariant = Pick<SearchResult, 'kind' | 'id' | 'title' | 'cause' | 'playbook' | 'note'>;

export type SearchOptions = {
	readonly limit?: number;
	/** The diagnosed container's conditions: signatures tied to them gain. */
	readonly conditions?: readonly ContainerCondition[];
	readonly exitCode?: number;
	/** Where each part of the text came from: signatures that name a source see only that part. */
	readonly sourcedText?: SourcedText;
	/** Text a program wrote (a container's logs, the engine's answers): read as written, no typos put right. */
	readonly machineText?: boolean;
};
