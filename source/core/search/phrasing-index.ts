/** One phrasing, compiled: stems in order, and where a gap may stand (before word i). */
export type CompiledPhrasing = {
	readonly concept: number;
	readonly stems: readonly string[];
	readonly gapBefore: readonly boolean[];
};

/** Phrasings by their first stem: a Map, or the build's encoded one (encoded-phrasings.ts). */
export type PhrasingIndex = {
	readonly size: number;
	get(stem: string): readonly CompiledPhrasing[] | undefined;
	entries(): IterableIterator<[string, readonly CompiledPhrasing[]]>;
	values(): IterableIterator<readonly CompiledPhrasing[]>;
};
