/**
 * The wizard. State lives in one reducer (app-state.ts); screens are switched in one place below;
 * every side effect goes through the injected runtime. Effects here only start work and
 * dispatch what comes back: knowledge, scans, a fix's commands and checks, a recorded incident.
 */
import {Box, Static, Text, useApp} from 'ink';
import Spinner from 'ink-spinner';
import {useCallback, useEffect, useReducer, useRef} from 'react';
import type {DiagnosedFinding} from '../core/diagnose-report.js';
import {containerFactsFor, type ContainerFacts} from '../core/container-facts.js';
import type {Finding} from '../core/finding.js';
import {notesForPlaybook} from '../core/knowledge/link-notes.js';
import type {Playbook} from '../core/playbook-schema.js';
import type {FixAction} from '../core/guided-fix/fix-action.js';
import {createFixState} from '../core/guided-fix/fix-reducer.js';
import {pendingWork} from '../core/guided-fix/pending-work.js';
import {runStepWork} from '../core/guided-fix/run-step-work.js';
import {appReducer, initialAppState, type AppAction, type AppState} from './app-state.js';
import {CompletedStepView} from './components/completed-step-view.js';
import {Footer} from './components/footer.js';
import {incidentFromDraft, isoDate} from './incident-draft.js';
import {FixScreen} from './screens/fix-screen.js';
import {HelpScreen} from './screens/help-screen.js';
import {NoteScreen} from './screens/note-screen.js';
import {PlaybookScreen} from './screens/playbook-screen.js';
import {RecordScreen} from './screens/record-screen.js';
import {ScanScreen} from './screens/scan-screen.js';
import {SearchScreen} from './screens/search-screen.js';
import {color} from './theme.js';
import {useTerminalSize} from './use-terminal-size.js';
import type {WizardKnowledge, WizardRuntime} from './wizard-runtime.js';
import {useKeys} from './use-keys.js';

export type InitialFix = {
	readonly playbook: string;
	/** The container the fix is about: its facts fill the variables. */
	readonly container?: string;
};

/** How long after a change on the engine the scan screen looks again: the rest of the burst comes meanwhile. */
const changeSettleMs = 300;

export type AppProps = {
	readonly runtime: WizardRuntime;
	/** Open the guided fix of this playbook at once (`unblock fix <playbook>`). */
	readonly initial?: InitialFix;
	readonly dryRun: boolean;
	readonly allowDestructive: boolean;
	/** Called once when the wizard ends, with the exit code and a promise that settles when the last command has stopped. */
	readonly onExit?: (code: number, settled: Promise<void>) => void;
};

export function App({runtime, initial, dryRun, allowDestructive, onExit}: AppProps) {
	const [state, dispatch] = useReducer(appReducer, initial, initialState);
	const {exit} = useApp();
	const size = useTerminalSize();
	const scanSequence = useRef(0);
	const inflight = useRef<Promise<void>>(Promise.resolve());
	const initialStarted = useRef(false);
	const needsScan = initial === undefined || initial.container !== undefined;

	// One scan at a time: a change that arrives meanwhile, or while another screen is shown, asks
	// for one more once the current one is in and the scan screen is back.
	const following = useRef({scanning: false, stale: false, onScanScreen: true});
	const startScan = useCallback((quiet = false) => {
		const sequence = ++scanSequence.current;
		const lookedAt = runtime.fix.now();
		following.current.scanning = true;
		following.current.stale = false;
		dispatch({type: 'scan-started', quiet});
		const finished = () => {
			following.current.scanning = false;
			if (following.current.stale && following.current.onScanScreen) {
				startScan(true);
			}
		};

		runtime.scan().then(
			outcome => {
				if (sequence === scanSequence.current) {
					dispatch({type: 'scan-finished', outcome, lookedAt});
					finished();
				}
			},
			(error: unknown) => {
				if (sequence === scanSequence.current) {
					dispatch({type: 'scan-failed', message: messageOf(error)});
					finished();
				}
			},
		);
	}, [runtime]);

	useEffect(() => {
		runtime.loadKnowledge().then(
			knowledge => {
				dispatch({type: 'knowledge-loaded', knowledge});
			},
			(error: unknown) => {
				dispatch({type: 'knowledge-failed', message: messageOf(error)});
			},
		);
		if (needsScan) {
			startScan();
		}
	}, [runtime]);

	// The scan screen follows the engine: a container created, dead, restarted or turned unhealthy
	// is looked at again a moment later (changes come in bursts: a restart is a die and a start).
	useEffect(() => {
		if (!needsScan || !runtime.watch) {
			return undefined;
		}

		let timer: NodeJS.Timeout | undefined;
		const stop = runtime.watch(() => {
			clearTimeout(timer);
			timer = setTimeout(() => {
				following.current.stale = true;
				if (!following.current.scanning && following.current.onScanScreen) {
					startScan(true);
				}
			}, changeSettleMs);
		});
		return () => {
			clearTimeout(timer);
			stop();
		};
	}, [runtime]);

	const onScanScreen = state.navigation.screen.name === 'scan';
	useEffect(() => {
		following.current.onScanScreen = onScanScreen;
		if (onScanScreen && following.current.stale && !following.current.scanning) {
			startScan(true);
		}
	}, [onScanScreen]);

	// `unblock fix <playbook>`: once the playbooks (and the container's scan) are in, the fix starts.
	useEffect(() => {
		if (!initial || initialStarted.current || state.knowledge.status !== 'loaded' || (needsScan && state.scan.status === 'scanning')) {
			return;
		}

		initialStarted.current = true;
		const playbook = state.knowledge.knowledge.playbooks.find(candidate => candidate.id === initial.playbook);
		if (playbook) {
			const found = initial.container === undefined ? undefined : containerFactsOnScreen(state, initial.container, playbook.id);
			const {finding, facts} = found ?? {};
			dispatch({
				type: 'fix-started',
				state: createFixState({playbook, ...(facts ? {facts} : {}), mode: {dryRun, allowDestructive}, startedAt: runtime.fix.now()}),
				...(finding ? {finding} : {}),
				replace: true,
			});
		}
	}, [state.knowledge, state.scan]);

	// The fix's pending work runs once per work id and is aborted as soon as the id is no longer
	// pending: that is how Ctrl-C stops a command's process group; leaving the wizard stops the rest.
	const fixState = state.fix?.state;
	const work = fixState ? pendingWork(fixState) : undefined;
	const workKey = work && fixState ? `${fixState.startedAt}-${work.kind}-${work.id}` : undefined;
	useEffect(() => {
		if (!work) {
			return undefined;
		}

		const controller = new AbortController();
		const report = (action: FixAction) => {
			dispatch({type: 'fix', action});
		};

		inflight.current = runStepWork(work, runtime.fix, report, controller.signal).catch((error: unknown) => {
			// The runtime promises never to reject; if one does, the step fails instead of hanging.
			if (work.kind === 'command' && !controller.signal.aborted) {
				report({type: 'command-finished', workId: work.id, startedAt: runtime.fix.now(), result: {outcome: {kind: 'not-started', reason: messageOf(error)}, output: [], truncated: false}});
			}
		});
		return () => {
			controller.abort();
		};
	}, [workKey]);

	useEffect(() => {
		if (state.exitCode !== undefined) {
			onExit?.(state.exitCode, inflight.current);
			exit();
		}
	}, [state.exitCode]);

	useKeys((input, key) => {
		if (!(key.ctrl && input === 'c')) {
			return;
		}

		const phase = state.fix?.state.phase.name;
		if (phase === 'running' || phase === 'checking' || phase === 'final-check') {
			dispatch({type: 'fix', action: {type: 'cancel'}});
		} else {
			dispatch({type: 'exit', code: 130});
		}
	}, {isActive: state.exitCode === undefined});

	const navigate = (action: Extract<AppAction, {type: 'navigate'}>['action']) => {
		dispatch({type: 'navigate', action});
	};

	const quit = () => {
		dispatch({type: 'exit', code: 0});
	};

	const common = (action: 'back' | 'search' | 'help' | 'quit') => {
		switch (action) {
			case 'back': {
				navigate({type: 'back'});
				break;
			}

			case 'search': {
				navigate({type: 'open', screen: {name: 'search', query: ''}});
				break;
			}

			case 'help': {
				navigate({type: 'toggle-help'});
				break;
			}

			case 'quit': {
				quit();
				break;
			}
		}
	};

	const startFix = (playbook: Playbook, finding?: Finding) => {
		const current = state.fix;
		if (current && current.state.playbook.id === playbook.id && current.finding?.container === finding?.container && current.state.phase.name !== 'done') {
			navigate({type: 'open', screen: {name: 'fix'}});
			return;
		}

		dispatch({
			type: 'fix-started',
			state: createFixState({playbook, ...(finding ? {facts: finding.facts} : {}), mode: {dryRun, allowDestructive}, startedAt: runtime.fix.now()}),
			...(finding ? {finding} : {}),
		});
	};

	const openFinding = (finding: DiagnosedFinding) => {
		const [best] = finding.matches;
		navigate({
			type: 'open',
			screen: best
				? {name: 'playbook', playbookId: best.playbook, finding, why: best.why}
				: {name: 'search', query: finding.matchText.split('\n').find(line => line.trim() !== '') ?? finding.summary},
		});
	};

	const saveRecord = () => {
		if (!state.record || state.record.status === 'saving' || state.record.status === 'saved') {
			return;
		}

		dispatch({type: 'record-saving'});
		runtime.record(incidentFromDraft(state.record.draft, isoDate(runtime.fix.now()))).then(
			saved => {
				dispatch({type: 'record-saved', saved});
			},
			(error: unknown) => {
				dispatch({type: 'record-failed', message: messageOf(error)});
			},
		);
	};

	const isActive = state.exitCode === undefined;
	const {screen} = state.navigation;
	const knowledge = state.knowledge.status === 'loaded' ? state.knowledge.knowledge : undefined;

	const renderScreen = () => {
		if (screen.name === 'scan') {
			return (
				<Box flexDirection="column">
					{knowledge && knowledge.skipped.length > 0 && (
						<Text color={color('warning')}>{`${knowledge.skipped.length} file${knowledge.skipped.length === 1 ? '' : 's'} skipped: unblock lint says why.`}</Text>
					)}
					<ScanScreen
						scan={state.scan}
						selected={state.selectedFinding}
						isActive={isActive}
						onSelect={index => {
							dispatch({type: 'select-finding', index});
						}}
						onOpen={openFinding}
						onAction={action => {
							if (action === 'rescan') {
								startScan(state.scan.status === 'done');
							} else {
								common(action);
							}
						}}
					/>
				</Box>
			);
		}

		if (screen.name === 'help') {
			return <HelpScreen isActive={isActive} onAction={action => common(action === 'back' ? 'help' : 'quit')}/>;
		}

		if (state.knowledge.status === 'failed') {
			return <Failure message={`The playbooks could not be loaded: ${state.knowledge.message}`} isActive={isActive} onBack={() => common('back')} onQuit={quit}/>;
		}

		if (!knowledge) {
			return <Waiting text="Loading the playbooks…"/>;
		}

		switch (screen.name) {
			case 'search': {
				return (
					<SearchScreen
						index={knowledge.index}
						initialQuery={screen.query}
						isActive={isActive}
						onOpen={(result, query) => {
							navigate({type: 'replace', screen: {name: 'search', query}});
							if (result.kind === 'note') {
								navigate({type: 'open', screen: {name: 'note', noteId: result.id}});
							} else {
								navigate({type: 'open', screen: {name: 'playbook', playbookId: result.id, why: result.why}});
							}
						}}
						onBack={() => common('back')}
					/>
				);
			}

			case 'playbook': {
				const playbook = knowledge.playbooks.find(candidate => candidate.id === screen.playbookId);
				if (!playbook) {
					return <Failure message={`There is no playbook "${screen.playbookId}".`} isActive={isActive} onBack={() => common('back')} onQuit={quit}/>;
				}

				return (
					<PlaybookScreen
						key={`${playbook.id}-${screen.finding?.container ?? ''}`}
						playbook={playbook}
						{...(screen.finding ? {finding: screen.finding} : {})}
						why={screen.why}
						notes={notesForPlaybook(playbook, knowledge.notes)}
						isActive={isActive}
						onFix={() => {
							startFix(playbook, screen.finding);
						}}
						onOpenNote={note => {
							navigate({type: 'open', screen: {name: 'note', noteId: note.id}});
						}}
						onAction={common}
					/>
				);
			}

			case 'note': {
				const note = knowledge.notes.find(candidate => candidate.id === screen.noteId);
				if (!note) {
					return <Failure message={`There is no note "${screen.noteId}".`} isActive={isActive} onBack={() => common('back')} onQuit={quit}/>;
				}

				const playbook = linkedPlaybook(knowledge, note.playbook, note.cause);
				return (
					<NoteScreen
						key={note.id}
						note={note}
						{...(playbook ? {playbook} : {})}
						columns={size.columns}
						height={size.rows - 4}
						isActive={isActive}
						onOpenPlaybook={linked => {
							navigate({type: 'open', screen: {name: 'playbook', playbookId: linked.id, why: []}});
						}}
						onAction={common}
					/>
				);
			}

			case 'fix': {
				if (!state.fix) {
					if (initial && !knowledge.playbooks.some(candidate => candidate.id === initial.playbook)) {
						return <Failure message={`There is no playbook "${initial.playbook}": unblock playbooks lists them.`} isActive={isActive} onBack={() => common('back')} onQuit={quit}/>;
					}

					return <Waiting text={initial?.container ? `Reading ${initial.container} from the engine…` : 'Preparing the fix…'}/>;
				}

				return (
					<FixScreen
						session={state.fix}
						{...(state.record ? {record: state.record} : {})}
						rows={size.rows}
						isActive={isActive}
						onAction={action => {
							dispatch({type: 'fix', action});
						}}
						onLeave={() => common('back')}
						onRecord={() => {
							dispatch({type: 'record-opened'});
						}}
						onHelp={() => common('help')}
						onQuit={quit}
					/>
				);
			}

			case 'record': {
				if (!state.record) {
					return <Failure message="There is nothing to record yet." isActive={isActive} onBack={() => common('back')} onQuit={quit}/>;
				}

				return (
					<RecordScreen
						record={state.record}
						isActive={isActive}
						onChange={draft => {
							dispatch({type: 'record-edited', draft});
						}}
						onSave={saveRecord}
						onAction={action => common(action)}
					/>
				);
			}
		}
	};

	return (
		<>
			<Static items={[...state.completed]}>
				{entry => <CompletedStepView key={entry.key} entry={entry}/>}
			</Static>
			<Box flexDirection="column">{renderScreen()}</Box>
		</>
	);
}

function initialState(initial: InitialFix | undefined): AppState {
	if (!initial) {
		return initialAppState({name: 'scan'});
	}

	// Esc from the fix's first step goes to its playbook, as if opened from there.
	return initialAppState({name: 'fix'}, [{name: 'playbook', playbookId: initial.playbook, why: []}]);
}

/** A container the scan did not see (or no scan at all) still has its name. */
function containerFactsOnScreen(state: AppState, name: string, playbookId: string): ContainerFacts {
	const scanned = state.scan.status === 'done' && state.scan.outcome.kind === 'scanned' ? state.scan.outcome.result : undefined;
	return (scanned && containerFactsFor(scanned, name, playbookId)) ?? {facts: {container: name}};
}

function linkedPlaybook(knowledge: WizardKnowledge, id: string | undefined, cause: string | undefined): Playbook | undefined {
	return knowledge.playbooks.find(playbook => playbook.id === id) ?? knowledge.playbooks.find(playbook => playbook.cause === cause);
}

function Waiting({text}: {readonly text: string}) {
	return (
		<Text>
			<Text color={color('accent')}><Spinner type="dots"/></Text>
			{` ${text}`}
		</Text>
	);
}

function Failure({message, isActive, onBack, onQuit}: {readonly message: string; readonly isActive: boolean; readonly onBack: () => void; readonly onQuit: () => void}) {
	useKeys((input, key) => {
		if (key.escape) {
			onBack();
		} else if (input === 'q') {
			onQuit();
		}
	}, {isActive});

	return (
		<Box flexDirection="column">
			<Text color={color('error')}>{message}</Text>
			<Footer context="help"/>
		</Box>
	);
}

function messageOf(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n', 1)[0] ?? 'unknown error';
}
