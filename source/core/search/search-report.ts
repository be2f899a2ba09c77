import {neutralizeTerminalText} from '../neutralize-terminal-text.js';
import type {SearchResult} from './search-result.js';

export type SearchReport = {
	readonly query: string;
	readonly results: ReadonlyArray<{
		readonly kind: SearchResult['kind'];
		readonly id: string;
		readonly title: string;
		readonly cause: string | null;
		readonly score: number;
		readonly why: readonly string[];
		/** Other playbooks and notes of the same cause. */
		readonly also: ReadonlyArray<{readonly kind: SearchResult['kind']; readonly id: string; readonly title: string}>;
		readonly file?: string;
		readonly line?: number;
	}>;
};

/**
 * The report as printed or written as JSON. The query is pasted text (often a container's log) and
 * notes come from a team's markdown: everything is neutralised, so no escape sequence reaches the
 * terminal, not even through `--json | jq`.
 */
export function searchReport(query: string, results: readonly SearchResult[]): SearchReport {
	return {
		query: neutralizeTerminalText(query),
		results: results.map(result => ({
			kind: result.kind,
			id: result.id,
			title: neutralizeTerminalText(result.title),
			cause: result.cause ?? null,
			score: result.score,
			why: result.why.map(reason => neutralizeTerminalText(reason)),
			also: result.also.map(other => ({kind: other.kind, id: other.id, title: neutralizeTerminalText(other.title)})),
			...(result.note ? {file: result.note.file, line: result.note.line} : {}),
		})),
	};
}

export function formatSearchText(report: SearchReport): string {
	if (report.results.length === 0) {
		return 'No playbook or note matches. Try other words, or paste the error line itself.\n';
	}

	const lines: string[] = [];
	for (const [position, result] of report.results.entries()) {
		const where = result.kind === 'note' && result.file ? ` · ${result.file}:${result.line ?? 1}` : '';
		lines.push(
			`${position + 1}. ${result.title}`,
			`   ${result.kind} ${result.id} · cause ${result.cause ?? 'unknown'} · score ${result.score.toFixed(2)}${where}`,
			...result.why.slice(0, 3).map(reason => `   why: ${reason}`),
			...(result.also.length > 0 ? [`   also: ${result.also.map(other => `${other.kind} ${other.id}`).join(', ')}`] : []),
		);
	}

	const best = report.results.find(result => result.kind === 'playbook');
	if (best) {
		lines.push('', `Next: unblock fix ${best.id}`);
	}

	return `${lines.join('\n')}\n`;
}
