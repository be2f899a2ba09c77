import {fieldFamilyOf, isErrorFence, type FieldFamily} from './field-labels.js';
import type {Block, Section} from './markdown-outline.js';
import {listItemOf, plainBlock, plainInline} from './plain-text.js';

/**
 * One labelled part of a blocker entry: what follows `**Root Cause**:` up to the next label, or a
 * `### Solution` sub-heading with everything under it. The part before the first label has no
 * family: it is the entry's introduction.
 */
export type FieldSegment = {
	readonly family?: FieldFamily;
	readonly name?: string;
	readonly line: number;
	/** Text on the label's own line. */
	readonly rest: string;
	readonly blocks: readonly Block[];
};

export function segmentsOf(blocks: readonly Block[], startLine: number): FieldSegment[] {
	const segments: Array<{family?: FieldFamily; name?: string; line: number; rest: string; blocks: Block[]}> = [
		{line: startLine, rest: '', blocks: []},
	];
	for (const block of blocks) {
		if (block.kind === 'label') {
			segments.push({family: fieldFamilyOf(block.label.name), name: block.label.name, line: block.line, rest: block.label.rest, blocks: []});
			continue;
		}

		segments.at(-1)!.blocks.push(block);
	}

	return segments.filter(segment => segment.name !== undefined || segment.blocks.some(block => block.kind !== 'text' || block.text.trim() !== ''));
}

/** A sub-heading that names a field ("### Root Cause") read as one segment with all it holds. */
export function headingSegment(section: Section, family: FieldFamily): FieldSegment {
	const blocks: Block[] = [];
	const collect = (current: Section) => {
		for (const block of current.blocks) {
			// Labels inside a field heading are part of its text, not new fields.
			blocks.push(block.kind === 'label' ? {kind: 'text', line: block.line, text: block.text} : block);
		}

		for (const child of current.children) {
			blocks.push({kind: 'text', line: child.line, text: child.title});
			collect(child);
		}
	};

	collect(section);
	return {family, name: section.title, line: section.line, rest: '', blocks};
}

/** The segment as plain text; fences are kept, indented four spaces, only when asked. */
export function segmentText(segment: FieldSegment, options: {readonly fences?: boolean} = {}): string {
	const chunks: string[] = [];
	let prose: string[] = segment.rest ? [segment.rest] : [];
	const flush = () => {
		const text = plainBlock(prose.filter(line => !thematicBreak.test(line)));
		if (text) {
			chunks.push(text);
		}

		prose = [];
	};

	for (const block of segment.blocks) {
		if (block.kind !== 'fence') {
			prose.push(block.text);
			continue;
		}

		if (options.fences && block.content.trim() !== '') {
			flush();
			chunks.push(block.content.split('\n').map(line => (line ? `    ${line}` : '')).join('\n'));
		}
	}

	flush();
	return chunks.join('\n\n');
}

const thematicBreak = /^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$/;

/**
 * The segment as separate items: top-level list items, each with its continuation lines and
 * nested items folded in; without a list, one item per paragraph.
 */
export function segmentItems(segment: FieldSegment): string[] {
	const lines = [segment.rest, ...segment.blocks.flatMap(block => block.kind === 'fence' || thematicBreak.test(block.text) ? [] : [block.text])];
	const listIndents = lines.map(line => listItemOf(line)?.indent).filter((indent): indent is number => indent !== undefined);
	const topIndent = listIndents.length > 0 ? Math.min(...listIndents) : undefined;
	const items: string[][] = [];
	let current: string[] | undefined;

	for (const line of lines) {
		const item = listItemOf(line);
		if (topIndent !== undefined && item && item.indent === topIndent) {
			current = [item.text];
			items.push(current);
			continue;
		}

		if (line.trim() === '') {
			if (topIndent === undefined) {
				current = undefined;
			}

			continue;
		}

		if (topIndent !== undefined && !current) {
			// Text before the first item introduces the list; it is not an item itself.
			continue;
		}

		if (!current) {
			current = [];
			items.push(current);
		}

		current.push(item ? item.text : line);
	}

	return items.map(parts => plainInline(parts.join(' '))).filter(item => item !== '');
}

const errorWords = /\b(errors?|errno|denied|not found|failed|failure|unable|cannot|can't|refused|in use|unsupported|busy|exception|invalid|timed? ?out|no such|unhealthy|killed|fatal|panic|EACCES|ENOENT|EADDRINUSE)\b/i;

/** Error text in a segment: fences first (they hold the real output), then inline error text. */
export function segmentErrors(segment: FieldSegment): {readonly fenced: string[]; readonly inline: string[]} {
	const fenced: string[] = [];
	const inline: string[] = [];
	if (segment.family !== 'error' && segment.family !== 'problem') {
		return {fenced, inline};
	}

	for (const block of segment.blocks) {
		if (block.kind === 'fence' && block.content.trim() !== '' && isErrorFence(block.info)) {
			fenced.push(block.content);
		}
	}

	if (segment.family === 'error') {
		// "**Error**: port is already allocated" — the label's own text is the error.
		const own = [segment.rest, ...segment.blocks.flatMap(block => block.kind === 'text' ? [block.text] : [])]
			.map(line => plainInline(line))
			.filter(line => line !== '' && errorWords.test(line));
		inline.push(...own);
		return {fenced, inline};
	}

	const rawLines = [segment.rest, ...segment.blocks.flatMap(block => block.kind === 'text' ? [block.text] : [])];
	for (const line of rawLines) {
		for (const match of line.matchAll(/`([^`\n]{6,})`/g)) {
			const code = match[1]!.trim();
			if (errorWords.test(code)) {
				inline.push(code);
			}
		}
	}

	return {fenced, inline};
}
