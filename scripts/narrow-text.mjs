/**
 * The width string-width gives `text` when, colour codes aside, it is made of characters string-width
 * measures one column each, with no grapheme segmentation: printable ASCII, Latin letters and
 * spacing modifiers, general punctuation (… · • – —), arrows, box drawing, blocks, geometric shapes,
 * braille (the spinner), ✓ and ✗. No combining mark, joiner, variation selector or wide character
 * is among them. Undefined for any other text, which string-width measures.
 *
 * Self-contained: build.mjs puts this function's source into the bundle's string-width, and
 * test/package/narrow-text.test.ts holds it against string-width itself, character by character.
 */
export function narrowTextWidth(text) {
	const plain = text.includes('\u001B') ? text.replace(/\u001B\[[\d;]*m/g, '') : text;
	return /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u203B\u2190-\u2193\u2500-\u25FA\u2800-\u28FF\u2713\u2717]*$/.test(plain) ? plain.length : undefined;
}
