import {Box, Text} from 'ink';
import {useState} from 'react';
import type {Finding} from '../../core/finding.js';
import type {Note} from '../../core/note.js';
import type {CauseCandidate} from '../navigation.js';
import {describePlaybookOrigin} from '../../core/playbook-origin.js';
import type {Playbook} from '../../core/playbook-schema.js';
import {Footer} from '../components/footer.js';
import {HangingLine} from '../components/hanging-line.js';
import {WrappedText} from '../components/wrapped-text.js';
import {ScrollScreen} from '../components/scroll-area.js';
import {stepWithin, type KeyAction} from '../keymap.js';
import {color} from '../theme.js';
import {useScreenKeys} from '../use-screen-keys.js';
import {scrollByKey, scrollKeys, useScrollArea} from '../use-scroll-area.js';

type Props = {
	readonly playbook: Playbook;
	/** The diagnosed container this playbook was matched for, if any. */
	readonly finding?: Finding;
	/** Why it matched (signature, words), from the ranking. */
	readonly why: readonly string[];
	/** How the finding's container looks in the newest scan, when known. */
	readonly containerNow?: string;
	/** The playbooks diagnose ranked for the finding, best first; a digit switches to one. */
	readonly candidates?: readonly CauseCandidate[];
	/** Past-blocker notes with the same cause. */
	readonly notes: readonly Note[];
	/** The terminal's rows: the page fits them and scrolls inside. */
	readonly rows: number;
	readonly isActive: boolean;
	readonly onFix: () => void;
	readonly onOpenNote: (note: Note) => void;
	readonly onSwitch?: (candidate: CauseCandidate) => void;
	readonly onAction: (action: 'back' | 'search' | 'help' | 'quit') => void;
};

const riskLabel = {'read-only': 'read-only', safe: 'safe', caution: 'caution', destructive: 'DESTRUCTIVE'} as const;

/**
 * What is wrong, the evidence that matched, what the fix will do, and where it was seen before.
 * The title stays on top and the keys at the bottom; a page taller than the terminal scrolls
 * between them (↑↓/jk, or the selected note follows them, and PgUp/PgDn).
 */
export function PlaybookScreen({playbook, finding, why, containerNow, candidates = [], notes, rows, isActive, onFix, onOpenNote, onSwitch, onAction}: Props) {
	const [selectedNote, setSelectedNote] = useState(0);
	const area = useScrollArea();
	const paging = scrollKeys(area, {lines: notes.length === 0});
	const switching: KeyAction[] = candidates.length > 1 && onSwitch ? ['other-cause'] : [];
	const keys: KeyAction[] = notes.length > 0
		? ['fix', ...switching, 'move', ...paging, 'open', 'back', 'search', 'help', 'quit']
		: ['fix', ...switching, ...paging, 'back', 'search', 'help', 'quit'];

	useScreenKeys({
		context: 'playbook',
		keys,
		forward: ['back', 'search', 'help', 'quit'],
		onForward: onAction,
		onKey(action, input, key) {
			if (action === 'fix') {
				onFix();
			} else if (action === 'other-cause') {
				const candidate = candidates[Number(input) - 1];
				if (candidate && candidate.playbook !== playbook.id) {
					onSwitch?.(candidate);
				}
			} else if (action === 'open' && notes[selectedNote]) {
				onOpenNote(notes[selectedNote]);
			} else if (action === 'move') {
				setSelectedNote(current => stepWithin(current, notes.length - 1, input, key));
			} else {
				scrollByKey(area, action, input, key);
			}
		},
		isActive,
	});

	const matched = matchedExcerpt(why);
	const header = (
		<>
			<Text bold>{playbook.title}</Text>
			<Text color={color('muted')}>
				{`${playbook.id} · cause ${playbook.cause}${playbook.origin.source === 'shipped' ? '' : ` · ${describePlaybookOrigin(playbook.origin)}`}`}
			</Text>
			{finding && containerNow !== undefined && <Text color={color('muted')} wrap="truncate-end">{`${finding.container} now: ${containerNow}`}</Text>}
		</>
	);
	return (
		<ScrollScreen area={area} rows={rows} header={header} footer={<Footer context="playbook" only={keys}/>} {...(notes.length > 0 ? {followKey: selectedNote} : {})} followAtStart={false}>
			<Box marginTop={1} flexDirection="column">
				<Text bold>Root cause</Text>
				<WrappedText><Text>{playbook.summary}</Text></WrappedText>
			</Box>
			{switching.length > 0 && (
				<Box marginTop={1} flexDirection="column">
					<Text bold>{`Likely causes${finding ? ` for ${finding.container}` : ''} (press 1-${Math.min(candidates.length, 9)} to switch)`}</Text>
					{candidates.slice(0, 9).map((candidate, index) => {
						const current = candidate.playbook === playbook.id;
						return (
							<HangingLine key={candidate.playbook} marker={`${current ? '▶' : ' '} ${index + 1}. `} markerColor={current ? color('accent') : undefined}>
								<Text color={current ? color('accent') : undefined} bold={current}>{`${candidate.title} (${candidate.playbook}, score ${candidate.score.toFixed(2)})`}</Text>
							</HangingLine>
						);
					})}
				</Box>
			)}
			{finding && (
				<Box marginTop={1} flexDirection="column">
					<Text bold>
						{'Evidence from '}
						<Text color={color('highlight')}>{finding.container}</Text>
						{`: ${finding.summary}`}
					</Text>
					{finding.evidence.slice(0, 8).map((line, index) => {
						const isMatch = matched !== undefined && line.text.includes(matched);
						return (
							// Wrapped in its column, not cut: a line's end is often what it says (", but not executable").
							<Box key={`${line.kind}-${index}`}>
								<Box width={2} flexShrink={0}><Text color={isMatch ? color('highlight') : undefined}>{isMatch ? '▶' : ''}</Text></Box>
								<WrappedText><Text wrap="wrap" color={isMatch ? color('highlight') : undefined} bold={isMatch}>{line.text}</Text></WrappedText>
							</Box>
						);
					})}
				</Box>
			)}
			{!finding && matched !== undefined && (
				<Text wrap="truncate-end" color={color('highlight')}>{`Matched: ${matched}`}</Text>
			)}
			{playbook.tradeoffs.length > 0 && (
				<Box marginTop={1} flexDirection="column">
					<Text bold>Trade-offs</Text>
					{playbook.tradeoffs.map(tradeoff => (
						<HangingLine key={tradeoff} marker="  • ">
							<Text>{tradeoff}</Text>
						</HangingLine>
					))}
				</Box>
			)}
			<Box marginTop={1} flexDirection="column">
				<Text bold>{`Steps ahead (${playbook.steps.length})`}</Text>
				{playbook.steps.map((step, index) => (
					<Text key={step.id} wrap="truncate-end" color={step.risk === 'destructive' ? color('error') : undefined}>
						{`  ${index + 1}. ${step.title} [${riskLabel[step.risk]}]`}
					</Text>
				))}
			</Box>
			{notes.length > 0 && (
				<Box marginTop={1} flexDirection="column">
					<Text bold>Seen before</Text>
					{notes.map((note, index) => (
						<Box key={note.id} {...(index === selectedNote ? {ref: area.followRef} : {})}>
							<HangingLine marker={index === selectedNote ? '❯ ' : '  '} markerColor={color('accent')}>
								<Text color={index === selectedNote ? color('accent') : undefined}>{seenBefore(note)}</Text>
							</HangingLine>
						</Box>
					))}
				</Box>
			)}
		</ScrollScreen>
	);
}

/** The text a signature matched, from its reason: `signature /…/ matched "EACCES: …"`. */
export function matchedExcerpt(why: readonly string[]): string | undefined {
	const reason = why.find(candidate => candidate.startsWith('signature '));
	const excerpt = reason === undefined ? undefined : /matched "(.*)"/.exec(reason)?.[1]?.replaceAll('…', '').trim();
	return excerpt ? excerpt.slice(0, 40) : undefined;
}

/** 'seen before in knowledge/x.md, LocalStack will not start: resolved by "Removed the volume"'. */
export function seenBefore(note: Note): string {
	const how = firstSentence(note.resolution ?? '');
	switch (note.status) {
		case 'resolved': {
			return `seen before in ${note.file}, ${note.title}: ${how ? `resolved by "${how}"` : 'resolved'}`;
		}

		case 'workaround': {
			return `seen before in ${note.file}, ${note.title}: ${how ? `worked around by "${how}"` : 'worked around'}`;
		}

		default: {
			return `seen before in ${note.file}, ${note.title}: ${how ? `tried "${how}"` : `still ${note.status === 'open' ? 'open' : 'unresolved'}`}`;
		}
	}
}

function firstSentence(text: string): string {
	const flat = text.replaceAll(/\s+/g, ' ').replace(/^(?:[-*+]|\d+[.)])\s+/, '').replace(/^workaround:\s*/i, '').trim();
	const end = flat.search(/[.!?](\s|$)/);
	const sentence = end === -1 ? flat : flat.slice(0, end);
	return sentence.length > 100 ? `${sentence.slice(0, 99)}…` : sentence;
}
