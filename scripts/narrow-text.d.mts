/** The width string-width gives `text`, if it is made of characters it measures one column each (see narrow-text.mjs). */
export function narrowTextWidth(text: string): number | undefined;
