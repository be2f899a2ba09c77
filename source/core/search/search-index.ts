import type {Note} from '../note.js';
import type {Playbook} from '../playbook-schema.js';
import type {InvertedIndex} from './inverted-index.js';
import type {Passages} from './passage-scores.js';
import type {PhraseWord} from './phrase-words.js';
import type {IndexedSignature} from './signature-hits.js';
import type {TypoCorrector} from './typo-corrector.js';
import type {Vocabulary} from './vocabulary.js';

/** What search ranks (search.ts builds it; the build ships one prebuilt, prebuilt-index.ts). */
export type SearchEntry = {
	readonly kind: 'playbook' | 'note';
	readonly id: string;
	readonly title: string;
	readonly cause?: string;
	readonly playbook?: Playbook;
	readonly note?: Note;
};

export type SearchIndex = {
	readonly playbooks: readonly Playbook[];
	readonly entries: readonly SearchEntry[];
	/** Every playbook's signatures, entry by entry, in the order written. */
	readonly signatures: readonly IndexedSignature[];
	readonly terms: InvertedIndex;
	/** Each entry's lines that say one thing, as term numbers (passage-scores.ts). */
	readonly passages: Passages;
	readonly vocabulary: Vocabulary;
	readonly corrections: Map<string, string | undefined>;
	/** Built by the first query that needs them. */
	readonly lazy: {
		corrector?: TypoCorrector;
		scores?: Float64Array;
		exitCodes?: Array<ReadonlySet<number> | undefined>;
		ecosystems?: Array<ReadonlySet<number> | undefined>;
		titleConcepts?: Array<ReadonlySet<string>>;
		titleWords?: ReadonlyArray<readonly PhraseWord[]>;
	};
};
