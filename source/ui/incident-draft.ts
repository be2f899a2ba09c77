/**
 * The incident the end of a guided fix offers to record, prefilled from what happened: the
 * finding's evidence, the playbook's root cause and trade-offs, what was tried and what worked
 * (the steps actually run). The record screen edits it field by field. Pure.
 */
import type {Finding} from '../core/finding.js';
import type {Incident} from '../core/knowledge/incident-entry.js';
import type {FixState} from '../core/guided-fix/fix-state.js';
import {summarizeFix} from '../core/guided-fix/fix-summary.js';

export type IncidentDraft = {
	readonly title: string;
	readonly symptoms: readonly string[];
	readonly evidence: readonly string[];
	readonly rootCause: string;
	readonly tried: readonly string[];
	readonly worked: readonly string[];
	readonly tradeoffs: readonly string[];
	readonly lessons: readonly string[];
	readonly cause: string;
	readonly service?: string;
	readonly status: Incident['status'];
};

export type DraftField = 'title' | 'symptoms' | 'evidence' | 'rootCause' | 'tried' | 'worked' | 'tradeoffs' | 'lessons';

/** The fields in form order, with their labels; list fields are edited as items separated by " ; ". */
export const draftFields: ReadonlyArray<{readonly field: DraftField; readonly label: string; readonly list: boolean}> = [
	{field: 'title', label: 'Title', list: false},
	{field: 'symptoms', label: 'Symptoms', list: true},
	{field: 'evidence', label: 'Evidence', list: true},
	{field: 'rootCause', label: 'Root cause', list: false},
	{field: 'tried', label: 'Tried', list: true},
	{field: 'worked', label: 'Worked', list: true},
	{field: 'tradeoffs', label: 'Trade-offs', list: true},
	{field: 'lessons', label: 'Lessons', list: true},
];

/** Spaces around it, so a command's own `a;b` stays one item. */
export const listSeparator = ' ; ';

export function draftIncident(state: FixState, finding?: Finding): IncidentDraft {
	const {playbook} = state;
	const summary = summarizeFix(state);
	const tried: string[] = [];
	const worked: string[] = [];
	for (const step of summary.steps) {
		for (const attempt of step.attempts) {
			const what = attempt.how === 'by-user' ? `${step.title} (done by hand)` : attempt.command ?? step.title;
			if (attempt.passed) {
				worked.push(what);
			} else {
				tried.push(`${what}: ${attempt.reason ?? 'did not help'}`);
			}
		}
	}

	const service = finding?.facts.service ?? finding?.container;
	return {
		title: finding ? `${finding.container}: ${playbook.title}` : playbook.title,
		symptoms: finding ? [finding.summary] : playbook.symptoms.slice(0, 1),
		evidence: finding ? finding.evidence.map(item => item.text) : [],
		rootCause: playbook.summary,
		tried,
		worked,
		tradeoffs: playbook.tradeoffs,
		lessons: [],
		cause: playbook.cause,
		...(service === undefined ? {} : {service}),
		status: summary.verdict === 'fixed' ? 'resolved' : 'open',
	};
}

export function draftValue(draft: IncidentDraft, field: DraftField): string {
	const value = draft[field];
	return typeof value === 'string' ? value : value.join(listSeparator);
}

export function withDraftValue(draft: IncidentDraft, field: DraftField, text: string): IncidentDraft {
	const list = draftFields.find(candidate => candidate.field === field)?.list ?? false;
	return {...draft, [field]: list ? text.split(/\s;\s/).map(item => item.trim()).filter(Boolean) : text.trim()};
}

/** The incident to write; `date` as the team writes it (YYYY-MM-DD). */
export function incidentFromDraft(draft: IncidentDraft, date: string): Incident {
	return {
		title: draft.title,
		date,
		...(draft.service === undefined ? {} : {service: draft.service}),
		cause: draft.cause,
		symptoms: draft.symptoms,
		// The evidence lines are one excerpt: one fenced block in the entry.
		evidence: draft.evidence.length > 0 ? [draft.evidence.join('\n')] : [],
		...(draft.rootCause ? {rootCause: draft.rootCause} : {}),
		tried: draft.tried,
		worked: draft.worked,
		tradeoffs: draft.tradeoffs,
		lessons: draft.lessons,
		status: draft.status,
	};
}

export function isoDate(epochMilliseconds: number): string {
	const date = new Date(epochMilliseconds);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
