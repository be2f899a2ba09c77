/**
 * Repairs text that was double-encoded: UTF-8 bytes decoded as a single-byte code page (Windows-1252,
 * Latin-1 or Mac Roman) and saved again as UTF-8, so "✅" reads "âœ…" or "‚úÖ". A run is reversed
 * only where the bytes it stands for are valid UTF-8 again, so correct text is left alone.
 */

/** Windows-1252 as browsers decode it: Latin-1, with printable characters in 0x80–0x9F. */
const windows1252High = [
	0x20_AC, 0x81, 0x20_1A, 0x1_92, 0x20_1E, 0x20_26, 0x20_20, 0x20_21, 0x2_C6, 0x20_30, 0x1_60, 0x20_39, 0x1_52, 0x8D, 0x1_7D, 0x8F,
	0x90, 0x20_18, 0x20_19, 0x20_1C, 0x20_1D, 0x20_22, 0x20_13, 0x20_14, 0x2_DC, 0x21_22, 0x1_61, 0x20_3A, 0x1_53, 0x9D, 0x1_7E, 0x1_78,
];

/** Mac OS Roman, 0x80–0xFF (0xF0 is the Apple logo in the private use area). */
const macRoman
	= 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü'
	+ '†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø'
	+ '¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ'
	+ '‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

type CodePage = ReadonlyMap<number, number>;

function windows1252(): CodePage {
	const bytes = new Map<number, number>();
	for (let byte = 0x80; byte <= 0xFF; byte++) {
		bytes.set(byte < 0xA0 ? windows1252High[byte - 0x80]! : byte, byte);
	}

	return bytes;
}

function macRomanPage(): CodePage {
	const bytes = new Map<number, number>();
	for (const [index, character] of [...macRoman].entries()) {
		bytes.set(character.codePointAt(0)!, 0x80 + index);
	}

	return bytes;
}

function latin1(): CodePage {
	const bytes = new Map<number, number>();
	for (let byte = 0x80; byte <= 0xFF; byte++) {
		bytes.set(byte, byte);
	}

	return bytes;
}

const codePages: readonly CodePage[] = [windows1252(), latin1(), macRomanPage()];

const strictUtf8 = new TextDecoder('utf-8', {fatal: true});

export type MojibakeRepair = {
	readonly text: string;
	/** How many characters were restored. */
	readonly repaired: number;
};

/** Restores double-encoded UTF-8 in `text`; text without it comes back unchanged. */
export function repairMojibake(text: string): MojibakeRepair {
	let current = text;
	let repaired = 0;
	// Text encoded twice over needs two passes; more is not worth guessing at.
	for (let pass = 0; pass < 2; pass++) {
		const result = repairPass(current);
		if (result.repaired === 0) {
			break;
		}

		current = result.text;
		repaired += result.repaired;
	}

	return {text: current, repaired};
}

type Segment = {readonly start: number; readonly end: number; readonly decoded: string; readonly page: number};

function repairPass(text: string): MojibakeRepair {
	if (!/[^\u0000-\u007F]/.test(text)) {
		return {text, repaired: 0};
	}

	const characters = [...text];
	const segments: Segment[] = [];
	const strongEvidence = new Set<number>();

	for (let index = 0; index < characters.length;) {
		const segment = characters[index]! >= '\u0080' ? decodeAt(characters, index) : undefined;
		if (!segment) {
			index++;
			continue;
		}

		segments.push(segment);
		// Three- and four-byte sequences (symbols, emoji) practically never arise by accident.
		if (segment.end - segment.start >= 3) {
			strongEvidence.add(segment.page);
		}

		index = segment.end;
	}

	// A two-character run such as "—é" is also valid Cyrillic once reversed; without stronger
	// evidence of the same code page elsewhere, only the classic Latin repairs ("Ã©" → "é") are trusted.
	const accepted = segments.filter(segment => strongEvidence.has(segment.page) || isLatinLetterOrSign(segment.decoded));
	if (accepted.length === 0) {
		return {text, repaired: 0};
	}

	let result = '';
	let position = 0;
	for (const segment of accepted) {
		result += characters.slice(position, segment.start).join('') + segment.decoded;
		position = segment.end;
	}

	result += characters.slice(position).join('');
	return {text: result, repaired: accepted.length};
}

function decodeAt(characters: readonly string[], start: number): Segment | undefined {
	for (const [pageIndex, page] of codePages.entries()) {
		const lead = byteOf(page, characters[start]);
		const length = lead === undefined ? 0 : sequenceLength(lead);
		if (length === 0 || start + length > characters.length) {
			continue;
		}

		const bytes = [lead!];
		for (let offset = 1; offset < length; offset++) {
			const byte = byteOf(page, characters[start + offset]);
			if (byte === undefined || byte < 0x80 || byte > 0xBF) {
				break;
			}

			bytes.push(byte);
		}

		if (bytes.length !== length) {
			continue;
		}

		try {
			return {start, end: start + length, decoded: strictUtf8.decode(Uint8Array.from(bytes)), page: pageIndex};
		} catch {
			// Not valid UTF-8 under this code page (overlong, surrogate); try the next one.
		}
	}

	return undefined;
}

function byteOf(page: CodePage, character: string | undefined): number | undefined {
	return character === undefined ? undefined : page.get(character.codePointAt(0)!);
}

function sequenceLength(lead: number): number {
	if (lead >= 0xC2 && lead <= 0xDF) {
		return 2;
	}

	if (lead >= 0xE0 && lead <= 0xEF) {
		return 3;
	}

	return lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
}

function isLatinLetterOrSign(text: string): boolean {
	const code = text.codePointAt(0) ?? 0;
	// C1 controls too: they are what the inner layer of text encoded twice decodes to.
	return code >= 0x80 && code <= 0x2_4F;
}
