// Text that string-width measures one column a character, with no grapheme segmentation: printable
// ASCII, Latin letters and spacing modifiers, general punctuation (… · • – —), arrows, box drawing,
// blocks, geometric shapes, braille (the spinner) and ✓ ✗. No combining mark, joiner, variation
// selector or wide character is in these ranges; test/package/narrow-text.test.ts holds every one
// of them against string-width itself.
export const narrowText = /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u203B\u2190-\u2193\u2500-\u25FA\u2800-\u28FF\u2713\u2717]*$/;
