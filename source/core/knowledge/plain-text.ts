/**
 * Markdown inline syntax turned into the plain words a reader (and the search index) wants:
 * no emphasis markers, no backticks, link text without its URL, no status emoji.
 */

// Pictographs with their variation selectors and joiners: status marks (✅ ❌ 🟢) say nothing a
// word does not say better, and they tokenise into noise.
const pictographs = /\p{Extended_Pictographic}[\uFE0E\uFE0F]?(?:\u200D\p{Extended_Pictographic}[\uFE0E\uFE0F]?)*/gu;
const stray = /[\uFE0E\uFE0F\u200D]/g;

export function stripPictographs(text: string): string {
	return text.replace(pictographs, '').replace(stray, '');
}

/** One line of markdown as plain text. */
export function plainInline(text: string): string {
	return stripPictographs(text)
		// Bounded repeats: a line of a thousand "[" or "**" must not cost a million steps.
		.replace(/!\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)/g, '$1')
		.replace(/\[([^\]\n]{1,200})\]\([^)\n]{0,500}\)/g, '$1')
		.replace(/<br\s*\/?>/gi, ' ')
		.replace(/(\*\*|__|~~)([^\n]{1,200}?)\1/g, '$2')
		.replace(/(?<!\\)(`{1,3})([^`\n]{1,500}?)\1/g, (_match, _ticks: string, code: string) => code.trim())
		.replace(/\\([\\`*_#~\-[\]()>!|])/g, '$1')
		.replace(/[ \t]+/g, ' ')
		.trim();
}

const listMarker = /^(\s*)([-*+]|\d{1,3}[.)])\s+/;

/** Whether a line starts a list item, and how deep it is indented. */
export function listItemOf(line: string): {readonly indent: number; readonly marker: string; readonly text: string} | undefined {
	const match = listMarker.exec(line);
	if (!match) {
		return undefined;
	}

	return {indent: match[1]!.length, marker: match[2]!, text: line.slice(match[0].length)};
}

/**
 * Several lines of markdown as plain text: list markers kept (they carry order), emphasis and
 * emoji dropped, runs of blank lines collapsed.
 */
export function plainBlock(lines: readonly string[]): string {
	const out: string[] = [];
	for (const line of lines) {
		const item = listItemOf(line);
		const text = item
			? `${' '.repeat(Math.min(item.indent, 4))}${/\d/.test(item.marker) ? item.marker : '-'} ${plainInline(item.text)}`
			: plainInline(line);
		if (item && plainInline(item.text) === '') {
			continue;
		}

		if (text === '' && (out.length === 0 || out.at(-1) === '')) {
			continue;
		}

		out.push(text.trimEnd());
	}

	while (out.at(-1) === '') {
		out.pop();
	}

	return out.join('\n');
}
