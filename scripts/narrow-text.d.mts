/** The width string-width gives `text`, if it is narrow text (see narrow-text.mjs). */
export function narrowTextWidth(text: string): number | undefined;
/** Intl.Segmenter's graphemes of narrow text: one a code unit. */
export function narrowGraphemes(text: string): (Iterable<{segment: string; index: number; input: string}> & {containing(index: number): {segment: string; index: number; input: string} | undefined}) | undefined;
