/** Text that string-width measures one column a character (see narrow-text.mjs). */
export const narrowText: RegExp;
