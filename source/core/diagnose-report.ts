/**
 * What `unblock diagnose` reports: the containers, the findings with the playbooks that match
 * them best (ranked by the same search as `unblock search`, told the container's condition),
 * and the text and JSON renderings of that. Pure: the command hands in the snapshot and index.
 */
import {groupByProject, summarizeContainer, type ContainerSummaryOptions} from './container-summary.js';
import {detectFindings} from './detectors/registry.js';
import {engineHeadline} from './engine-headline.js';
import type {Finding, Severity} from './finding.js';
import {scanProblemLine} from './scan-problem-line.js';
import {search, type SearchIndex} from './search/search.js';
import {wasRemovedDuringScan, type ContainerSnapshot, type EngineInfo, type ScanProblem, type Snapshot} from './snapshot.js';

const defaultMatchLimit = 3;

const reportSummary: ContainerSummaryOptions = {separator: ', ', exitCode: 'not-running', ports: false};

export type DiagnoseMatch = {
	readonly playbook: string;
	readonly title: string;
	readonly cause: string;
	readonly score: number;
	/** Why it matched: which signature, which words. */
	readonly why: readonly string[];
	/** One of the playbook's error signatures matched (not only similar words). */
	readonly signatureMatched: boolean;
};

export type DiagnosedFinding = Finding & {
	readonly matches: readonly DiagnoseMatch[];
};

export type DiagnoseResult = {
	readonly engine: EngineInfo;
	readonly project?: string;
	readonly containers: readonly ContainerSnapshot[];
	readonly findings: readonly DiagnosedFinding[];
	readonly problems: readonly ScanProblem[];
};

/**
 * The playbooks each finding's text matched, by that text: what one scan ranked, kept for the
 * next scan against the same index (a rescan mostly finds what the last one did). Each scan
 * reads it, then leaves in it only what it ranked itself.
 */
export type RankedFindings = Map<string, readonly DiagnoseMatch[]>;

export function buildDiagnoseResult(snapshot: Snapshot, index: SearchIndex, options: {project?: string; matchLimit?: number; rankings?: RankedFindings} = {}): DiagnoseResult {
	const limit = options.matchLimit ?? defaultMatchLimit;
	// Replicas failing alike (a scaled worker, a restart loop in each of five services) give the
	// same text to match: it is ranked once.
	const ranked: RankedFindings = new Map();
	const findings = detectFindings(snapshot).map((finding): DiagnosedFinding => {
		const key = JSON.stringify([finding.matchText, finding.sourcedText ?? null, finding.conditions, finding.exitCode ?? null, limit]);
		const matches = ranked.get(key) ?? options.rankings?.get(key) ?? matchPlaybooks(index, finding, limit);
		ranked.set(key, matches);
		return {...finding, matches};
	});
	options.rankings?.clear();
	for (const [key, matches] of ranked) {
		options.rankings?.set(key, matches);
	}
	return {engine: snapshot.engine, project: options.project, containers: snapshot.containers, findings, problems: snapshot.problems};
}

/** Containers the engine listed but that could not be inspected (for another reason than being removed). */
export function unreadContainers(result: Pick<DiagnoseResult, 'problems'>): string[] {
	return result.problems
		.filter(problem => problem.container !== undefined && problem.operation === 'inspect' && !wasRemovedDuringScan(problem))
		.map(problem => problem.container ?? '');
}

/** Something needs the user: a finding, or a container that could not be read (a clean bill would be a guess). */
export function needsAttention(result: DiagnoseResult): boolean {
	return result.findings.length > 0 || unreadContainers(result).length > 0;
}

function matchPlaybooks(index: SearchIndex, finding: Finding, limit: number): DiagnoseMatch[] {
	// A health check that prints nothing still has its command; an observed fact needs no log line.
	if (!finding.matchText.trim() && !Object.values(finding.sourcedText ?? {}).some(text => text?.trim())) {
		return [];
	}

	// Notes are left out: a finding is answered with playbooks, which can be run.
	return search(index, finding.matchText, {limit: limit + 10, conditions: finding.conditions, exitCode: finding.exitCode, sourcedText: finding.sourcedText, machineText: true})
		.filter(result => result.kind === 'playbook' && result.cause)
		.slice(0, limit)
		.map(result => ({
			playbook: result.id,
			title: result.title,
			cause: result.cause ?? '',
			score: result.score,
			why: result.why,
			signatureMatched: result.why.some(reason => reason.startsWith('signature ')),
		}));
}

/** The stable JSON shape: fields may be added, never renamed or removed. */
export function diagnoseJson(result: DiagnoseResult): Record<string, unknown> {
	return {
		engine: engineJson(result.engine),
		...(result.project ? {project: result.project} : {}),
		containers: result.containers.map(container => ({
			name: container.name,
			image: container.image,
			project: container.project ?? null,
			service: container.service ?? null,
			state: container.state,
			health: container.health?.status ?? 'none',
			restartCount: container.restartCount,
			exitCode: container.exitCode,
			oomKilled: container.oomKilled,
			...(container.error ? {error: container.error} : {}),
			...(container.lastRun ? {lastRun: container.lastRun} : {}),
		})),
		findings: result.findings.map(finding => ({
			container: finding.container,
			symptom: finding.symptom,
			severity: finding.severity,
			summary: finding.summary,
			evidence: finding.evidence.map(item => item.text),
			conditions: finding.conditions,
			...(finding.exitCode === undefined ? {} : {exitCode: finding.exitCode}),
			facts: finding.facts,
			matches: finding.matches.map(match => ({playbook: match.playbook, title: match.title, cause: match.cause, score: match.score})),
		})),
		problems: result.problems,
	};
}

/**
 * What to say when --project matches no container: the projects there are (undefined when the
 * engine could not list them), so a typo is seen at once.
 */
export function unknownProjectError(project: string, projects: readonly string[] | undefined): {message: string; hint: string} {
	const message = `no container belongs to compose project "${project}"`;
	if (projects === undefined) {
		return {message, hint: 'docker compose ls lists the projects; leave --project out to diagnose every container'};
	}

	return {
		message,
		hint: projects.length === 0
			? 'no container here belongs to a compose project: leave --project out to diagnose every container'
			: `the compose projects here are ${projects.join(', ')}: unblock diagnose --project ${projects[0]!}`,
	};
}

/** The JSON document when --project matches no container. */
export function unknownProjectJson(project: string, projects: readonly string[] | undefined): Record<string, unknown> {
	const {message, hint} = unknownProjectError(project, projects);
	return {project, error: message, hint, ...(projects ? {projects} : {}), containers: [], findings: []};
}

/** The JSON document when the engine could not be reached at all. */
export function unreachableJson(engine: {host: string; context?: string}, error: {message: string; hint: string}): Record<string, unknown> {
	return {
		engine: {reachable: false, host: engine.host, ...(engine.context ? {context: engine.context} : {})},
		error: error.message,
		hint: error.hint,
		containers: [],
		findings: [],
	};
}

function engineJson(engine: EngineInfo): Record<string, unknown> {
	return {
		reachable: engine.reachable,
		host: engine.host,
		...(engine.context ? {context: engine.context} : {}),
		version: engine.version ?? null,
		apiVersion: engine.apiVersion ?? null,
		...(engine.product ? {product: engine.product} : {}),
		...(engine.rootless === undefined ? {} : {rootless: engine.rootless}),
	};
}

export type TextOptions = {
	/** ANSI colour (a TTY without NO_COLOR). */
	readonly color: boolean;
};

type Paint = (text: string, style: keyof typeof styles) => string;

const styles = {red: '31', yellow: '33', green: '32', bold: '1', dim: '2'} as const;

/** The readable report: containers grouped by compose project, then each finding with its matches and the next command. */
export function formatDiagnoseText(result: DiagnoseResult, options: TextOptions): string {
	const paint: Paint = (text, style) => options.color ? `\u001B[${styles[style]}m${text}\u001B[0m` : text;
	const lines: string[] = [];
	lines.push(engineHeadline(result.engine));

	const unread = unreadContainers(result);
	if (result.containers.length === 0 && unread.length > 0) {
		lines.push('', `No container could be read (${unread.length} listed).`);
		lines.push(...problemLines(result.problems));
		return `${lines.join('\n')}\n`;
	}

	if (result.containers.length === 0) {
		lines.push('', result.project ? `No containers in compose project "${result.project}".` : 'No containers.');
		lines.push(...problemLines(result.problems));
		return `${lines.join('\n')}\n`;
	}

	const severityOf = new Map<string, Severity>(result.findings.map(finding => [finding.container, finding.severity]));
	const nameWidth = Math.min(40, Math.max(...result.containers.map(container => container.name.length)));
	const imageWidth = Math.min(32, Math.max(...result.containers.map(container => container.image.length)));
	for (const [project, containers] of groupByProject(result.containers)) {
		lines.push('', paint(project ?? '(no compose project)', 'bold'));
		for (const container of containers) {
			const severity = severityOf.get(container.name);
			const mark = severity === 'error' ? paint('✗', 'red') : severity === 'warning' ? paint('!', 'yellow') : paint('✓', 'green');
			lines.push(`  ${mark} ${container.name.padEnd(nameWidth)}  ${container.image.padEnd(imageWidth)}  ${summarizeContainer(container, reportSummary)}`);
		}
	}

	lines.push('');
	if (result.findings.length === 0) {
		lines.push(paint('Nothing is broken.', 'green'));
	} else {
		const count = result.findings.length;
		lines.push(paint(`${count} container${count === 1 ? ' needs' : 's need'} attention:`, 'bold'));
		for (const finding of result.findings) {
			lines.push('', ...findingLines(finding, paint));
		}
	}

	lines.push(...problemLines(result.problems));
	return `${lines.join('\n')}\n`;
}

function findingLines(finding: DiagnosedFinding, paint: Paint): string[] {
	const mark = finding.severity === 'error' ? paint('✗', 'red') : paint('!', 'yellow');
	const lines = [`${mark} ${paint(finding.container, 'bold')} (${finding.symptom}): ${finding.summary}`];
	lines.push(...finding.evidence.map(item => `    ${item.text}`));
	const [best] = finding.matches;
	if (!best) {
		lines.push('  No playbook matches this yet.');
		return lines;
	}

	// Without a matched signature only words are alike: say so rather than claim a cause.
	lines.push(best.signatureMatched ? '  Likely causes:' : '  Possibly related (no known error text matched):');
	for (const [index, match] of finding.matches.entries()) {
		lines.push(`    ${index + 1}. ${match.title} ${paint(`(${match.cause}, score ${match.score.toFixed(2)})`, 'dim')}`);
	}

	lines.push(`  Next: unblock fix ${best.playbook} --container ${finding.container}`);
	return lines;
}

function problemLines(problems: readonly ScanProblem[]): string[] {
	if (problems.length === 0) {
		return [];
	}

	return ['', 'Could not read everything:', ...problems.map(problem => `  ${scanProblemLine(problem)}`)];
}
