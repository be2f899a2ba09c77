import {cleanUntrustedText} from '../clean-untrusted-text.js';
import {redactedMarker} from '../redact-secrets.js';

/** What `unblock record` (or the end of a guided fix) saves about one incident. */
export type Incident = {
	readonly title: string;
	/** When it happened, as the team writes dates: "2026-02-06", "Day 2". */
	readonly date: string;
	readonly service?: string;
	/** A cause slug from causes.ts, so the entry links to that cause's playbook. */
	readonly cause?: string;
	readonly symptoms: readonly string[];
	/** Error text as captured: logs, engine errors. Redacted before it is written. */
	readonly evidence: readonly string[];
	readonly rootCause?: string;
	readonly tried: readonly string[];
	/** The steps actually run that fixed it, commands as typed. */
	readonly worked: readonly string[];
	readonly resolution?: string;
	readonly tradeoffs: readonly string[];
	readonly lessons: readonly string[];
	readonly status: 'open' | 'resolved' | 'workaround';
};

export type EntryOptions = {
	/** `###` by default; one below the section the entry is filed under. */
	readonly headingLevel?: number;
	/** Literal secret values to hide wherever they appear (the environment's passwords, tokens). */
	readonly secretValues?: readonly string[];
};

const statusLine: Record<Incident['status'], string> = {
	open: '\u{1F534} Open',
	workaround: '\u{1F7E1} Workaround',
	resolved: '\u{1F7E2} Resolved',
};

/**
 * The incident as a blocker-log entry in the team's template (Date Opened, Service/Area, Issue,
 * the error in a fence, Root Cause, Attempted Solutions, Current Status, Resolution, Trade-offs,
 * Lessons Learned, Date Resolved). Every value is redacted and loses terminal escape sequences
 * (pasted logs carry colours); evidence also loses environment values.
 */
export function formatIncidentEntry(incident: Incident, options: EntryOptions = {}): string {
	const plain = (text: string) => cleanUntrustedText(text, {secrets: options.secretValues, maximumLineLength: Number.POSITIVE_INFINITY});
	const clean = (text: string) => escapeBlockStarts(plain(text).trim());
	const oneLine = (text: string) => clean(text).replace(/\s*\n\s*/g, ' ');
	const level = Math.min(Math.max(options.headingLevel ?? 3, 1), 6);
	const blocks: string[] = [];

	blocks.push(`${'#'.repeat(level)} ${oneLine(incident.title)}`);

	const meta = [`**Date Opened**: ${oneLine(incident.date)}  `];
	if (incident.service) {
		meta.push(`**Service/Area**: ${oneLine(incident.service)}  `);
	}

	if (incident.cause) {
		meta.push(`**Cause**: \`${incident.cause}\`  `);
	}

	blocks.push(meta.join('\n'));

	const symptoms = incident.symptoms.map(oneLine).filter(Boolean);
	const issue = symptoms.length === 1 ? symptoms[0]! : symptoms.map(symptom => `- ${symptom}`).join('\n');
	const evidence = incident.evidence
		.map(text => redactEnvironmentValues(plain(text)).replace(/\s+$/g, ''))
		.filter(Boolean);
	blocks.push([`**Issue**: `, issue || 'See the error below.', ...evidence.map(fenced)].join('\n'));

	if (incident.rootCause?.trim()) {
		blocks.push(`**Root Cause**:\n${clean(incident.rootCause)}`);
	}

	const tried = incident.tried.map(oneLine).filter(Boolean);
	if (tried.length > 0) {
		blocks.push(`**Attempted Solutions**:\n${tried.map((item, index) => `${index + 1}. **Tried**: ${item}`).join('\n')}`);
	}

	blocks.push(`**Current Status**: ${statusLine[incident.status]}  `);

	const worked = incident.worked.map(oneLine).filter(Boolean);
	if (incident.resolution?.trim() || worked.length > 0) {
		const lines = ['**Resolution**:'];
		if (incident.resolution?.trim()) {
			lines.push(clean(incident.resolution));
		}

		if (worked.length > 0) {
			lines.push(...(incident.resolution?.trim() ? ['', 'Steps that worked:'] : []), ...worked.map((step, index) => `${index + 1}. ${inlineCode(step)}`));
		}

		blocks.push(lines.join('\n'));
	}

	const tradeoffs = incident.tradeoffs.map(oneLine).filter(Boolean);
	if (tradeoffs.length > 0) {
		blocks.push(`**Trade-offs**:\n${tradeoffs.map(item => `- ${item}`).join('\n')}`);
	}

	const lessons = incident.lessons.map(oneLine).filter(Boolean);
	if (lessons.length > 0) {
		blocks.push(`**Lessons Learned**:\n${lessons.map((item, index) => `${index + 1}. ${item}`).join('\n')}`);
	}

	if (incident.status === 'resolved') {
		blocks.push(`**Date Resolved**: ${oneLine(incident.date)}`);
	}

	return `${blocks.join('\n\n')}\n`;
}

// NAME=value as an environment dump shows it (docker inspect, env, compose config).
const environmentAssignment = /\b([A-Z][A-Z\d_]*[A-Z\d])=("[^"\n]*"|'[^'\n]*'|[^\s"',;]+)/g;

/** Evidence keeps variable names, never their values: they are the user's environment. */
function redactEnvironmentValues(text: string): string {
	return text.replace(environmentAssignment, (_match, name: string) => `${name}=${redactedMarker}`);
}

function fenced(text: string): string {
	const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(match => match[0].length));
	const fence = '`'.repeat(longest + 1);
	return `${fence}\n${text}\n${fence}`;
}

function inlineCode(text: string): string {
	if (!text.includes('`')) {
		return `\`${text}\``;
	}

	return `\`\` ${text} \`\``;
}

/** User text must not open a heading, label or fence of its own inside the entry. */
function escapeBlockStarts(text: string): string {
	return text
		.split('\n')
		.map(line => line
			.replace(/^(\s*)(#{1,6})(?=\s|$)/, (_match, space: string, hashes: string) => `${space}\\${hashes}`)
			.replace(/^(\s*)(\*\*|__)/, (_match, space: string, marker: string) => `${space}\\${marker[0]}\\${marker[1]}`)
			.replace(/^(\s*)(`{3,}|~{3,})/, (_match, space: string, marker: string) => `${space}\\${marker}`)
			.replace(/^(\s*)(-{3,}|\*{3,}|_{3,})\s*$/, (_match, space: string, marker: string) => `${space}\\${marker}`))
		.join('\n');
}
