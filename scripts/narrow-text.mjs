// Text whose width and graphemes need no Unicode tables: characters string-width measures one
// column each, with no grapheme segmentation (printable ASCII, Latin letters and spacing
// modifiers, general punctuation (… · • – —), arrows, box drawing, blocks, geometric shapes,
// braille (the spinner), ✓ and ✗; no combining mark, joiner, variation selector or wide
// character), and colour codes (SGR). The bundle's string-width, slice-ansi and ansi-tokenize
// answer such text with these functions (scripts/bundle-plugins.mjs), and so never load ICU's
// segmentation data for it; test/package/narrow-text.test.ts holds them against string-width and
// Intl.Segmenter themselves.

const colourCode = /\u001B\[[\d;]*m/g;
const narrowCharacters = /^[\u0020-\u007E\u00A1-\u00AC\u00AE-\u02FF\u2010-\u2027\u2030-\u203B\u2190-\u2193\u2500-\u25FA\u2800-\u28FF\u2713\u2717]*$/;

/** The width string-width gives `text`, or undefined when it is not narrow text. */
export function narrowTextWidth(text) {
	const plain = text.includes('\u001B') ? text.replaceAll(colourCode, '') : text;
	return narrowCharacters.test(plain) ? plain.length : undefined;
}

/**
 * What Intl.Segmenter's segment() gives for narrow text, which is one grapheme a code unit: no
 * character of it joins another, and each escape character breaks on both sides. Undefined for
 * other text.
 */
export function narrowGraphemes(text) {
	if (narrowTextWidth(text) === undefined) {
		return undefined;
	}

	const segments = Array.from(text, (segment, index) => ({segment, index, input: text}));
	return {
		[Symbol.iterator]: () => segments[Symbol.iterator](),
		containing: index => segments[index],
	};
}
