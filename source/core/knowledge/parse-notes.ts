import {findCause} from '../causes.js';
import type {Diagnostic} from '../diagnostic.js';
import {escapeControlCharacters, neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {Note} from '../note.js';
import {fieldFamilyOf, isFollowUpFamily, isProblemFamily, type FieldFamily} from './field-labels.js';
import {headingSlug} from './heading-slug.js';
import {outlineMarkdown, type Outline, type Section} from './markdown-outline.js';
import {repairMojibake} from './mojibake.js';
import {headingSegment, segmentErrors, segmentItems, segmentsOf, segmentText, type FieldSegment} from './note-fields.js';
import {detectStatus} from './note-status.js';
import {plainInline} from './plain-text.js';
import {findFixDetails, findFixLists, isTemplate, type FixItem, type FixList} from './fix-lists.js';

/**
 * Turns a team's markdown blocker log into notes, one per blocker, whatever template the team
 * used: bold labels (`**Issue**:` / `**Root Cause**:` / `**Resolution**:`), sub-headings
 * (`### Problem` / `### Solution`), a numbered list of fixes in a session summary (with its
 * "Fix #N Details" section merged in), or a report whose "Root Cause Analysis" holds the errors
 * beside "Attempted Solutions". Templates and pure status or metrics sections give no notes.
 */

export type KnowledgeSource = {
	/** The path shown to the user, e.g. "docs/BLOCKERS.md". */
	readonly file: string;
	/** The file's slug for note ids; defaults to the file name without its extension. */
	readonly slug?: string;
};

export type ParsedKnowledge = {
	readonly notes: readonly Note[];
	readonly diagnostics: readonly Diagnostic[];
	/** How many double-encoded characters were repaired. */
	readonly repairedCharacters: number;
};

export function fileSlug(file: string): string {
	const name = file.split(/[\\/]/).pop() ?? file;
	return escapeControlCharacters(name.replace(/\.(md|markdown|mdx|txt|text)$/i, '').toLowerCase());
}

export function parseKnowledge(text: string, source: KnowledgeSource): ParsedKnowledge {
	const repaired = repairMojibake(text.replace(/^\uFEFF/, ''));
	const outline = outlineMarkdown(neutralizeTerminalText(repaired.text));
	const diagnostics: Diagnostic[] = outline.unclosedFences.map(line => ({
		file: source.file,
		line,
		message: 'this code fence is never closed, so the rest of the file reads as code; close it with ```',
		severity: 'warning' as const,
	}));

	const parser = new NoteParser(outline, source);
	return {notes: parser.parse(), diagnostics, repairedCharacters: repaired.repaired};
}

type SectionAnalysis = {
	readonly segments: readonly FieldSegment[];
	readonly candidate: boolean;
	readonly containsCandidate: boolean;
};

const inheritable: readonly FieldFamily[] = ['cause', 'attempted', 'resolution', 'workaround', 'tradeoffs', 'lessons'];

class NoteParser {
	private readonly analyses = new Map<Section, SectionAnalysis>();
	private readonly usedIds = new Set<string>();
	private readonly slug: string;
	private readonly documentDate: string | undefined;

	constructor(private readonly outline: Outline, private readonly source: KnowledgeSource) {
		this.slug = source.slug ?? fileSlug(source.file);
		for (const section of outline.sections) {
			if (section.anchor) {
				this.usedIds.add(section.anchor);
			}
		}

		this.documentDate = this.findDocumentDate();
	}

	parse(): Note[] {
		const fixLists = findFixLists(this.outline);
		const details = findFixDetails(this.outline, fixLists);
		this.analyse(this.outline.root, new Set(details.values()));

		const notes: Note[] = [];
		for (const section of this.outline.sections) {
			if (this.analyses.get(section)?.candidate) {
				notes.push(this.sectionNote(section));
			}
		}

		for (const list of fixLists) {
			for (const item of list.items) {
				notes.push(this.fixNote(list, item, details.get(item)));
			}
		}

		return notes.sort((left, right) => left.line - right.line);
	}

	/** Post-order: a field heading ("### Solution") counts as a field only if no blocker hides inside it. */
	private analyse(section: Section, consumed: ReadonlySet<Section>, inTemplate = false): SectionAnalysis {
		const template = inTemplate || isTemplate(section);
		const childAnalyses = section.children.map(child => [child, this.analyse(child, consumed, template)] as const);
		const skipped = template || consumed.has(section);
		const segments = [...segmentsOf(section.blocks, section.line)];
		let containsCandidate = false;
		for (const [child, analysis] of childAnalyses) {
			containsCandidate ||= analysis.candidate || analysis.containsCandidate;
			const family = fieldFamilyOf(child.title);
			if (family && !analysis.candidate && !analysis.containsCandidate) {
				segments.push(headingSegment(child, family));
			}
		}

		const candidate = !skipped && isBlockerEntry(segments);
		const analysis = {segments, candidate, containsCandidate: containsCandidate && !skipped};
		this.analyses.set(section, analysis);
		return analysis;
	}

	private sectionNote(section: Section): Note {
		const own = this.analyses.get(section)!.segments;
		const parent = section.parent ? this.analyses.get(section.parent) : undefined;
		// A report files its errors in one section and the analysis beside it: "Root Cause
		// Analysis" holds "Permission Issues" next to "Attempted Solutions".
		const inherited = parent && !parent.candidate
			? parent.segments.filter(segment => segment.family && inheritable.includes(segment.family) && !own.some(mine => mine.family === segment.family))
			: [];
		const title = section.title || this.slug;
		return this.buildNote({
			id: section.anchor || this.uniqueId(headingSlug(title)),
			anchors: anchorsOf(section),
			title,
			line: section.line,
			segments: [...own, ...inherited],
			context: ancestorTitles(section),
			body: this.bodyOf(section.line, section.endLine),
		});
	}

	private fixNote(list: FixList, item: FixItem, details: Section | undefined): Note {
		const itemSegment: FieldSegment = {family: 'resolution', name: item.title, line: item.line, rest: item.rest, blocks: []};
		const detailSegments = details ? this.analyses.get(details)?.segments ?? segmentsOf(details.blocks, details.line) : [];
		const body = [this.bodyOf(item.line, item.endLine), details ? this.bodyOf(details.line, details.endLine) : '']
			.filter(Boolean)
			.join('\n\n');
		return this.buildNote({
			id: this.uniqueId(headingSlug(item.title)),
			anchors: [...(details ? [details.anchor] : []), ...anchorsOf(list.section)],
			title: item.title,
			line: item.line,
			segments: [itemSegment, ...detailSegments.filter(segment => segment.family !== undefined)],
			context: [list.section.title, list.intro, ...ancestorTitles(list.section)],
			body,
		});
	}

	private buildNote(input: {id: string; anchors: readonly string[]; title: string; line: number; segments: readonly FieldSegment[]; context: readonly string[]; body: string}): Note {
		const of = (family: FieldFamily) => input.segments.filter(segment => segment.family === family);
		const texts = (family: FieldFamily, fences = false) => of(family).map(segment => segmentText(segment, {fences})).filter(Boolean);

		const causeSegments = of('cause');
		const recordedCause = causeSegments.map(segment => plainInline(segment.rest)).find(rest => findCause(rest) !== undefined);
		const rootCause = causeSegments
			.filter(segment => plainInline(segment.rest) !== recordedCause || segment.blocks.length > 0)
			.map(segment => segmentText(plainInline(segment.rest) === recordedCause ? {...segment, rest: ''} : segment, {fences: true}))
			.filter(Boolean)
			.join('\n\n');

		let problem = [...texts('problem'), ...of('error').map(segment => segmentText({...segment, rest: ''})).filter(Boolean)].join('\n\n');
		if (problem === '') {
			// No problem label: the entry's introduction, or else its first unlabelled paragraph, says it.
			problem = input.segments.filter(segment => segment.family === undefined).map(segment => segmentText(segment)).find(Boolean) ?? '';
		}

		const fenced: string[] = [];
		const inline: string[] = [];
		for (const segment of input.segments) {
			const found = segmentErrors(segment);
			fenced.push(...found.fenced);
			inline.push(...found.inline);
		}

		const resolution = texts('resolution', true).join('\n\n');
		const workaround = texts('workaround', true).join('\n\n');
		const statusText = of('status').map(segment => segmentText(segment)).join(' ') || undefined;
		const date = of('date').map(segment => plainInline(segment.rest)).find(Boolean) ?? this.documentDate;

		return {
			id: `${this.slug}#${input.id}`,
			anchors: input.anchors,
			title: input.title,
			file: this.source.file,
			line: input.line,
			problem,
			errors: unique([...fenced, ...inline]),
			...(rootCause ? {rootCause} : {}),
			...(resolution || workaround ? {resolution: [resolution, workaround ? `Workaround:${workaround.includes('\n') ? '\n' : ' '}${workaround}` : ''].filter(Boolean).join('\n\n')} : {}),
			attempted: of('attempted').flatMap(segment => segmentItems(segment)).map(item => item.replace(/^tried\s*:?\s*/i, '')),
			tradeoffs: of('tradeoffs').flatMap(segment => segmentItems(segment)),
			lessons: of('lessons').flatMap(segment => segmentItems(segment)),
			...(date ? {date} : {}),
			status: detectStatus({
				statusText,
				hasResolution: resolution !== '',
				hasWorkaround: workaround !== '',
				hasDateResolved: of('date-resolved').length > 0,
				title: input.title,
				context: input.context,
			}),
			...(recordedCause ? {cause: recordedCause, linkedBy: 'recorded' as const} : {}),
			body: input.body,
		};
	}

	private findDocumentDate(): string | undefined {
		for (const section of this.outline.sections) {
			if (isTemplate(section)) {
				continue;
			}

			for (const block of section.blocks) {
				if (block.kind === 'label' && fieldFamilyOf(block.label.name) === 'date') {
					const date = plainInline(block.label.rest);
					if (date) {
						return date;
					}
				}
			}
		}

		return undefined;
	}

	/** Heading anchors are unique already; a list item's slug must not collide with one. */
	private uniqueId(base: string): string {
		const id = base || 'entry';
		let unique = id;
		for (let count = 1; this.usedIds.has(unique); count++) {
			unique = `${id}-${count}`;
		}

		this.usedIds.add(unique);
		return unique;
	}

	private bodyOf(startLine: number, endLine: number): string {
		const lines = this.outline.lines.slice(startLine - 1, endLine);
		while (lines.length > 0 && /^\s*(-{3,}|\*{3,}|_{3,})?\s*$/.test(lines.at(-1)!)) {
			lines.pop();
		}

		return lines.join('\n');
	}
}

function isBlockerEntry(segments: readonly FieldSegment[]): boolean {
	const hasProblem = segments.some(segment => isProblemFamily(segment.family));
	const hasFollowUp = segments.some(segment => isFollowUpFamily(segment.family));
	const hasErrorText = segments.some(segment => {
		const errors = segmentErrors(segment);
		return errors.fenced.length > 0 || (segment.family === 'error' && errors.inline.length > 0);
	});
	return (hasProblem && hasFollowUp) || hasErrorText;
}

function anchorsOf(section: Section): string[] {
	const anchors: string[] = [];
	for (let current: Section | undefined = section; current; current = current.parent) {
		if (current.anchor) {
			anchors.push(current.anchor);
		}
	}

	return anchors;
}

function ancestorTitles(section: Section): string[] {
	const titles: string[] = [];
	for (let parent = section.parent; parent; parent = parent.parent) {
		if (parent.title) {
			titles.push(parent.title);
		}
	}

	return titles;
}

function unique(values: readonly string[]): string[] {
	const seen = new Set<string>();
	return values.filter(value => {
		const key = value.trim();
		if (key === '' || seen.has(key)) {
			return false;
		}

		seen.add(key);
		return true;
	});
}
