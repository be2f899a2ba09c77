import {SlugCounter} from './heading-slug.js';
import {plainInline} from './plain-text.js';

/**
 * A markdown file as a tree of heading sections, each holding its own lines: text lines, bold
 * "field labels" (`**Root Cause**:`) and code fences. Line-based on purpose: blocker logs put a
 * label, its text and its fences on consecutive lines, and every note needs its source line.
 */

export type Label = {
	/** As written, without the bold markers and the colon: "Frontend Container Error". */
	readonly name: string;
	/** A parenthesised aside after the label: "(if resolved)". */
	readonly qualifier: string;
	/** Markdown on the same line after the colon. */
	readonly rest: string;
};

export type Block =
	| {readonly kind: 'text'; readonly line: number; readonly text: string}
	| {readonly kind: 'label'; readonly line: number; readonly text: string; readonly label: Label}
	| {readonly kind: 'fence'; readonly line: number; readonly endLine: number; readonly info: string; readonly content: string; readonly closed: boolean};

export type Section = {
	/** Plain heading text; empty for the part before the first heading. */
	readonly title: string;
	/** 0 for the part before the first heading. */
	readonly level: number;
	readonly line: number;
	/** GitHub-style anchor; empty for the part before the first heading. */
	readonly anchor: string;
	readonly blocks: Block[];
	readonly children: Section[];
	readonly parent?: Section;
	/** Last line of this section including its subsections. */
	endLine: number;
};

export type Outline = {
	readonly root: Section;
	readonly lines: readonly string[];
	/** Every section in document order, root first. */
	readonly sections: readonly Section[];
	readonly unclosedFences: readonly number[];
};

const headingStart = /^ {0,3}(#{1,6})(?=[ \t]|$)/;
const fenceOpen = /^(\s*)(`{3,}|~{3,})[ \t]*([^`]*)$/;
// A leading status mark is allowed ("⚠️ **Note**:"), a list marker is not: that is a list item.
const labelPattern = /^ {0,3}(?:[^\w\s*_`#>|+\-[\]]{1,3}[ \t]*)?(\*\*|__)([^*_\n]{1,80}?)\1[ \t]*(?:\(([^)\n]{0,60})\))?[ \t]*(:?)[ \t]*(.*)$/u;

export function parseLabel(line: string): Label | undefined {
	const match = labelPattern.exec(line);
	if (!match) {
		return undefined;
	}

	const rawName = match[2]!.trim();
	const colonInside = rawName.endsWith(':');
	if (!colonInside && match[4] !== ':') {
		return undefined;
	}

	const name = plainInline(rawName.replace(/:$/, '')).trim();
	if (name === '') {
		return undefined;
	}

	// "**Label:** text" and "**Label** (aside): text" both leave the text after the colon.
	return {name, qualifier: (match[3] ?? '').trim(), rest: (match[5] ?? '').trim()};
}

export function outlineMarkdown(text: string): Outline {
	const lines = text.split('\n');
	const root: Section = {title: '', level: 0, line: 1, anchor: '', blocks: [], children: [], endLine: lines.length};
	const sections: Section[] = [root];
	const unclosedFences: number[] = [];
	const slugs = new SlugCounter();
	let current = root;

	for (let index = 0; index < lines.length; index++) {
		const raw = lines[index]!;
		const lineNumber = index + 1;

		const fence = fenceOpen.exec(raw);
		if (fence) {
			const marker = fence[2]!;
			const closing = new RegExp(`^\\s*${marker[0]!}{${marker.length},}\\s*$`);
			const content: string[] = [];
			let end = index + 1;
			let closed = false;
			for (; end < lines.length; end++) {
				if (closing.test(lines[end]!)) {
					closed = true;
					break;
				}

				content.push(lines[end]!);
			}

			if (!closed) {
				unclosedFences.push(lineNumber);
			}

			current.blocks.push({
				kind: 'fence',
				line: lineNumber,
				endLine: Math.min(end + 1, lines.length),
				info: fence[3]!.trim().split(/\s+/)[0]!.toLowerCase(),
				content: dedent(content),
				closed,
			});
			index = end;
			continue;
		}

		const heading = headingStart.exec(raw);
		if (heading) {
			const level = heading[1]!.length;
			const title = plainInline(headingText(raw.slice(heading[0].length)));
			let parent = current;
			while (parent.level >= level) {
				parent.endLine = lineNumber - 1;
				parent = parent.parent!;
			}

			const section: Section = {title, level, line: lineNumber, anchor: slugs.next(title), blocks: [], children: [], parent, endLine: lines.length};
			parent.children.push(section);
			sections.push(section);
			current = section;
			continue;
		}

		const label = parseLabel(raw);
		current.blocks.push(label ? {kind: 'label', line: lineNumber, text: raw, label} : {kind: 'text', line: lineNumber, text: raw});
	}

	return {root, lines, sections, unclosedFences};
}

/** The heading's text without the optional closing run of #: "## Setup ##" is "Setup". */
function headingText(rest: string): string {
	const text = rest.trim();
	const closing = text.replace(/#+$/, '');
	return closing === '' || /[ \t]$/.test(closing) ? closing.trim() : text;
}

/** Every section below `section`, depth first. */
export function descendantsOf(section: Section): Section[] {
	return section.children.flatMap(child => [child, ...descendantsOf(child)]);
}

function dedent(lines: readonly string[]): string {
	const indents = lines.filter(line => line.trim() !== '').map(line => /^[ \t]*/.exec(line)![0].length);
	const common = indents.length > 0 ? Math.min(...indents) : 0;
	return lines.map(line => line.slice(common).trimEnd()).join('\n').replace(/^\n+|\n+$/g, '');
}
