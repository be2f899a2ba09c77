/**
 * The one place screens are switched: the current screen of the navigation, drawn with what the
 * app state holds for it, its callbacks wired to the wizard's actions.
 */
import type {Dispatch} from 'react';
import {describeContainerNow} from '../core/container-now.js';
import {notesForPlaybook} from '../core/knowledge/link-notes.js';
import type {Playbook} from '../core/playbook-schema.js';
import type {AppAction, AppState} from './app-state.js';
import {Failure, Waiting} from './components/status-views.js';
import {FixScreen} from './screens/fix-screen.js';
import {HelpScreen} from './screens/help-screen.js';
import {NoteScreen} from './screens/note-screen.js';
import {PlaybookScreen} from './screens/playbook-screen.js';
import {RecordScreen} from './screens/record-screen.js';
import {ScanScreen} from './screens/scan-screen.js';
import {SearchScreen} from './screens/search-screen.js';
import type {TerminalSize} from './use-terminal-size.js';
import type {InitialFix} from './use-fix-work.js';
import type {WizardActions} from './use-wizard-actions.js';
import type {WizardKnowledge} from './wizard-runtime.js';

type Props = {
	readonly state: AppState;
	readonly dispatch: Dispatch<AppAction>;
	readonly actions: WizardActions;
	readonly startScan: (quiet?: boolean) => void;
	readonly size: TerminalSize;
	/** The runtime's clock, ticking while the scan screen is shown. */
	readonly now: number;
	readonly initial?: InitialFix;
};

export function ScreenSwitch({state, dispatch, actions, startScan, size, now, initial}: Props) {
	const isActive = state.exitCode === undefined;
	const {screen} = state.navigation;
	const {common, navigate, quit} = actions;
	const knowledge = state.knowledge.status === 'loaded' ? state.knowledge.knowledge : undefined;
	const scanned = state.scan.status === 'done' && state.scan.outcome.kind === 'scanned' ? state.scan.outcome.result : undefined;
	const containerNow = (container: string | undefined) => (scanned && container !== undefined ? {containerNow: describeContainerNow(scanned, container)} : {});
	const failure = (message: string) => <Failure message={message} isActive={isActive} onBack={() => common('back')} onQuit={quit}/>;

	if (screen.name === 'scan') {
		const skipped = knowledge?.skipped.length ?? 0;
		return (
			<ScanScreen
				scan={state.scan}
				selected={state.selectedFinding}
				rows={size.rows}
				now={now}
				{...(skipped > 0 ? {notice: `${skipped} file${skipped === 1 ? '' : 's'} skipped: unblock lint says why.`} : {})}
				isActive={isActive}
				onSelect={index => {
					dispatch({type: 'select-finding', index});
				}}
				onOpen={actions.openFinding}
				onAction={action => {
					if (action === 'rescan') {
						startScan(state.scan.status === 'done');
					} else {
						common(action);
					}
				}}
			/>
		);
	}

	if (screen.name === 'help') {
		return <HelpScreen rows={size.rows} isActive={isActive} onAction={action => common(action === 'back' ? 'help' : 'quit')}/>;
	}

	if (state.knowledge.status === 'failed') {
		return failure(`The playbooks could not be loaded: ${state.knowledge.message}`);
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
					rows={size.rows}
					isActive={isActive}
					onOpen={(result, query) => {
						navigate({type: 'replace', screen: {name: 'search', query}});
						navigate({type: 'open', screen: result.kind === 'note' ? {name: 'note', noteId: result.id} : {name: 'playbook', playbookId: result.id, why: result.why, query}});
					}}
					onBack={() => common('back')}
				/>
			);
		}

		case 'playbook': {
			const playbook = knowledge.playbooks.find(candidate => candidate.id === screen.playbookId);
			if (!playbook) {
				return failure(`There is no playbook "${screen.playbookId}".`);
			}

			return (
				<PlaybookScreen
					key={`${playbook.id}-${screen.finding?.container ?? ''}`}
					playbook={playbook}
					{...(screen.finding ? {finding: screen.finding} : {})}
					why={screen.why}
					{...containerNow(screen.finding?.container)}
					{...(screen.candidates ? {candidates: screen.candidates} : {})}
					notes={notesForPlaybook(playbook, knowledge.notes)}
					rows={size.rows}
					isActive={isActive}
					onFix={() => {
						actions.startFix(playbook, screen.finding, screen.query);
					}}
					onOpenNote={note => {
						navigate({type: 'open', screen: {name: 'note', noteId: note.id}});
					}}
					onSwitch={candidate => {
						navigate({type: 'replace', screen: {...screen, playbookId: candidate.playbook, why: candidate.why}});
					}}
					onAction={common}
				/>
			);
		}

		case 'note': {
			const note = knowledge.notes.find(candidate => candidate.id === screen.noteId);
			if (!note) {
				return failure(`There is no note "${screen.noteId}".`);
			}

			const playbook = linkedPlaybook(knowledge, note.playbook, note.cause);
			return (
				<NoteScreen
					key={note.id}
					note={note}
					{...(playbook ? {playbook} : {})}
					columns={size.columns}
					rows={size.rows}
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
					return failure(`There is no playbook "${initial.playbook}": unblock playbooks lists them.`);
				}

				return <Waiting text={initial?.container ? `Reading ${initial.container} from the engine…` : 'Preparing the fix…'}/>;
			}

			return (
				<FixScreen
					session={state.fix}
					{...(state.record ? {record: state.record} : {})}
					{...containerNow(state.fix.finding?.container)}
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
				return failure('There is nothing to record yet.');
			}

			return (
				<RecordScreen
					record={state.record}
					rows={size.rows}
					isActive={isActive}
					onChange={draft => {
						dispatch({type: 'record-edited', draft});
					}}
					onSave={actions.saveRecord}
					onAction={common}
				/>
			);
		}
	}
}

function linkedPlaybook(knowledge: WizardKnowledge, id: string | undefined, cause: string | undefined): Playbook | undefined {
	return knowledge.playbooks.find(playbook => playbook.id === id) ?? knowledge.playbooks.find(playbook => playbook.cause === cause);
}
