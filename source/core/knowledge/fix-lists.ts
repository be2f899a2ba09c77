/**
 * Blocker logs that list their fixes as a numbered list ("1. **Fix the volume owner:** ..."),
 * with optional "### Fix #1 Details" sections: each item is a note of its own.
 */
import type {Outline, Section} from './markdown-outline.js';
import {segmentsOf} from './note-fields.js';
import {isProblemFamily} from './field-labels.js';
import {plainInline} from './plain-text.js';

export type FixItem = {
	readonly number: number;
	readonly title: string;
	readonly rest: string;
	readonly line: number;
	readonly endLine: number;
};

export type FixList = {readonly section: Section; readonly intro: string; readonly items: readonly FixItem[]};

/** A heading whose title says fixes (or blockers) and whose list items lead with a bold name. */
export function findFixLists(outline: Outline): FixList[] {
	const lists: FixList[] = [];
	for (const section of outline.sections) {
		if (!/\b(fix|fixes|fixed|blockers|issues|problems)\b/i.test(section.title) || isTemplate(section)) {
			continue;
		}

		if (segmentsOf(section.blocks, section.line).some(segment => isProblemFamily(segment.family))) {
			continue;
		}

		const items: FixItem[] = [];
		const introLines: string[] = [];
		for (const block of section.blocks) {
			if (block.kind === 'fence') {
				continue;
			}

			const match = /^\s{0,1}(\d{1,3})[.)]\s+(?:[^\w\s*_`]{1,3}\s*)?(\*\*|__)(.+?)\2\s*(:?)\s*(.*)$/u.exec(block.text);
			const title = match ? match[3]!.trim() : '';
			if (match && (title.endsWith(':') || match[4] === ':')) {
				items.push({number: Number(match[1]), title: plainInline(title.replace(/:$/, '')), rest: match[5]!, line: block.line, endLine: block.line});
				continue;
			}

			const last = items.at(-1);
			if (last && /^\s+\S/.test(block.text) && last.endLine === block.line - 1) {
				items[items.length - 1] = {...last, rest: `${last.rest} ${block.text.trim()}`, endLine: block.line};
			} else if (items.length === 0) {
				introLines.push(block.text);
			}
		}

		if (items.length > 0) {
			lists.push({section, intro: plainInline(introLines.join(' ')), items});
		}
	}

	return lists;
}

/** "### Fix #7 Details" belongs to item 7 of the fix list. */
export function findFixDetails(outline: Outline, lists: readonly FixList[]): Map<FixItem, Section> {
	const details = new Map<FixItem, Section>();
	for (const section of outline.sections) {
		const number = /^fix\s*#?\s*(\d+)\b/i.exec(section.title)?.[1];
		if (number === undefined) {
			continue;
		}

		const item = lists.flatMap(list => list.items).find(candidate => candidate.number === Number(number) && !details.has(candidate));
		if (item) {
			details.set(item, section);
		}
	}

	return details;
}

/** A template's heading ("Template", "[Title]"): its fields are placeholders, not an incident. */
export function isTemplate(section: Section): boolean {
	return /\btemplate\b/i.test(section.title) || /\[[^\]]+\]/.test(section.title);
}
