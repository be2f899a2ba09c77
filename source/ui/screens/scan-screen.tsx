import {Box, Text, type DOMElement} from 'ink';
import Spinner from 'ink-spinner';
import type {RefObject} from 'react';
import {groupByProject, summarizeContainer, type ContainerSummaryOptions} from '../../core/container-summary.js';
import type {DiagnosedFinding, DiagnoseResult} from '../../core/diagnose-report.js';
import {engineHeadline} from '../../core/engine-headline.js';
import {scanProblemLine} from '../../core/scan-problem-line.js';
import type {ContainerSnapshot, ScanProblem} from '../../core/snapshot.js';
import type {ScanState} from '../app-state.js';
import {Footer} from '../components/footer.js';
import {HangingLine} from '../components/hanging-line.js';
import {ScrollScreen} from '../components/scroll-area.js';
import {keysOf, stepWithin, type KeyAction} from '../keymap.js';
import {color} from '../theme.js';
import {useScreenKeys} from '../use-screen-keys.js';
import {scrollByKey, scrollKeys, useScrollArea} from '../use-scroll-area.js';

type Props = {
	readonly scan: ScanState;
	readonly selected: number;
	/** The terminal's rows: the screen fits them, its body scrolls. */
	readonly rows: number;
	/** The runtime's clock: the header says how long ago the engine was looked at. */
	readonly now: number;
	/** One line above everything (files the knowledge base skipped). */
	readonly notice?: string;
	readonly isActive: boolean;
	readonly onSelect: (index: number) => void;
	readonly onOpen: (finding: DiagnosedFinding) => void;
	readonly onAction: (action: 'search' | 'rescan' | 'help' | 'quit') => void;
};

/** Containers shown at most; the ones with problems always are. */
const maximumContainers = 12;

/** Problems of the scan shown at most; `unblock diagnose` lists them all. */
const maximumProblems = 5;

/** "restarting · 5 restarts · unhealthy · 8080→80/tcp". */
const screenSummary: ContainerSummaryOptions = {separator: ' · ', exitCode: 'stopped', ports: true};

/**
 * What the engine looks like: containers by compose project, then each problem with its best
 * playbook. The headline stays on top and the keys at the bottom; what does not fit between them
 * scrolls, following the selected problem.
 */
export function ScanScreen({scan, selected, rows, now, notice, isActive, onSelect, onOpen, onAction}: Props) {
	const area = useScrollArea();
	const result = scan.status === 'done' && scan.outcome.kind === 'scanned' ? scan.outcome.result : undefined;
	const findings = result?.findings ?? [];
	const paging = scrollKeys(area, {lines: findings.length === 0});
	const keys: KeyAction[] = scan.status === 'scanning'
		? ['search', 'help', 'quit']
		: findings.length > 0 ? ['move', ...paging, 'open', 'search', 'rescan', 'help', 'quit'] : [...paging, 'search', 'rescan', 'help', 'quit'];

	useScreenKeys({
		context: 'scan',
		keys,
		forward: ['search', 'rescan', 'help', 'quit'],
		onForward: onAction,
		onKey(action, input, key) {
			if (action === 'move') {
				onSelect(stepWithin(selected, findings.length - 1, input, key));
			} else if (action === 'open' && findings[selected]) {
				onOpen(findings[selected]);
			} else {
				scrollByKey(area, action, input, key);
			}
		},
		isActive,
	});

	const header = (
		<>
			{notice !== undefined && <Text color={color('warning')} wrap="truncate-end">{notice}</Text>}
			{result && scan.status === 'done' && (
				<>
					<Text color={color('muted')} wrap="truncate-end">
						{`${engineHeadline(result.engine)}${result.project ? ` · project ${result.project}` : ''}`}
					</Text>
					<Text color={color('muted')} wrap="truncate-end">{`updated ${timeAgo(now - scan.lookedAt)} (${clockTime(scan.lookedAt)})${scan.refreshing ? ' · looking again…' : ''}`}</Text>
				</>
			)}
		</>
	);
	return (
		<ScrollScreen area={area} rows={rows} header={header} footer={<Footer context="scan" only={keys}/>} followKey={result ? `${selected}-${findings[selected]?.container ?? ''}` : undefined}>
			{result ? <ScanSummary result={result} selected={selected} followRef={area.followRef}/> : <ScanBody scan={scan}/>}
		</ScrollScreen>
	);
}

function ScanBody({scan}: {readonly scan: ScanState}) {
	if (scan.status === 'scanning') {
		return (
			<Text>
				<Text color={color('accent')}><Spinner type="dots"/></Text>
				{' Scanning the Docker engine…'}
			</Text>
		);
	}

	if (scan.status === 'failed') {
		return <Text color={color('error')}>{`The scan failed: ${scan.message}`}</Text>;
	}

	if (scan.outcome.kind === 'no-engine') {
		const {message, hint, beforeLookingAgain} = scan.outcome;
		return (
			<Box flexDirection="column">
				<Text color={color('warning')}>{`No Docker engine: ${message}: ${beforeLookingAgain === undefined ? hint : `${beforeLookingAgain}, then press ${keysOf('rescan')} to look again`}`}</Text>
				<Text color={color('muted')}>Search and playbooks work without it: press / and describe what you see.</Text>
			</Box>
		);
	}

	return null;
}

/** "10:42:05", local time: when the screen last looked at the engine. */
export function clockTime(epochMs: number): string {
	return new Date(epochMs).toTimeString().slice(0, 8);
}

/** "3 s ago", "2 min ago": how long since the screen looked at the engine. */
export function timeAgo(elapsedMs: number): string {
	const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
	return seconds < 60 ? `${seconds} s ago` : seconds < 3600 ? `${Math.floor(seconds / 60)} min ago` : `${Math.floor(seconds / 3600)} h ago`;
}

function ScanSummary({result, selected, followRef}: {readonly result: DiagnoseResult; readonly selected: number; readonly followRef: RefObject<DOMElement | null>}) {
	const severity = new Map(result.findings.map(finding => [finding.container, finding.severity]));
	const shown = containersToShow(result.containers, severity);
	const hidden = result.containers.length - shown.length;
	const nameWidth = Math.min(32, Math.max(0, ...shown.map(container => container.name.length)));
	return (
		<Box flexDirection="column">
			{result.containers.length === 0 && (
				<Box marginTop={1}><Text>{result.project ? `No containers in compose project "${result.project}".` : 'No containers.'}</Text></Box>
			)}
			{groupByProject(shown).map(([project, containers]) => (
				<Box key={project ?? ''} flexDirection="column" marginTop={1}>
					<Text bold>{project ?? '(no compose project)'}</Text>
					{containers.map(container => {
						const mark = severity.get(container.name);
						return (
							<Text key={container.id} wrap="truncate-end">
								{'  '}
								<Text color={color(mark === 'error' ? 'error' : mark === 'warning' ? 'warning' : 'success')}>{mark === 'error' ? '✗' : mark === 'warning' ? '!' : '✓'}</Text>
								{` ${container.name.padEnd(nameWidth)}  ${summarizeContainer(container, screenSummary)}`}
							</Text>
						);
					})}
				</Box>
			))}
			{hidden > 0 && <Text color={color('muted')}>{`  … and ${hidden} more container${hidden === 1 ? '' : 's'} with nothing detected`}</Text>}
			<Box marginTop={1} flexDirection="column">
				{result.findings.length === 0
					? <Text color={color('success')}>Nothing is broken. If something still misbehaves, press / and describe it.</Text>
					: <Text bold>{`${result.findings.length} problem${result.findings.length === 1 ? '' : 's'} found`}</Text>}
				{result.findings.map((finding, index) => (
					<Box key={`${finding.container}-${finding.symptom}`} {...(index === selected ? {ref: followRef} : {})} flexDirection="column">
						<FindingRow finding={finding} isSelected={index === selected}/>
					</Box>
				))}
			</Box>
			<ScanProblems problems={result.problems}/>
		</Box>
	);
}

/** What the scan could not read, one line each: the container, what was asked for, why not. */
function ScanProblems({problems}: {readonly problems: readonly ScanProblem[]}) {
	if (problems.length === 0) {
		return null;
	}

	const hidden = problems.length - maximumProblems;
	return (
		<Box marginTop={1} flexDirection="column">
			<Text color={color('warning')}>Could not read everything:</Text>
			{problems.slice(0, maximumProblems).map((problem, index) => (
				<Text key={index} color={color('muted')} wrap="truncate-end">
					{`  ${scanProblemLine(problem)}`}
				</Text>
			))}
			{hidden > 0 && <Text color={color('muted')}>{`  … and ${hidden} more (unblock diagnose lists them all)`}</Text>}
		</Box>
	);
}

function FindingRow({finding, isSelected}: {readonly finding: DiagnosedFinding; readonly isSelected: boolean}) {
	const [best] = finding.matches;
	return (
		<Box flexDirection="column">
			<HangingLine marker={isSelected ? '❯ ' : '  '} markerColor={color('accent')}>
				<Text color={isSelected ? color('accent') : undefined}>
					<Text color={color(finding.severity === 'error' ? 'error' : 'warning')}>{finding.severity === 'error' ? '✗' : '!'}</Text>
					{' '}
					<Text bold>{finding.container}</Text>
					{`: ${finding.summary}`}
				</Text>
			</HangingLine>
			<Text color={color('muted')} wrap="truncate-end">
				{best
					? `    ${best.signatureMatched ? 'best playbook' : 'possibly related'}: ${best.title} (${best.playbook})`
					: '    no playbook matches this yet: press / and describe it'}
			</Text>
		</Box>
	);
}

function containersToShow(containers: readonly ContainerSnapshot[], severity: ReadonlyMap<string, unknown>): ContainerSnapshot[] {
	const room = Math.max(0, maximumContainers - containers.filter(container => severity.has(container.name)).length);
	let healthy = 0;
	return containers.filter(container => severity.has(container.name) || healthy++ < room);
}
