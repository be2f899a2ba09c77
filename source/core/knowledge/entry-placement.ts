import type {Incident} from './incident-entry.js';
import {outlineMarkdown, type Section} from './markdown-outline.js';
import {parseKnowledge} from './parse-notes.js';

export type Placement = {
	/** The whole file with the entry in it. */
	readonly text: string;
	/** 1-based line of the entry's heading. */
	readonly line: number;
};

export const newLogHeader = '# Blocker Log\n\nBlockers this team hit and how they were resolved. `unblock record` adds entries here; edit them freely.\n';

/**
 * Where a new entry goes in an existing log, so it reads as one more entry of the same kind:
 * at the end of the section for its status ("## Resolved Blockers", "## Known Issues"), one
 * heading level below it; else before a trailing template section; else at the end. The rest of
 * the file is kept byte for byte.
 */
export function placeEntry(existing: string | undefined, status: Incident['status'], entryAt: (headingLevel: number) => string): Placement {
	if (existing === undefined || existing.trim() === '') {
		const text = `${newLogHeader}\n${entryAt(3)}`;
		return {text, line: lineCount(newLogHeader) + 1};
	}

	const eol = existing.includes('\r\n') ? '\r\n' : '\n';
	const normalised = existing.replace(/\r\n/g, '\n');
	const outline = outlineMarkdown(normalised);
	const lines = normalised.split('\n');

	const target = sectionForStatus(outline.sections, status);
	let insertAfter: number;
	let level: number;
	let separate: boolean;
	if (target) {
		insertAfter = lastContentLine(lines, target.line, target.endLine);
		level = Math.min(target.level + 1, 6);
		separate = target.children.length > 0 || insertAfter > target.line;
	} else {
		const template = outline.sections.find(section => section.level > 0 && section.level <= 2 && /\btemplate\b/i.test(section.title));
		insertAfter = template ? lastContentLine(lines, 1, template.line - 1) : lastContentLine(lines, 1, lines.length);
		level = entryLevelOf(normalised) ?? 3;
		separate = insertAfter > 0;
	}

	const before = lines.slice(0, insertAfter);
	const after = lines.slice(insertAfter);
	const entryLines = entryAt(level).replace(/\n+$/, '').split('\n');
	const joint = separate ? ['', '---', ''] : [''];
	const rest = after.some(line => line.trim() !== '') ? ['', ...dropLeadingBlank(after)] : [''];
	const combined = [...before, ...joint, ...entryLines, ...rest];
	return {text: combined.join('\n').replace(/\n/g, eol), line: before.length + joint.length + 1};
}

function sectionForStatus(sections: readonly Section[], status: Incident['status']): Section | undefined {
	const wanted = status === 'resolved'
		? /\b(resolved|fixed|solved|closed)\b/i
		: /\b(active|open|current|unresolved|unfixed|known issues?|workarounds?)\b/i;
	const unwanted = status === 'resolved' ? /\b(unresolved|unfixed|not)\b|status|template/i : /status|template/i;
	return sections.find(section => section.level > 0
		&& wanted.test(section.title)
		&& !unwanted.test(section.title)
		&& /\b(blockers?|issues?|problems?|incidents?|bugs?)\b/i.test(section.title));
}

/** The last line in [from, to] that is neither blank nor a `---` rule. */
function lastContentLine(lines: readonly string[], from: number, to: number): number {
	for (let line = Math.min(to, lines.length); line >= from; line--) {
		if (!/^\s*(?:-{3,}|\*{3,}|_{3,})?\s*$/.test(lines[line - 1]!)) {
			return line;
		}
	}

	return Math.max(from - 1, 0);
}

function entryLevelOf(text: string): number | undefined {
	const lines = text.split('\n');
	const headingLevels = parseKnowledge(text, {file: 'log.md'}).notes
		.map(note => /^ {0,3}(#{1,6})\s/.exec(lines[note.line - 1] ?? '')?.[1]?.length)
		.filter((level): level is number => level !== undefined);
	return headingLevels.at(-1);
}

function dropLeadingBlank(lines: readonly string[]): string[] {
	const index = lines.findIndex(line => line.trim() !== '');
	return index < 0 ? [] : lines.slice(index);
}

function lineCount(text: string): number {
	return text.split('\n').length;
}
